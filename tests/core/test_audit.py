import pytest
from django.db import DatabaseError, connection, transaction

from burgerkracht.core.models import AppendOnlyError, AuditEvent
from tests.factories import DistrictFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_record_writes_who_what_why_about_which_subject():
    actor = UserFactory()
    district = DistrictFactory()

    event = AuditEvent.record(
        subject=district, actor=actor, action="district.renamed", reason="typo"
    )

    stored = AuditEvent.objects.for_subject(district).get()
    assert stored == event
    assert (stored.actor, stored.action, stored.reason, stored.subject) == (
        actor,
        "district.renamed",
        "typo",
        district,
    )


def test_system_events_have_no_actor():
    event = AuditEvent.record(subject=DistrictFactory(), actor=None, action="swept")

    assert event.actor is None


def test_model_refuses_update_and_delete():
    event = AuditEvent.record(subject=DistrictFactory(), actor=None, action="a")

    event.reason = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.update(reason="x")


def test_database_trigger_refuses_raw_update_and_delete():
    event = AuditEvent.record(subject=DistrictFactory(), actor=None, action="a", reason="why")

    for sql in (
        "UPDATE core_auditevent SET reason = 'rewritten' WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])

    event.refresh_from_db()
    assert event.reason == "why"


def test_trigger_allows_forgetting_the_actor_only():
    actor = UserFactory()
    event = AuditEvent.record(subject=DistrictFactory(), actor=actor, action="a")

    AuditEvent.objects.filter(pk=event.pk).update(actor=None)

    event.refresh_from_db()
    assert event.actor is None
