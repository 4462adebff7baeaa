"""The facts an amended award letter needs, per outcome of the continuation decision
(budget.continuation_facts): totals before and after, the professional support's cost line,
the payments as they stand, what comes next."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from budget import services
from budget.continuation_facts import continuation_facts
from budget.models import Evaluation
from tests.budget.followup_helpers import C, D, decided, grant, pay_first, recorded

pytestmark = pytest.mark.django_db
TWO_EVALUATIONS = {"evaluation_dates": ["2027-05-01", "2027-09-01"]}
ZERO = D("0.00")


def test_fewer_means():
    application, holder, facilitator = grant(**TWO_EVALUATIONS)
    pay_first(application, holder)

    facts = continuation_facts(
        decided(application, holder, facilitator, C.FEWER_MEANS, reasons="Vier mensen.",
                reduce_by=D("120.00"))
    )  # fmt: skip

    assert facts == {
        "outcome": "fewer_means", "outcome_label": "Minder middelen: er doen minder mensen mee",
        "reasons": "Vier mensen.", "new_agreements": "",
        "old_amount": D("500.00"), "new_amount": D("380.00"), "extra_amount": ZERO,
        "reduced_by": D("120.00"), "cost_line": None,
        "tranches": [(date(2027, 2, 1), D("300.00"), "paid"),
                     (date(2027, 6, 1), D("80.00"), "released")],
        "next_evaluation_on": date(2027, 9, 1), "accountability_due": date(2027, 12, 31),
        "stopped": False,
    }  # fmt: skip


def test_less_support_names_the_cost_line_before_and_after():
    application, holder, facilitator = grant()
    dirigent = application.cost_lines.get(description="Dirigent")

    facts = continuation_facts(
        decided(application, holder, facilitator, C.LESS_SUPPORT, reduce_by=D("150.00"),
                cost_line=dirigent, new_agreements="Anna leidt zelf.")
    )  # fmt: skip

    assert facts["cost_line"] == {"description": "Dirigent", "old": D("400.00"),
                                  "new": D("250.00")}  # fmt: skip
    assert (facts["old_amount"], facts["new_amount"], facts["reduced_by"]) == (
        D("500.00"), D("350.00"), D("150.00"),
    )  # fmt: skip
    assert facts["new_agreements"] == "Anna leidt zelf."
    assert facts["next_evaluation_on"] is None


def test_extra_push():
    application, holder, facilitator = grant()

    facts = continuation_facts(
        decided(application, holder, facilitator, C.EXTRA_PUSH, extra_amount=D("250.00"))
    )

    today = timezone.localdate()
    assert (facts["old_amount"], facts["new_amount"], facts["extra_amount"]) == (
        D("500.00"), D("750.00"), D("250.00"),
    )  # fmt: skip
    assert facts["reduced_by"] == ZERO
    assert sorted(facts["tranches"]) == sorted([
        (date(2027, 2, 1), D("300.00"), "released"), (date(2027, 6, 1), D("200.00"), "released"),
        (today, D("250.00"), "released"),
    ])  # fmt: skip


@pytest.mark.parametrize("outcome", [C.CONTINUE, C.ADJUST])
def test_no_money_change(outcome):
    application, holder, facilitator = grant(**TWO_EVALUATIONS)

    facts = continuation_facts(
        decided(application, holder, facilitator, outcome, new_agreements="Op dinsdag.")
    )

    assert facts["outcome"] == outcome
    assert (facts["old_amount"], facts["new_amount"]) == (D("500.00"), D("500.00"))
    assert (facts["extra_amount"], facts["reduced_by"], facts["stopped"]) == (ZERO, ZERO, False)
    assert facts["next_evaluation_on"] == date(2027, 9, 1)


def test_stop_withholds_and_brings_the_accountability_forward():
    application, holder, facilitator = grant(**TWO_EVALUATIONS)
    pay_first(application, holder)

    facts = continuation_facts(decided(application, holder, facilitator, C.STOP))

    assert facts["stopped"] is True
    assert (facts["old_amount"], facts["new_amount"]) == (D("500.00"), D("500.00"))
    assert facts["tranches"] == [(date(2027, 2, 1), D("300.00"), "paid"),
                                 (date(2027, 6, 1), D("200.00"), "withheld")]  # fmt: skip
    assert facts["next_evaluation_on"] is None  # the later evaluation is cancelled
    assert facts["accountability_due"] == timezone.localdate() + timedelta(days=42)


def test_each_decision_keeps_its_own_before_and_after():
    """A later decision does not change what an earlier letter says."""
    application, holder, facilitator = grant(**TWO_EVALUATIONS)
    first = decided(application, holder, facilitator, C.EXTRA_PUSH, extra_amount=D("100.00"))
    second = recorded(application, holder, facilitator,
                      application.evaluations.get(planned_on=date(2027, 9, 1)))  # fmt: skip
    services.save_continuation(evaluation=second, by=holder, reasons="Minder.",
                               outcome=C.FEWER_MEANS, reduce_by=D("50.00"))  # fmt: skip
    draft = continuation_facts(Evaluation.objects.get(pk=second.pk))
    services.decide_continuation(evaluation=second, by=holder)

    assert (draft["old_amount"], draft["new_amount"]) == (D("600.00"), D("550.00"))
    after_first = continuation_facts(Evaluation.objects.get(pk=first.pk))
    after_second = continuation_facts(Evaluation.objects.get(pk=second.pk))
    assert (after_first["old_amount"], after_first["new_amount"]) == (D("500.00"), D("600.00"))
    assert (after_second["old_amount"], after_second["new_amount"]) == (D("600.00"), D("550.00"))
