"""The promise register (filters, derived overdue, export, constant queries) and a promise's
page: progress by its owner, dropping with a reason, reassigning by the coordinator."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advice.enums import PromiseStatus
from advice.models import Promise
from tests.advice.factories import advice_in, coordinator, member
from tests.factories import UserFactory
from tests.language import in_language

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
LIST = "/adviezen/toezeggingen/"


@pytest.fixture(autouse=True)
def _english(client):
    in_language(client, "en")


@pytest.fixture
def answered():
    return advice_in("answered")


@pytest.fixture
def promise(answered):
    return answered.promises.order_by("pk").first()


def _detail(promise):
    return reverse("advice:promise-detail", args=[promise.pk])


def test_the_register_derives_overdue_from_the_due_date(client, answered):
    late, on_time = answered.promises.order_by("pk")
    Promise.objects.filter(pk=late.pk).update(due_on=TODAY() - timedelta(days=1))
    client.force_login(coordinator())

    overdue = client.get(LIST, {"overdue": "yes"}).context["table"].data
    not_overdue = client.get(LIST, {"overdue": "no"}).context["table"].data

    assert [p.pk for p in overdue] == [late.pk]
    assert [p.pk for p in not_overdue] == [on_time.pk]
    # Done is never overdue, whatever its date.
    Promise.objects.filter(pk=late.pk).update(status=PromiseStatus.DONE)
    assert list(client.get(LIST, {"overdue": "yes"}).context["table"].data) == []


def test_the_register_filters_on_status_owner_and_body(client, answered):
    first, second = answered.promises.order_by("pk")
    other = UserFactory(role="advice_coordinator")
    Promise.objects.filter(pk=second.pk).update(owner=other, status=PromiseStatus.ON_TRACK)
    bo = advice_in("answered", body_slug="bo-plus", by=member("bo-plus", "bo_plus_representative"))
    client.force_login(other)

    def pks(**query):
        return sorted(p.pk for p in client.get(LIST, query).context["table"].data)

    assert pks(mine="true") == [second.pk]
    assert pks(status="on_track") == [second.pk]
    assert pks(body=bo.body_id) == sorted(bo.promises.values_list("pk", flat=True))
    assert pks(advice=answered.pk) == [first.pk, second.pk]


def test_the_register_exports_csv_and_xlsx(client, promise):
    client.force_login(UserFactory(role="read_only"))

    csv = client.get(LIST, {"_export": "csv"})
    xlsx = client.get(LIST, {"_export": "xlsx"})

    assert csv.status_code == 200 and promise.text in csv.content.decode()
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def _bulk(answered, n):
    Promise.objects.bulk_create(
        Promise(advice=answered, text=f"Belofte {i}", department="Wmo", owner=answered.contact,
                due_on=TODAY() + timedelta(days=i - n // 2))
        for i in range(n)
    )  # fmt: skip


def test_the_register_takes_the_same_queries_for_10_and_1000_promises(client, answered):
    client.force_login(coordinator())
    _bulk(answered, 8)
    client.get(LIST)  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST, {"sort": "status"}).status_code == 200
    _bulk(answered, 990)
    with CaptureQueriesContext(connection) as many:
        assert client.get(LIST, {"sort": "status"}).status_code == 200

    assert len(many) == len(few)


def test_body_members_see_the_register_and_others_do_not(client, promise):
    client.force_login(member("bo-plus", "bo_plus_representative"))
    assert client.get(LIST).status_code == 200
    assert client.get(_detail(promise)).status_code == 200
    client.force_login(UserFactory(role="resident"))
    assert client.get(LIST).status_code == 403
    assert client.get(_detail(promise)).status_code == 403


def test_the_owner_writes_progress_and_the_history_shows_it(client, promise):
    client.force_login(promise.owner)

    response = client.post(
        _detail(promise), {"update-note": "Loket is open.", "update-status": "on_track",
                           "update": ""},
    )  # fmt: skip

    assert response.status_code == 302
    promise.refresh_from_db()
    assert promise.status == PromiseStatus.ON_TRACK
    assert "Loket is open." in client.get(_detail(promise)).content.decode()


def test_dropping_needs_a_reason_shown_next_to_the_field(client, promise):
    client.force_login(promise.owner)
    data = {"update-note": "Geen geld.", "update-status": "dropped", "update": ""}

    refused = client.post(_detail(promise), data)
    dropped = client.post(_detail(promise), {**data, "update-drop_reason": "Bezuiniging."})

    assert refused.status_code == 200
    assert "Say why the promise is dropped." in refused.content.decode()
    assert "Geen geld." in refused.content.decode()  # the note is kept
    assert dropped.status_code == 302
    promise.refresh_from_db()
    assert (promise.status, promise.drop_reason) == (PromiseStatus.DROPPED, "Bezuiniging.")


def test_a_status_outside_the_table_is_refused(client, promise):
    client.force_login(promise.owner)
    Promise.objects.filter(pk=promise.pk).update(status=PromiseStatus.DONE)

    response = client.post(
        _detail(promise), {"update-note": "x", "update-status": "new", "update": ""}
    )

    assert response.status_code == 200
    assert Promise.objects.get(pk=promise.pk).status == PromiseStatus.DONE


def test_only_editors_reassign_and_a_reason_is_needed(client, promise):
    new_owner = UserFactory(role="facilitator")
    due = (TODAY() + timedelta(days=200)).isoformat()
    data = {"reassign-owner": new_owner.pk, "reassign-department": "Jeugd",
            "reassign-due_on": due, "reassign": ""}  # fmt: skip
    client.force_login(member("asd"))
    assert client.post(_detail(promise), {**data, "reassign-reason": "x"}).status_code == 403
    client.force_login(coordinator())

    refused = client.post(_detail(promise), data)
    moved = client.post(_detail(promise), {**data, "reassign-reason": "Nieuwe afdeling."})

    assert refused.status_code == 200 and refused.context["reassign_form"].errors
    assert moved.status_code == 302
    promise.refresh_from_db()
    assert (promise.owner, promise.department) == (new_owner, "Jeugd")


def test_body_members_read_but_do_not_update(client, promise):
    client.force_login(member("asd"))

    html = client.get(_detail(promise)).content.decode()
    response = client.post(_detail(promise), {"update-note": "x", "update-status": "done"})

    assert 'name="update"' not in html
    assert response.status_code == 403
