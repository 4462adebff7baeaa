"""SC-14: less professional support lowers the chosen cost line and the award, the money going
back to the line; every outcome that changes money or agreements is an amended award letter
linked to its evaluation (continuing as agreed is none); a holder of another line is refused."""

import pytest

from budget import services
from budget.enums import LetterKind
from budget.models import Award, CostLine, Evaluation, Letter
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent
from tests.budget.followup_helpers import (
    C,
    D,
    E,
    decided,
    figures,
    grant,
    mails_to,
    pay_first,
    recorded,
    tranches,
)
from tests.factories import open_line

pytestmark = pytest.mark.django_db
AGREED = "Anna leidt de repetities zelf; de dirigent komt nog maar eens per maand."


def support(application) -> CostLine:
    """The factory's cost lines: Dirigent € 400 (the professional support), Zaalhuur € 200."""
    return application.cost_lines.get(description="Dirigent")


def test_less_support_lowers_the_cost_line_and_the_award_and_gives_the_money_back():
    application, holder, facilitator = grant()
    pay_first(application, holder)
    line = application.line
    dirigent = support(application)

    evaluation = decided(
        application, holder, facilitator, C.LESS_SUPPORT, reduce_by=D("150.00"),
        cost_line=dirigent, new_agreements=AGREED,
    )  # fmt: skip

    assert (evaluation.status, evaluation.cost_line_was) == (E.DECIDED, D("400.00"))
    assert CostLine.objects.get(pk=dirigent.pk).amount == D("250.00")
    assert CostLine.objects.get(description="Zaalhuur", application=application).amount == D(
        "200.00"
    )
    assert Award.objects.get(pk=application.award_id).amount == D("350.00")
    # June's € 200 loses € 150 and is released; the line has the € 150 back.
    assert tranches(application) == [
        ("2027-02-01", D("300.00"), "paid"), ("2027-06-01", D("50.00"), "released"),
    ]  # fmt: skip
    assert figures(line) == (D("350.00"), D("0.00"), D("4650.00"), D("300.00"))
    event = AuditEvent.objects.get(action="application.support_reduced")
    assert (event.actor, event.data["description"], event.data["old"], event.data["new"]) == (
        holder, "Dirigent", "400.00", "250.00",
    )  # fmt: skip


def test_less_support_may_take_the_whole_cost_line():
    application, holder, facilitator = grant(
        payments=[{"date": "2027-02-01", "amount": "100.00"},
                  {"date": "2027-06-01", "amount": "400.00"}],
    )  # fmt: skip
    dirigent = support(application)

    decided(
        application, holder, facilitator, C.LESS_SUPPORT, reduce_by=D("400.00"),
        cost_line=dirigent, new_agreements=AGREED,
    )  # fmt: skip

    assert CostLine.objects.get(pk=dirigent.pk).amount == D("0.00")
    assert Award.objects.get(pk=application.award_id).amount == D("100.00")
    assert figures(application.line)[0] == D("100.00")


@pytest.mark.parametrize(
    ("amount", "cost_line", "message"),
    [
        (D("200.01"), "Dirigent", "200,00"),  # more than is unpaid (June's € 200)
        (None, "Dirigent", "hoeveel minder geld"),
        (D("100.00"), None, "welke kostenpost de professionele steun is"),
    ],
)
def test_less_support_that_does_not_fit_is_refused_and_nothing_changes(amount, cost_line, message):
    application, holder, facilitator = grant()
    pay_first(application, holder)
    evaluation = recorded(application, holder, facilitator)
    chosen = support(application) if cost_line else None
    services.save_continuation(
        evaluation=evaluation, by=holder, reasons="Zelfstandiger.", outcome=C.LESS_SUPPORT,
        reduce_by=amount, cost_line=chosen, new_agreements=AGREED,
    )  # fmt: skip

    with pytest.raises(DomainError, match=message):
        services.decide_continuation(evaluation=evaluation, by=holder)

    assert Evaluation.objects.get(pk=evaluation.pk).status == E.RECORDED
    assert CostLine.objects.get(pk=support(application).pk).amount == D("400.00")
    assert figures(application.line) == (D("500.00"), D("0.00"), D("4500.00"), D("300.00"))
    assert not Letter.objects.filter(application=application, kind=LetterKind.AMENDMENT).exists()


