"""After the grant, through the pages with Django's test client: the facilitator plans the
visit and writes it down, the residents give their view, the decision holder decides how it
continues; the residents account afterwards and the facilitator settles. A resident of
another initiative is refused on every one of these pages."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from budget import services
from budget.enums import (
    AccountabilityStatus,
    ApplicationStatus,
    Continuation,
    EvaluationStatus,
)
from budget.models import Accountability, Application, Evaluation, Tranche
from burgerkracht.meetlat.enums import DecisionKind, DecisionStatus
from tests.budget.followup_helpers import (
    PNG,
    complete_meetlat,
    figures,
    grant,
    mails_to,
    recorded,
    submitted,
    tranches,
)
from tests.factories import application_in

pytestmark = pytest.mark.django_db

E = EvaluationStatus
A = AccountabilityStatus
S = ApplicationStatus
D = Decimal
REQUIRED = "Dit veld is verplicht."


def required(label):
    """The message a required field gives when left empty: it names the field."""
    return f"Vul \u2018{label}\u2019 in."


@pytest.fixture
def outsider():
    """The lead of another initiative with its own grant."""
    return application_in(S.GRANTED).initiative.created_by


def field_error(html: str, name: str) -> str:
    """The error message shown next to the field `name`."""
    after = html.split(f'id="id_{name}-error"><p class="portal-field-error">', 1)[1]
    return after.split("</p>", 1)[0]


def refused(client, outsider, url: str) -> None:
    """The outsider gets 403 on the page, looking and posting; then logs out."""
    client.force_login(outsider)
    assert client.get(url).status_code == 403, url
    assert client.post(url, {"next": "", "final": ""}).status_code == 403, url
    client.logout()


def test_the_evaluation_through_the_pages(client, outsider):
    application, holder, facilitator = grant()
    lead = application.initiative.created_by
    evaluation = application.evaluations.get()
    first, second = application.signs.order_by("position")

    def url(name, *args):
        return reverse(f"budget:{name}", args=[evaluation.pk, *args])

    # The facilitator plans the visit.
    refused(client, outsider, url("evaluation"))
    refused(client, outsider, url("visit"))
    client.force_login(facilitator)
    assert client.get(url("evaluation")).status_code == 200
    assert client.get(url("visit")).status_code == 200
    planned = client.post(url("visit"), {"visit_on": "2027-04-20", "visitors": [facilitator.pk]})
    assert planned.status_code == 302
    assert planned.url == evaluation.get_absolute_url()
    stored = Evaluation.objects.get(pk=evaluation.pk)
    assert (stored.visit_on, list(stored.visitors.all())) == (date(2027, 4, 20), [facilitator])

    # Step 1: a forgotten field and a date in the future are shown; nothing is saved.
    for step in (1, 2, 3):
        refused(client, outsider, url("evaluation-step", step))
    client.force_login(facilitator)
    assert client.get(url("evaluation-step", 1)).status_code == 200
    tomorrow = timezone.localdate() + timedelta(days=1)
    wrong = client.post(url("evaluation-step", 1), {
        "meeting": "visit", "held_on": tomorrow.isoformat(), "present": "",
        "participants_now": "9", "next": "",
    })  # fmt: skip
    assert wrong.status_code == 200
    errors = wrong.context["form"].errors
    assert sorted(errors) == ["held_on", "present"]
    assert errors["present"] == [required("Wie waren er?")]
    assert field_error(wrong.text, "present") == required("Wie waren er?")  # next to the field
    assert field_error(wrong.text, "held_on") == errors["held_on"][0]
    assert "toekomst" in errors["held_on"][0]
    assert wrong.text.count(required("Wie waren er?")) == 2  # and in the summary at the top
    assert 'value="9"' in wrong.text  # what was typed stays in the form
    stored = Evaluation.objects.get(pk=evaluation.pk)
    assert (stored.meeting, stored.held_on, stored.participants_now) == ("", None, None)

    # "Save and continue later" keeps what was typed, even with a step not complete.
    later = client.post(url("evaluation-step", 1), {
        "meeting": "visit", "held_on": "", "present": "Anna en twee vrijwilligers",
        "participants_now": "", "later": "",
    })  # fmt: skip
    assert later.url == evaluation.get_absolute_url()
    stored = Evaluation.objects.get(pk=evaluation.pk)
    assert (stored.meeting, stored.present, stored.held_on) == (
        "visit", "Anna en twee vrijwilligers", None,
    )  # fmt: skip
    assert "Anna en twee vrijwilligers" in client.get(url("evaluation-step", 1)).text

    step1 = client.post(url("evaluation-step", 1), {
        "meeting": "visit", "held_on": timezone.localdate().isoformat(),
        "present": "Anna en twee vrijwilligers", "participants_now": "9", "next": "",
    })  # fmt: skip
    assert step1.url == url("evaluation-step", 2)
    step2 = client.post(url("evaluation-step", 2), {
        "going_well": "Elke week koffie.", "hard": "Minder vrijwilligers.",
        "own_capacity": "higher", "next": "",
    })  # fmt: skip
    assert step2.url == url("evaluation-step", 3)
    missing_sign = client.post(
        url("evaluation-step", 3), {f"sign_{first.pk}": "Tien mensen.", "next": ""}
    )
    assert missing_sign.status_code == 200
    assert missing_sign.context["form"].errors == {
        f"sign_{second.pk}": [required("Teken 2: Ze spreken elkaar ook buiten het koor")]
    }
    assert not stored.observations.exists()
    step3 = client.post(url("evaluation-step", 3), {
        f"sign_{first.pk}": "Tien mensen.", f"sign_{second.pk}": "Ook op zondag.", "next": "",
    })  # fmt: skip
    assert step3.url == evaluation.get_absolute_url()
    stored = Evaluation.objects.get(pk=evaluation.pk)
    assert (stored.held_on, stored.participants_now, stored.own_capacity) == (
        timezone.localdate(), 9, "higher",
    )  # fmt: skip
    assert [o.seen for o in stored.observations.all()] == ["Tien mensen.", "Ook op zondag."]

    # Sent to the decision holder.
    refused(client, outsider, url("evaluation-complete"))
    client.force_login(facilitator)
    assert client.get(url("evaluation-complete")).status_code == 200
    sent = client.post(url("evaluation-complete"), {"reason": ""})
    assert sent.url == evaluation.get_absolute_url()
    stored = Evaluation.objects.get(pk=evaluation.pk)
    assert (stored.status, stored.recorded_by) == (E.RECORDED, facilitator)
    assert stored.decision.kind == DecisionKind.CONTINUATION
    assert client.get(url("evaluation-step", 1)).status_code == 403  # written down now

    # The residents' view.
    refused(client, outsider, url("resident-view"))
    client.force_login(lead)
    assert client.get(url("evaluation")).status_code == 200
    assert client.get(url("resident-view")).status_code == 200
    view = client.post(url("resident-view"), {"resident_view": "We willen graag door."})
    assert view.url == evaluation.get_absolute_url()
    assert Evaluation.objects.get(pk=evaluation.pk).resident_view == "We willen graag door."
    assert client.get(url("continuation")).status_code == 403  # not theirs to decide

    # The decision holder: a draft first, the residents see nothing; then final.
    refused(client, outsider, url("continuation"))
    refused(client, outsider, url("evaluation-reopen"))
    complete_meetlat(stored.decision, holder)
    client.force_login(holder)
    assert client.get(url("continuation")).status_code == 200
    mails_before = len(mails_to(lead))
    choice = {"outcome": Continuation.CONTINUE, "reasons": "Er komen nu negen mensen.",
              "extra_amount": "", "reduce_by": "", "new_agreements": ""}  # fmt: skip
    draft = client.post(url("continuation"), {**choice, "save": ""})
    assert draft.url == url("continuation")
    stored = Evaluation.objects.get(pk=evaluation.pk)
    assert (stored.status, stored.outcome, stored.decision.status) == (
        E.RECORDED, Continuation.CONTINUE, DecisionStatus.DRAFT,
    )  # fmt: skip
    assert len(mails_to(lead)) == mails_before
    client.force_login(lead)
    assert "Er komen nu negen mensen." not in client.get(url("evaluation")).text

    client.force_login(holder)
    final = client.post(url("continuation"), {**choice, "final": ""})
    assert final.url == evaluation.get_absolute_url()
    stored = Evaluation.objects.get(pk=evaluation.pk)
    assert (stored.status, stored.decided_by, stored.decision.status) == (
        E.DECIDED, holder, DecisionStatus.FINAL,
    )  # fmt: skip
    assert [state for _d, _a, state in tranches(application)] == ["released", "released"]
    assert "Er komen nu negen mensen." in mails_to(lead)[-1].body
    client.force_login(lead)
    assert "Er komen nu negen mensen." in client.get(url("evaluation")).text

    # Paying, through the payment page.
    june = Tranche.objects.get(planned_on=date(2027, 6, 1))
    pay_url = reverse("budget:pay", args=[application.pk, june.pk])
    refused(client, outsider, pay_url)
    client.force_login(facilitator)
    paid = client.post(pay_url, {"paid_on": timezone.localdate().isoformat()})
    assert paid.url == application.get_absolute_url()
    assert figures(application.line) == (D("500.00"), D("0.00"), D("4500.00"), D("200.00"))


def test_a_bad_continuation_is_shown_next_to_the_field_and_nothing_changes(client):
    application, holder, facilitator = grant()
    evaluation = recorded(application, holder, facilitator)
    client.force_login(holder)
    url = reverse("budget:continuation", args=[evaluation.pk])

    response = client.post(url, {
        "outcome": Continuation.FEWER_MEANS, "reasons": "", "reduce_by": "", "final": "",
    })  # fmt: skip

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert sorted(errors) == ["reasons", "reduce_by"]
    assert errors["reasons"] == [REQUIRED]
    stored = Evaluation.objects.get(pk=evaluation.pk)
    assert (stored.status, stored.outcome) == (E.RECORDED, "")
    assert figures(application.line)[0] == D("500.00")


def test_the_decision_holder_sends_it_back_through_the_page(client, outsider):
    application, holder, facilitator = grant()
    evaluation = recorded(application, holder, facilitator)
    url = reverse("budget:evaluation-reopen", args=[evaluation.pk])
    refused(client, outsider, url)
    client.force_login(facilitator)
    assert client.get(url).status_code == 403  # the decision holder's, not the facilitator's
    client.force_login(holder)
    assert client.get(url).status_code == 200

    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 200
    assert empty.context["form"].errors["reason"] == [REQUIRED]
    assert Evaluation.objects.get(pk=evaluation.pk).status == E.RECORDED

    back = client.post(url, {"reason": "Hoeveel vrijwilligers zijn er nog?"})

    assert back.url == evaluation.get_absolute_url()
    assert Evaluation.objects.get(pk=evaluation.pk).status == E.PLANNED
    assert "Hoeveel vrijwilligers zijn er nog?" in mails_to(facilitator)[-1].body
    client.force_login(facilitator)
    assert client.get(reverse("budget:evaluation-step", args=[evaluation.pk, 2])).status_code == 200


def test_the_accountability_through_the_pages(client, outsider):
    application, holder, facilitator = grant()
    first_payment = application.award.tranches.order_by("planned_on").first()
    services.pay_tranche(by=holder, tranche=first_payment, paid_on=date(2026, 11, 10))
    lead = application.initiative.created_by
    accountability = application.accountability
    first, second = application.signs.order_by("position")
    dirigent, zaal = application.cost_lines.order_by("position")

    def url(name, *args):
        return reverse(f"budget:{name}", args=[accountability.pk, *args])

    for page in [url("accountability"), *(url("accountability-step", n) for n in (1, 2, 3, 4)),
                 url("accountability-file"), url("accountability-submit")]:  # fmt: skip
        refused(client, outsider, page)
    client.force_login(lead)
    assert client.get(url("accountability")).status_code == 200
    assert client.get(url("accountability-step", 1)).status_code == 200

    # Step 1: "partly" needs what got in the way; save for later keeps what there is.
    wrong = client.post(url("accountability-step", 1), {
        "result_reached": "partly", "what_got_in_the_way": "", f"sign_{first.pk}": "yes",
        f"sign_{second.pk}": "no", "next": "",
    })  # fmt: skip
    assert wrong.status_code == 200
    assert list(wrong.context["form"].errors) == ["what_got_in_the_way"]
    assert Accountability.objects.get(pk=accountability.pk).result_reached == ""
    later = client.post(url("accountability-step", 1), {
        "result_reached": "partly", "what_got_in_the_way": "De zaal.", f"sign_{first.pk}": "yes",
        "later": "",
    })  # fmt: skip
    assert later.url == accountability.get_absolute_url()
    stored = Accountability.objects.get(pk=accountability.pk)
    assert (stored.result_reached, stored.what_got_in_the_way) == ("partly", "De zaal.")
    assert [(r.sign_id, r.reached) for r in stored.sign_results.all()] == [(first.pk, "yes")]

    step1 = client.post(url("accountability-step", 1), {
        "result_reached": "partly", "what_got_in_the_way": "De zaal was twee maanden dicht.",
        f"sign_{first.pk}": "yes", f"sign_{second.pk}": "partly", "next": "",
    })  # fmt: skip
    assert step1.url == url("accountability-step", 2)
    no_count = client.post(url("accountability-step", 2), {
        "participants": "", "activities": "30", "resident_input": "Samen besloten.", "next": "",
    })  # fmt: skip
    assert no_count.status_code == 200
    assert no_count.context["form"].errors == {
        "participants": [required("Hoeveel mensen deden er mee?")]
    }
    assert field_error(no_count.text, "participants") == required("Hoeveel mensen deden er mee?")
    assert 'value="30"' in no_count.text
    step2 = client.post(url("accountability-step", 2), {
        "participants": "11", "activities": "30", "resident_input": "Samen besloten.",
        "next": "",
    })  # fmt: skip
    assert step2.url == url("accountability-step", 3)

    # Step 3 with a receipt.
    assert client.get(url("accountability-step", 3)).status_code == 200
    receipt = client.post(url("accountability-file"), {"file": SimpleUploadedFile("bon.png", PNG)})
    assert receipt.url == url("accountability-step", 3)
    [attachment] = application.attachments.all()
    assert (attachment.name, attachment.for_accountability) == ("bon.png", True)
    step3 = client.post(url("accountability-step", 3), {
        f"spent_{dirigent.pk}": "250,00", f"note_{dirigent.pk}": "Tien lessen",
        f"spent_{zaal.pk}": "20", f"note_{zaal.pk}": "", "next": "",
    })  # fmt: skip
    assert step3.url == url("accountability-step", 4)
    step4 = client.post(url("accountability-step", 4), {
        "story": "We zongen elke week.", "story_public": "on", "lessons": "Begin klein.",
        "next_step": "follow_up", "next": "",
    })  # fmt: skip
    assert step4.url == accountability.get_absolute_url()
    assert client.get(url("accountability-submit")).status_code == 200
    sent = client.post(url("accountability-submit"), {"reason": ""})
    assert sent.url == accountability.get_absolute_url()
    stored = Accountability.objects.get(pk=accountability.pk)
    assert (stored.status, stored.submitted_by, stored.total_spent) == (
        A.SUBMITTED, lead, D("270.00"),
    )  # fmt: skip
    assert [(s.cost_line_id, s.spent, s.note) for s in stored.spending.all()] == [
        (dirigent.pk, D("250.00"), "Tien lessen"), (zaal.pk, D("20.00"), ""),
    ]  # fmt: skip
    assert (stored.story_public, stored.next_step, stored.participants) == (True, "follow_up", 11)
    assert client.get(url("accountability-step", 1)).status_code == 403  # sent in now

    # The facilitator settles.
    refused(client, outsider, url("settle"))
    refused(client, outsider, url("accountability-ask"))
    client.force_login(facilitator)
    assert client.get(url("accountability")).status_code == 200
    page = client.get(url("settle"))
    assert page.status_code == 200
    assert page.context["figures"]["released"] == D("200.00")
    settled = client.post(url("settle"), {"note": "Mooi gedaan."})
    assert settled.url == accountability.get_absolute_url()
    stored = Accountability.objects.get(pk=accountability.pk)
    assert (stored.status, stored.settled_by, stored.spent, stored.settle_note) == (
        A.SETTLED, facilitator, D("270.00"), "Mooi gedaan.",
    )  # fmt: skip
    assert Application.objects.get(pk=application.pk).status == S.CLOSED
    assert figures(application.line) == (D("500.00"), D("200.00"), D("4700.00"), D("300.00"))
    assert client.get(url("settle")).status_code == 403  # settled once


def test_save_for_later_keeps_a_partly_reached_result_without_the_explanation_yet(client):
    application, _holder, _facilitator = grant()
    accountability = application.accountability
    client.force_login(application.initiative.created_by)

    later = client.post(
        reverse("budget:accountability-step", args=[accountability.pk, 1]),
        {"result_reached": "partly", "what_got_in_the_way": "", "later": ""},
    )

    assert later.status_code == 302
    assert Accountability.objects.get(pk=accountability.pk).result_reached == "partly"


def test_the_facilitator_asks_for_more_and_the_residents_send_it_in_again(client):
    application, _holder, facilitator = grant()
    accountability = submitted(application)
    lead = application.initiative.created_by
    client.force_login(facilitator)
    ask = reverse("budget:accountability-ask", args=[accountability.pk])

    asked = client.post(ask, {"reason": "Stuur de bon van de zaal mee."})

    assert asked.url == accountability.get_absolute_url()
    stored = Accountability.objects.get(pk=accountability.pk)
    assert (stored.status, stored.question) == (A.MORE_ASKED, "Stuur de bon van de zaal mee.")
    client.force_login(lead)
    page = client.get(accountability.get_absolute_url())
    assert "Stuur de bon van de zaal mee." in page.text
    sent = client.post(reverse("budget:accountability-submit", args=[accountability.pk]), {})
    assert sent.url == accountability.get_absolute_url()
    assert Accountability.objects.get(pk=accountability.pk).status == A.SUBMITTED
