"""The advisory-work section of the continuity-risk report (issue #8, REP-08): every figure
against a count made here in Python from the objects, and a fixed number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext

from advice.enums import AdviceKind, AdviceStatus, BodyKind, MemberRole, PromiseStatus
from advice.models import Advice, AdvisoryBody, Membership, Promise
from advice.reports import continuity_section
from advice.services import followup
from burgerkracht.accounts.models import User
from burgerkracht.core.reporting import reports
from tests.advice.factories import advice_in, body, coordinator, member

pytestmark = pytest.mark.django_db

IN_PROGRESS = (AdviceStatus.FINAL, AdviceStatus.ANSWERED)


def leave(user) -> None:
    User.objects.filter(pk=user.pk).update(is_active=False)


@pytest.fixture
def world():
    boss = coordinator()
    fine = advice_in("final", coordinator_user=boss, title="Goed geregeld")
    no_backup = advice_in("final", coordinator_user=boss, title="Zonder backup")
    Advice.objects.filter(pk=no_backup.pk).update(backup_contact=None)
    gone = advice_in("answered", coordinator_user=coordinator(), title="Contact vertrokken")
    leave(gone.contact)
    closed = advice_in("closed", coordinator_user=boss, title="Gesloten zonder backup")
    Advice.objects.filter(pk=closed.pk).update(backup_contact=None)
    advice_in("concept", title="Concept zonder contact")
    # The ASD has members (from the advices) and a secretary; the BO+ has one person; a
    # new body has nobody; an inactive body does not count.
    member("asd", "asd_secretary", member_role=MemberRole.SECRETARY)
    member("bo-plus", "bo_plus_representative", member_role=MemberRole.REPRESENTATIVE)
    AdvisoryBody.objects.create(name="Wmo-raad", short_name="WMO", slug="wmo",
                                kind=BodyKind.OTHER)  # fmt: skip
    AdvisoryBody.objects.create(name="Oude raad", short_name="OUD", slug="oud",
                                kind=BodyKind.OTHER, is_active=False)  # fmt: skip
    # Promises: the owner of one open promise left; a done promise of someone who left is
    # no risk.
    promises = list(Promise.objects.filter(advice=gone).order_by("pk"))
    followup.update_promise(promise=promises[1], by=boss, note="Klaar.",
                            status=PromiseStatus.DONE)  # fmt: skip
    return {"fine": fine, "no_backup": no_backup, "gone": gone, "boss": boss}


def expected() -> dict[str, set[str]]:
    """The items at risk, found by walking the objects."""
    advices = {
        a.reference for a in Advice.objects.select_related("contact", "backup_contact")
        if a.status in IN_PROGRESS and (
            a.contact is None or not a.contact.is_active
            or a.backup_contact is None or not a.backup_contact.is_active)
    }  # fmt: skip
    bodies = set()
    for b in AdvisoryBody.objects.filter(is_active=True):
        current = [m for m in Membership.objects.filter(body=b).select_related("user")
                   if m.ended_on is None and m.user.is_active]  # fmt: skip
        if len(current) <= 1 or not any(m.role == MemberRole.SECRETARY for m in current):
            bodies.add(b.short_name)
    promises = {
        p.pk for p in Promise.objects.select_related("owner")
        if p.status in (PromiseStatus.NEW, PromiseStatus.ON_TRACK) and not p.owner.is_active
    }  # fmt: skip
    return {"advices": advices, "bodies": bodies, "promises": promises}


def section():
    (result,) = continuity_section({})
    return result


def test_figures_equal_the_counts_from_the_objects(world):
    want = expected()

    got = {str(f.label): f.value for f in section().figures}

    assert got == {
        gettext("Advices without a safe contact"): len(want["advices"]),
        gettext("Bodies with one member or no secretary"): len(want["bodies"]),
        gettext("Open promises whose owner left"): len(want["promises"]),
    }
    assert want["advices"] == {world["no_backup"].reference, world["gone"].reference}
    assert want["bodies"] == {"BO+", "WMO"}
    assert len(want["promises"]) == 1


def test_the_table_lists_every_item_by_reference_and_nothing_personal(world):
    want = expected()

    rows = section().tables[0].rows

    advices = {r["item"].split(" ")[0] for r in rows if r["kind"] == gettext("Advice")}
    bodies = {r["item"] for r in rows if r["kind"] == gettext("Advisory body")}
    assert (advices, bodies) == (want["advices"], want["bodies"])
    assert len(rows) == sum(len(items) for items in want.values())
    names = [u.full_name for u in User.objects.exclude(full_name="")]
    emails = [u.email for u in User.objects.all()]
    text = " ".join(str(v) for row in rows for v in row.values())
    assert [n for n in names + emails if n in text] == []


def test_a_secretary_who_leaves_puts_the_body_at_risk(world):
    secretary = Membership.objects.get(body=body("asd"), role=MemberRole.SECRETARY).user
    assert "ASD" not in expected()["bodies"]

    leave(secretary)

    assert "ASD" in expected()["bodies"]
    assert any(r["item"] == "ASD" for r in section().tables[0].rows)


def test_the_section_is_contributed_to_the_continuity_report(world):
    class Continuity(reports.Report):
        slug = "continuity"
        title = "Continuity"

        def sections(self, filters):
            return []

    sections = reports.build(Continuity(), {})

    assert [str(s.title) for s in sections][-1] == gettext("Advisory work")


def _bulk(count: int, asd, owner) -> None:
    """`count` final advices without a backup, each with an open promise of `owner`."""
    Advice.objects.filter(reference__startswith="BLK-").delete()
    advices = Advice.objects.bulk_create(
        Advice(reference=f"BLK-{n:06d}", body=asd, title=f"Advies {n}",
               kind=AdviceKind.UNSOLICITED, status=AdviceStatus.FINAL, contact=owner,
               received_on=timezone.localdate(),
               response_due=timezone.localdate() + timedelta(weeks=8))
        for n in range(count)
    )  # fmt: skip
    Promise.objects.bulk_create(
        Promise(advice=a, text="Beloofd.", department="SD", owner=owner,
                due_on=timezone.localdate())
        for a in advices
    )  # fmt: skip


def test_the_section_costs_the_same_queries_at_10_and_10000_items(world):
    leaver = coordinator()
    leave(leaver)

    def queries(count: int) -> int:
        _bulk(count, body("asd"), leaver)
        with CaptureQueriesContext(connection) as context:
            result = section()
        assert result.figures[0].value >= count
        return len(context.captured_queries)

    few = queries(10)
    many = queries(10_000)

    assert few == many == 3