def test_less_support_cannot_take_more_than_the_cost_line():
    application, holder, _facilitator = grant(
        payments=[{"date": "2027-02-01", "amount": "100.00"},
                  {"date": "2027-06-01", "amount": "400.00"}],
    )  # fmt: skip
    zaalhuur = application.cost_lines.get(description="Zaalhuur")  # € 200

    with pytest.raises(DomainError, match="200,00"):
        services.reduce_professional_support(
            by=holder, application=application, cost_line=zaalhuur, amount=D("200.01"),
            reason="Test",
        )  # fmt: skip

    assert CostLine.objects.get(pk=zaalhuur.pk).amount == D("200.00")
    assert figures(application.line)[0] == D("500.00")


def test_a_cost_line_of_another_application_is_refused():
    application, holder, facilitator = grant()
    other, _holder, _facilitator = grant()
    evaluation = recorded(application, holder, facilitator)

    with pytest.raises(DomainError):
        services.save_continuation(
            evaluation=evaluation, by=holder, reasons="Zo.", outcome=C.LESS_SUPPORT,
            reduce_by=D("50.00"), cost_line=support(other), new_agreements=AGREED,
        )  # fmt: skip
    with pytest.raises(DomainError):
        services.reduce_professional_support(
            by=holder, application=application, cost_line=support(other), amount=D("50.00"),
            reason="Zo.",
        )  # fmt: skip

    assert CostLine.objects.get(pk=support(other).pk).amount == D("400.00")
    assert Evaluation.objects.get(pk=evaluation.pk).cost_line is None


def test_only_a_holder_of_this_line_lowers_the_professional_support():
    application, holder, facilitator = grant()
    evaluation = recorded(application, holder, facilitator)
    services.save_continuation(
        evaluation=evaluation, by=holder, reasons="Zelfstandiger.", outcome=C.LESS_SUPPORT,
        reduce_by=D("100.00"), cost_line=support(application), new_agreements=AGREED,
    )  # fmt: skip
    _line, other_holder = open_line()

    for person in (other_holder, facilitator, application.initiative.created_by):
        with pytest.raises(DomainError, match="zeggenschap"):
            services.decide_continuation(evaluation=evaluation, by=person)
        with pytest.raises(DomainError, match="zeggenschap"):
            services.reduce_professional_support(
                by=person, application=application, cost_line=support(application),
                amount=D("100.00"), reason="Zo.",
            )  # fmt: skip

    assert Evaluation.objects.get(pk=evaluation.pk).status == E.RECORDED
    assert CostLine.objects.get(pk=support(application).pk).amount == D("400.00")
    assert figures(application.line)[0] == D("500.00")


CHANGES = {
    C.EXTRA_PUSH: {"extra_amount": D("100.00")},
    C.FEWER_MEANS: {"reduce_by": D("100.00")},
    C.LESS_SUPPORT: {"reduce_by": D("100.00"), "new_agreements": AGREED},
    C.ADJUST: {"new_agreements": "We zingen op dinsdag in plaats van donderdag."},
    C.STOP: {},
}


@pytest.mark.parametrize("outcome", list(CHANGES))
def test_every_outcome_that_changes_something_is_an_amended_award_letter(outcome):
    application, holder, facilitator = grant()
    fields = dict(CHANGES[outcome])
    if outcome == C.LESS_SUPPORT:
        fields["cost_line"] = support(application)
    lead = application.initiative.created_by

    evaluation = decided(
        application, holder, facilitator, outcome, reasons="Wat we zagen bij het bezoek.",
        **fields,
    )  # fmt: skip

    letter = Letter.objects.get(application=application, kind=LetterKind.AMENDMENT)
    assert (letter.evaluation, letter.reason, letter.created_by) == (
        evaluation, "Wat we zagen bij het bezoek.", holder,
    )  # fmt: skip
    mail = mails_to(lead)[-1]
    assert "gewijzigde toekenning" in mail.body.lower()
    assert application.get_absolute_url() in mail.body


def test_continuing_as_agreed_is_no_letter_and_the_mail_says_none():
    application, holder, facilitator = grant()
    lead = application.initiative.created_by

    decided(application, holder, facilitator, C.CONTINUE)

    assert not Letter.objects.filter(application=application, kind=LetterKind.AMENDMENT).exists()
    assert "gewijzigde toekenning" not in mails_to(lead)[-1].body.lower()
