"""Issue #22 §3: the verdict at the advice evaluation sets the promise's status, so a promise
judged "niet nagekomen" or kept no longer shows "Nieuw" / "Te laat" in the register, its CSV,
on the dashboards or on the draft agenda with the college, and is no longer counted once the
advice is closed."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from advice.meeting_selectors import draft_agenda
from advice.models import Advice, Promise
from advice.services import followup
from burgerkracht.core.models import AuditEvent
from tests.advice.factories import advice_in, body, coordinator

pytestmark = pytest.mark.django_db

REGISTER = reverse("advice:promises")


def _late_promises():
    """An answered ASD advice whose two promises are past their due date."""
    boss = coordinator()
    advice = advice_in("answered", coordinator_user=boss)
    Promise.objects.filter(advice=advice).update(due_on=timezone.localdate() - timedelta(days=5))
    kept, broken = advice.promises.order_by("pk")
    return advice, boss, kept, broken


def _judge(advice: Advice, boss, verdicts: dict) -> None:
    followup.save_evaluation(
        evaluation=advice.evaluation, by=boss, held_on=timezone.localdate(), participants="ASD",
        what_happened="Het loket is er.", effect="Minder wachten.", body_appraisal="Half.",
        verdicts=verdicts,
    )  # fmt: skip
    followup.complete_evaluation(evaluation=advice.evaluation, by=boss)


def _csv_rows(client) -> dict[str, tuple[str, str]]:
    """Promise text → (status, overdue) as the CSV export gives them."""
    content = client.get(REGISTER, {"_export": "csv"}).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    header = rows[0]
    status, overdue = header.index("Status"), header.index("Te laat")
    return {row[0]: (row[status], row[overdue]) for row in rows[1:]}


def _dashboard(client) -> dict:
    panels = client.get(reverse("core:dashboard")).context["panels"]
    return next(p.context for p in panels if p.template == "advice/dashboard_panel.html")


def test_the_verdict_sets_the_status_in_every_place(client):
    advice, boss, kept, broken = _late_promises()
    client.force_login(boss)
    assert _csv_rows(client)[broken.text] == ("Nieuw", "Ja")
    assert (_dashboard(client)["overdue_promises"], _dashboard(client)["my_overdue"]) == (2, 2)
    assert draft_agenda(body("asd"), timezone.localdate()).overdue_promises == [kept, broken]

    _judge(advice, boss, {kept.pk: ("kept", ""), broken.pk: ("not_kept", "Geen geld.")})

    assert Advice.objects.get(pk=advice.pk).status == "closed"
    rows = _csv_rows(client)
    assert (rows[kept.text], rows[broken.text]) == (("Nagekomen", "Nee"), ("Niet nagekomen", "Nee"))
    page = client.get(REGISTER, {"status": "not_kept"})
    assert [p.pk for p in page.context["table"].data] == [broken.pk]
    assert "Niet nagekomen" in page.content.decode()
    panel = _dashboard(client)
    assert (panel["overdue_promises"], panel["my_promises"], panel["my_overdue"]) == (0, 0, 0)
    agenda = draft_agenda(body("asd"), timezone.localdate())
    assert agenda.overdue_promises == []
    assert advice.reference not in agenda.text()
    detail = client.get(reverse("advice:promise-detail", args=[broken.pk])).content.decode()
    assert "Niet nagekomen" in detail and "Geen geld." in detail
    judged = AuditEvent.objects.for_subject(broken).filter(action="promise.judged").get()
    assert (judged.data, judged.actor_id) == ({"from": "new", "to": "not_kept"}, boss.pk)


def test_a_partly_kept_promise_is_partly_kept_and_no_longer_open(client):
    advice, boss, kept, broken = _late_promises()

    _judge(advice, boss, {kept.pk: ("partly", "Alleen in Haven."), broken.pk: ("kept", "")})

    statuses = dict(Promise.objects.filter(advice=advice).values_list("pk", "status"))
    assert statuses == {kept.pk: "partly", broken.pk: "done"}
    client.force_login(boss)
    assert _csv_rows(client)[kept.text] == ("Deels nagekomen", "Nee")
