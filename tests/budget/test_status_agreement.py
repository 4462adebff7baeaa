"""Issue #22 §3: every status a person sees follows the thing it describes. A grant is driven
from application to settlement through the services; at each step the status the resident
sees on their dashboard and on the initiative page, the one in the officials' list, and the
statuses on the grant's own page are read from the rendered pages (in Dutch)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from budget import services
from budget.models import Accountability, Application, Evaluation
from burgerkracht.core.models import AuditEvent
from initiatives.models import Initiative
from tests.budget.followup_helpers import complete_meetlat, decided, fill_in
from tests.factories import UserFactory, application_in, open_line

pytestmark = pytest.mark.django_db

BADGE = re.compile(r'<span class="utrecht-status-badge[^"]*">([^<]*)</span>')
CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S)
TAG = re.compile(r"<[^>]+>")


def _text(html: str) -> str:
    return " ".join(TAG.sub(" ", html).split())


def seen(client, application: Application) -> dict[str, object]:
    """Every status shown about this grant and its initiative, page by page."""
    initiative = Initiative.objects.get(pk=application.initiative_id)
    lead, facilitator = initiative.created_by, initiative.facilitator
    client.force_login(lead)
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    card = dashboard[dashboard.index(initiative.title) :]
    detail = client.get(reverse("initiatives:detail", args=[initiative.pk])).content.decode()
    page = client.get(reverse("budget:application", args=[application.pk])).content.decode()
    client.force_login(facilitator)
    officials = client.get(reverse("initiatives:officials-list") + "?closed=on").content.decode()
    row = next(r for r in officials.split("<tr")[1:] if initiative.title in r)
    follow_up = page[page.index('id="follow-up-title"') :] if "follow-up-title" in page else ""
    evaluations = follow_up[: follow_up.find("</table>")]
    return {
        "dashboard": BADGE.search(card).group(1),
        "initiative page": BADGE.search(detail).group(1),
        "officials' list": [_text(c) for c in CELL.findall(row)],
        "grant": BADGE.search(page).group(1),
        "evaluations": [_text(c) for c in CELL.findall(evaluations)][2::4],
    }


def assert_seen(client, application, *, initiative: str, grant: str, evaluations: list[str]):
    shown = seen(client, application)
    assert shown["dashboard"] == initiative
    assert shown["initiative page"] == initiative
    assert initiative in shown["officials' list"]
    assert shown["grant"] == grant
    assert shown["evaluations"] == evaluations


def _granted(client, *, lead=None):
    """An application taken step by step to a grant with two evaluations, checking the pages
    at every step; returns (application, holder, facilitator)."""
    line, holder = open_line(allocation="5000.00")
    facilitator = UserFactory(role="facilitator")
    application = application_in("submitted", line=line, facilitator=facilitator, lead=lead)
    assert_seen(client, application, initiative="Ingediend", grant="Ingediend", evaluations=[])

    services.save_assessment(
        application=application, by=facilitator, is_complete=True,
        legal_check="Geen vergunning nodig.", administrative_check="Reserve is genoemd.",
        financial_check="De begroting klopt.", criterion_reasoning="Ze doen weer mee.",
        proposed_amount=Decimal("500.00"), line=line,
    )  # fmt: skip
    assert_seen(client, application, initiative="Ingediend", grant="Wordt getoetst", evaluations=[])

    services.complete_assessment(application=application, by=facilitator)
    assert_seen(
        client, application, initiative="Ingediend", grant="Wacht op besluit", evaluations=[]
    )

    services.save_decision(
        application=application, by=holder, outcome="granted", reasons="Het past.",
        granted_amount=Decimal("500.00"), alternatives="",
        evaluation_dates=["2027-03-01", "2027-09-01"], accountability_due=date(2027, 12, 31),
        payment_schedule=[{"date": "2027-02-01", "amount": "500.00"}], extra_agreements="",
    )  # fmt: skip
    complete_meetlat(Application.objects.get(pk=application.pk).decision, holder)
    services.publish_decision(application=application, by=holder)
    application = Application.objects.get(pk=application.pk)
    assert_seen(
        client, application, initiative="Loopt", grant="Toegekend",
        evaluations=["Gepland", "Gepland"],
    )  # fmt: skip
    return application, holder, facilitator


def test_statuses_follow_a_grant_from_application_to_settlement(client):
    application, holder, facilitator = _granted(client)

    decided(application, holder, facilitator, "continue")
    assert_seen(
        client, application, initiative="Loopt", grant="Toegekend",
        evaluations=["Besloten", "Gepland"],
    )  # fmt: skip

    accountability = fill_in(application, spent=("250.00", "0.00"))
    services.submit_accountability(
        accountability=accountability, by=application.initiative.created_by
    )
    assert_seen(
        client, application, initiative="Loopt", grant="Toegekend",
        evaluations=["Besloten", "Gepland"],
    )  # fmt: skip

    services.settle_accountability(
        accountability=Accountability.objects.get(pk=accountability.pk), by=facilitator
    )
    # The residents go on by themselves: the initiative keeps running; the evaluation that
    # was still planned is no longer needed: cancelled, it leaves the grant's page.
    assert_seen(
        client, application, initiative="Loopt", grant="Afgesloten", evaluations=["Besloten"]
    )
    later = Evaluation.objects.get(application=application, planned_on=date(2027, 9, 1))
    cancelled = AuditEvent.objects.for_subject(later).filter(action="evaluation.status").last()
    assert (cancelled.data["to"], cancelled.actor_id) == ("cancelled", facilitator.pk)


def test_initiative_ends_with_the_grant_when_the_initiators_stop(client):
    application, _holder, facilitator = _granted(client)
    accountability = fill_in(application, spent=("250.00", "0.00"), result="partly")
    services.save_accountability_step(
        accountability=accountability, by=application.initiative.created_by, step=4,
        data={"story": "Het was mooi.", "lessons": "Begin klein.", "next_step": "stop"},
    )  # fmt: skip
    services.submit_accountability(
        accountability=accountability, by=application.initiative.created_by
    )

    services.settle_accountability(
        accountability=Accountability.objects.get(pk=accountability.pk), by=facilitator
    )

    assert_seen(client, application, initiative="Afgerond", grant="Afgesloten", evaluations=[])
    initiative = Initiative.objects.get(pk=application.initiative_id)
    assert (initiative.result, initiative.lessons) == ("partly", "Begin klein.")


def test_a_rejected_application_leaves_its_initiative_submitted(client):
    application = application_in("rejected", outcome="rejected")

    assert Initiative.objects.get(pk=application.initiative_id).status == "submitted"
