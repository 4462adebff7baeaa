"""SC-12: payment orders for the finance department and the bank's confirmations.

The state table of a tranche payment (waiting → released → ordered → paid, and withheld),
the export's content, the import (twice over the same file; unknown references and
mismatched amounts), the bank account, and the notices to the residents."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from decimal import Decimal

import openpyxl
import pytest
import tablib

from budget import payment_files, services
from budget.models import Application, PaymentOrder, Tranche
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent
from tests.budget.followup_helpers import grant, mails_to
from tests.budget.payment_helpers import (
    IBAN,
    TODAY,
    csv_file,
    first,
    granted_with_account,
    paid_total,
    with_account,
)
from tests.factories import UserFactory
from tests.module_data import built_once

pytestmark = pytest.mark.django_db


def _order(by, today=TODAY) -> PaymentOrder:
    return services.order_payments(by=by, today=today)


def _import(by, content: bytes, filename="bank.csv"):
    payment_import = services.read_payment_file(by=by, filename=filename, content=content)
    return services.confirm_payment_file(by=by, payment_import=payment_import)


# --- The state table ------------------------------------------------------------------------

ACTIONS = ("release", "withhold", "order", "pay")


def _tranche_in(state: str, holder, application) -> Tranche:
    """A tranche of the grant in `state`: waiting (after an evaluation), released, ordered,
    paid or withheld."""
    evaluation = application.evaluations.order_by("planned_on").first()
    tranche = first(application)
    if state == "waiting":
        Tranche.objects.filter(pk=tranche.pk).update(released_at=None, after_evaluation=evaluation)
    elif state == "withheld":
        Tranche.objects.filter(pk=tranche.pk).update(after_evaluation=evaluation)
        services.withhold_tranche(by=holder, tranche=tranche, reason="Gestopt.")
    elif state in ("ordered", "paid"):
        _order(holder)
        if state == "paid":
            services.pay_tranche(by=holder, tranche=first(application), paid_on=TODAY)
    return Tranche.objects.get(pk=tranche.pk)


def _act(action: str, tranche: Tranche, holder) -> None:
    if action == "release":
        services.release_tranche(by=holder, tranche=tranche)
    elif action == "withhold":
        services.withhold_tranche(by=holder, tranche=tranche, reason="Het stopt.")
    elif action == "order":
        _order(holder)
    else:
        services.pay_tranche(by=holder, tranche=tranche, paid_on=TODAY, bank_reference="TX-1")


# (state before, action) → state after, or None when refused.
TABLE = {
    ("waiting", "release"): "released",
    ("waiting", "withhold"): "withheld",
    ("waiting", "order"): None,
    ("waiting", "pay"): None,
    ("released", "release"): None,
    ("released", "withhold"): "withheld",
    ("released", "order"): "ordered",
    ("released", "pay"): "paid",
    ("ordered", "release"): None,
    ("ordered", "withhold"): None,
    ("ordered", "order"): None,
    ("ordered", "pay"): "paid",
    ("paid", "release"): None,
    ("paid", "withhold"): None,
    ("paid", "order"): None,
    ("paid", "pay"): None,
    ("withheld", "release"): None,
    ("withheld", "withhold"): None,
    ("withheld", "order"): None,
    ("withheld", "pay"): None,
}


@pytest.fixture(scope="module")
def _granted(django_db_setup, django_db_blocker):
    """One grant with a bank account whose first payment is due, built once for the 20 cases
    of the table (each moves its tranche in its own savepoint): (application pk, holder)."""
    yield from built_once(django_db_blocker, _build_granted)


def _build_granted():
    application, holder, _facilitator = granted_with_account()
    return application.pk, holder


@pytest.mark.parametrize(("state", "action"), sorted(TABLE))
def test_the_state_table_of_a_tranche_payment(_granted, db, state, action):
    pk, holder = _granted
    application = Application.objects.get(pk=pk)
    tranche = _tranche_in(state, holder, application)
    assert tranche.state == state
    expected = TABLE[(state, action)]
    line_paid = paid_total(application.line)
    if expected is None:
        with pytest.raises(DomainError):
            _act(action, tranche, holder)
        assert Tranche.objects.get(pk=tranche.pk).state == state
        assert paid_total(application.line) == line_paid
    else:
        _act(action, tranche, holder)
        assert Tranche.objects.get(pk=tranche.pk).state == expected
        paid, total = paid_total(application.line)
        assert paid == total


def test_only_released_tranches_whose_date_has_come_are_ordered():
    application, holder, _facilitator = granted_with_account()
    second = Tranche.objects.filter(award_id=application.award_id).order_by("planned_on").last()
    assert second.state == "waiting"  # for the evaluation of 1 May 2027
    services.release_tranche(by=holder, tranche=second)
    order = _order(holder)
    states = [t.state for t in Tranche.objects.filter(award_id=application.award_id)]
    assert states == ["ordered", "released"]  # 1 June 2027 has not come yet
    with pytest.raises(DomainError, match="geen betalingen klaar"):
        _order(holder)  # ordering again orders nothing twice
    assert PaymentOrder.objects.count() == 1
    later = _order(holder, today=date(2027, 6, 1))
    assert (later.pk != order.pk, first(application).order_id) == (True, order.pk)


def test_a_grant_without_bank_account_is_not_ordered_and_is_listed_as_missing():
    from budget import payment_selectors

    application, holder, _facilitator = grant(payments=[{"date": "2027-02-01",
                                                          "amount": "500.00"}])  # fmt: skip
    ready = payment_selectors.ready_to_order(holder, TODAY)
    assert [t.pk for t in ready.missing_account] == [first(application).pk]
    assert ready.ready == []
    with pytest.raises(DomainError):
        _order(holder)
    assert first(application).state == "released"


# --- The export -----------------------------------------------------------------------------


def test_the_export_has_the_columns_a_finance_system_imports_and_the_same_file_again():
    application, holder, _facilitator = granted_with_account()
    order = _order(holder)
    tranche = first(application)
    xlsx = services.order_download(by=holder, order=order, fmt="xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == payment_files.ORDER_COLUMNS
    assert rows[1:] == [[
        "Stichting Buurtkracht", IBAN, 300, tranche.order_reference, application.line.name,
        f"{application.reference} {application.initiative.title}",
    ]]  # fmt: skip
    assert tranche.order_reference == f"BT-2027-{tranche.pk:05d}"
    assert tranche.ordered_on == TODAY
    data = tablib.Dataset().load(services.order_download(by=holder, order=order, fmt="csv")
                                 .decode(), format="csv")  # fmt: skip
    assert data.dict[0]["iban"] == IBAN and data.dict[0]["amount"] == "300.00"
    # Downloading again gives the same rows; the CSV is the same to the byte.
    again = services.order_download(by=holder, order=order, fmt="csv")
    assert again == services.order_download(by=holder, order=order, fmt="csv")
    sheet_again = openpyxl.load_workbook(
        io.BytesIO(services.order_download(by=holder, order=order, fmt="xlsx"))
    ).active
    assert [list(r) for r in sheet_again.iter_rows(values_only=True)] == rows
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"payment_order.sent", "payment_order.downloaded", "award.tranche_ordered"} <= actions


def test_the_iban_is_stored_encrypted_and_never_audited():
    from django.db import connection

    application, holder, _facilitator = granted_with_account()
    order = _order(holder)
    with connection.cursor() as cursor:
        cursor.execute("SELECT iban FROM budget_application WHERE id = %s", [application.pk])
        stored_application = cursor.fetchone()[0]
        cursor.execute("SELECT rows FROM budget_paymentorder WHERE id = %s", [order.pk])
        stored_order = cursor.fetchone()[0]
    assert IBAN not in stored_application and IBAN not in stored_order
    assert not any(IBAN in json.dumps(e.data) for e in AuditEvent.objects.all())


# --- The import -----------------------------------------------------------------------------


def test_importing_the_same_file_twice_pays_nothing_twice():
    application, holder, _facilitator = granted_with_account()
    _order(holder)
    tranche = first(application)
    content = csv_file([[tranche.order_reference, "2027-03-05", "BANK-77", "300.00"]])
    done = _import(holder, content)
    assert done.summary["counts"] == {"paid": 1}
    tranche.refresh_from_db()
    assert (tranche.state, tranche.paid_on, tranche.bank_reference) == (
        "paid", date(2027, 3, 5), "BANK-77",
    )  # fmt: skip
    totals = paid_total(application.line)
    assert totals == (Decimal("300.00"), Decimal("300.00"))

    again = _import(holder, content)
    assert again.summary["counts"] == {"already_paid": 1}
    assert paid_total(application.line) == totals
    with pytest.raises(DomainError):  # one file is applied once
        services.confirm_payment_file(by=holder, payment_import=again)


def test_unknown_references_and_mismatched_amounts_are_refused_per_row():
    from budget import payment_selectors

    application, holder, _facilitator = granted_with_account()
    other, other_holder, _f = granted_with_account()
    _order(holder)
    _order(other_holder)
    tranche, foreign = first(application), first(other)
    content = csv_file([
        [tranche.order_reference, "05-03-2027", "", "299.00"],
        ["BT-2027-99999", "2027-03-05", "", ""],
        [foreign.order_reference, "2027-03-05", "", "300.00"],  # another holder's line
        [tranche.order_reference, "niet", "", ""],
    ])  # fmt: skip
    payment_import = services.read_payment_file(by=holder, filename="bank.csv", content=content)
    preview = payment_selectors.preview(holder, payment_import)
    assert [r["outcome"] for r in preview] == [
        "amount_mismatch",
        "unknown",
        "unknown",
        "unreadable",
    ]
    with _dutch():
        reasons = [payment_selectors.explain(r) for r in preview]
    assert reasons[0] == "Het bedrag € 299,00 is niet het bedrag van de betaalopdracht (€ 300,00)."
    assert reasons[1].startswith("Onbekend betalingskenmerk")
    before = (paid_total(application.line), paid_total(other.line))
    done = services.confirm_payment_file(by=holder, payment_import=payment_import)
    assert done.summary["counts"] == {"amount_mismatch": 1, "unknown": 2, "unreadable": 1}
    assert (paid_total(application.line), paid_total(other.line)) == before
    assert {first(application).state, first(other).state} == {"ordered"}


def _dutch():
    from django.utils import translation

    return translation.override("nl")


def test_an_xlsx_confirmation_file_with_dutch_columns_is_read():
    application, holder, _facilitator = granted_with_account()
    _order(holder)
    data = tablib.Dataset(headers=["Kenmerk", "Betaaldatum", "Transactiereferentie", "Bedrag"])
    data.append([first(application).order_reference, date(2027, 3, 4), "TX9", 300])
    done = _import(holder, data.export("xlsx"), filename="bank.xlsx")
    assert done.summary["counts"] == {"paid": 1}
    assert first(application).paid_on == date(2027, 3, 4)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"a,b\n1,2\n", "kolommen reference"),
        (b"\x00\x01garbage", "kolommen reference"),
        (b"reference,paid_on\n", "geen regels"),
    ],
)
def test_a_file_that_cannot_be_used_is_refused(content, message):
    holder = UserFactory(role="budget_decision_holder")
    with pytest.raises(DomainError, match=message):
        services.read_payment_file(by=holder, filename="x.csv", content=content)


# --- The bank account -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def _without_account(django_db_setup, django_db_blocker):
    """One grant without a bank account, built once for the six IBANs below: its pk."""
    yield from built_once(django_db_blocker, lambda: grant()[0].pk)


@pytest.mark.parametrize(
    ("typed", "valid"),
    [("NL91 ABNA 0417 1643 00", True), ("nl91abna0417164300", True),
     ("DE89 3704 0044 0532 0130 00", True), ("NL91ABNA0417164301", False),
     ("NL91ABNA041716430", False), ("1234567", False)],
)  # fmt: skip
def test_the_iban_is_checked(_without_account, db, typed, valid):
    application = Application.objects.get(pk=_without_account)
    if valid:
        saved = with_account(application, typed)
        assert saved.iban == typed.replace(" ", "").upper()
    else:
        with pytest.raises(DomainError, match="IBAN"):
            with_account(application, typed)


def test_the_bank_account_is_fixed_after_the_first_payment_order():
    application, holder, _facilitator = granted_with_account()
    _order(holder)
    with pytest.raises(DomainError, match="niet meer wijzigen"):
        with_account(Application.objects.get(pk=application.pk), "DE89370400440532013000")
    assert Application.objects.get(pk=application.pk).iban == IBAN


def test_only_the_residents_change_the_bank_account():
    application, holder, facilitator = grant()
    for official in (holder, facilitator):
        with pytest.raises(DomainError):
            services.change_bank_account(
                by=official, application=application, iban=IBAN, account_holder="X"
            )


# --- Notices to the residents ---------------------------------------------------------------


def test_one_email_when_the_order_goes_out_and_one_when_it_is_paid():
    application, holder, _facilitator = granted_with_account()
    lead = application.initiative.created_by
    before = len(mails_to(lead))
    _order(holder)
    ordered = mails_to(lead)[before:]
    assert len(ordered) == 1 and "onderweg" in ordered[0].subject
    tranche = first(application)
    _import(holder, csv_file([[tranche.order_reference, "2027-03-05", "", ""]]))
    _import(holder, csv_file([[tranche.order_reference, "2027-03-05", "", ""]]))
    paid = mails_to(lead)[before + 1 :]
    assert len(paid) == 1 and "betaald" in paid[0].subject
    assert tranche.order_reference in paid[0].body


def test_a_resident_who_gets_post_gets_a_letter_for_each_step():
    from burgerkracht.core.postal.models import PostItem

    application, holder, _facilitator = granted_with_account()
    lead = application.initiative.created_by
    type(lead).objects.filter(pk=lead.pk).update(by_post=True)
    mails_before = len(mails_to(lead))
    _order(holder)
    services.pay_tranche(by=holder, tranche=first(application), paid_on=TODAY)
    letters = PostItem.objects.filter(recipient=lead).order_by("pk")
    assert [x.subject.split(" (")[0] for x in letters] == [
        f"De betaling voor {application.initiative.title} is onderweg",
        f"De betaling voor {application.initiative.title} is betaald",
    ]
    assert all(x.application_link.application_id == application.pk for x in letters)
    assert len(mails_to(lead)) == mails_before


def test_ordered_tranches_are_not_cut_when_the_award_is_reduced():
    application, holder, _facilitator = granted_with_account()
    _order(holder)
    with pytest.raises(DomainError):
        services.reduce_award(by=holder, award=application.award, amount=Decimal("400.00"),
                              reason="Minder nodig.")  # fmt: skip
    services.reduce_award(by=holder, award=application.award, amount=Decimal("100.00"),
                          reason="Minder nodig.")  # fmt: skip
    assert first(application).amount == Decimal("300.00")


def test_an_official_orders_only_the_tranches_they_answer_for():
    application, _holder, _facilitator = granted_with_account()
    stranger = UserFactory(role="facilitator")
    with pytest.raises(DomainError):
        _order(stranger)
    coordinator = UserFactory(role="facilitator_coordinator")
    order = _order(coordinator)
    assert first(application).order_id == order.pk
    assert timedelta(0) <= TODAY - first(application).ordered_on
