"""SC-12 "Waar blijft ons geld?": the residents give their bank account; the decision holder
exports the payment order for the finance department; the residents see "Betaalopdracht
verstuurd op …" and get an e-mail; the holder reads the bank's confirmations back twice (the
second time nothing is paid again); the residents see "Betaald op …" and have both e-mails."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from budget.models import BudgetLine, Tranche
from initiatives.models import Initiative
from tests.budget.followup_helpers import grant
from tests.budget.payment_helpers import csv_file
from tests.factories import UserFactory
from tests.journeys.steps_common import (
    log_out,
    login_through_form,
    mail_text,
    mail_to,
    no_horizontal_scroll,
)

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]


def _upload_confirmations(page, content: bytes) -> None:
    page.get_by_role("link", name="Betaalbevestigingen inlezen").click()
    page.get_by_label("Bestand van de bank of de afdeling Financiën (CSV of XLSX)").set_input_files(
        {"name": "bank.csv", "mimeType": "text/csv", "buffer": content}
    )
    page.get_by_role("button", name="Lees het bestand en laat zien wat het doet").click()


def test_sc12_payment_order_and_paid_confirmation_reach_the_resident(page, stack, smtp_sink):
    base = stack.url
    today = timezone.localdate()
    application, holder, _facilitator = grant(
        payments=[{"date": (today - timedelta(days=1)).isoformat(), "amount": "300.00"},
                  {"date": (today + timedelta(days=90)).isoformat(), "amount": "200.00"}],
    )  # fmt: skip
    backup = UserFactory(role="facilitator", full_name="Bas Reserve")
    Initiative.objects.filter(pk=application.initiative_id).update(backup_facilitator=backup)
    lead = application.initiative.created_by
    title = application.initiative.title

    # The residents give the bank account; a wrong number is explained next to the field.
    login_through_form(page, base, lead.email)
    page.goto(base + application.get_absolute_url())
    expect(page.get_by_test_id("bank-account-missing")).to_contain_text("Rekeningnummer ontbreekt")
    page.get_by_role("link", name="Vul het rekeningnummer in").click()
    page.get_by_label("Rekeningnummer (IBAN) voor de betalingen").fill("NL91 ABNA 0417 1643 01")
    page.get_by_label("Op naam van").fill("Stichting Buurtkoor")
    page.get_by_role("button", name="Rekeningnummer opslaan").click()
    expect(page.get_by_text("Dit is geen geldig IBAN").first).to_be_visible()
    page.get_by_label("Rekeningnummer (IBAN) voor de betalingen").fill("NL91 ABNA 0417 1643 00")
    page.get_by_role("button", name="Rekeningnummer opslaan").click()
    expect(page.get_by_text("Het rekeningnummer is opgeslagen.")).to_be_visible()
    log_out(page)

    # The decision holder makes the payment order and downloads it for the finance department.
    login_through_form(page, base, holder.email)
    page.goto(base + reverse("budget:fund-list"))
    page.get_by_role("link", name="Betaalopdrachten").click()
    expect(page.get_by_role("table")).to_contain_text(title)
    no_horizontal_scroll(page)
    page.get_by_role("button", name="Maak de betaalopdracht (€ 300,00)").click()
    expect(page.get_by_text("Download hem en stuur hem naar de afdeling Financiën")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (xlsx)").first.click()
    sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    rows = [list(row) for row in sheet.values]
    tranche = Tranche.objects.get(award_id=application.award_id, order__isnull=False)
    assert rows[0] == ["creditor_name", "iban", "amount", "reference", "budget_line",
                       "description"]  # fmt: skip
    assert rows[1][:4] == ["Stichting Buurtkoor", "NL91ABNA0417164300", 300,
                           tranche.order_reference]  # fmt: skip
    log_out(page)

    # The residents see the payment order with its date, and who to call.
    login_through_form(page, base, lead.email)
    page.goto(base + application.get_absolute_url())
    day = date_format(today, "j F Y")
    expect(page.locator("main")).to_contain_text(f"Betaalopdracht verstuurd op {day}")
    expect(page.get_by_test_id("payment-contact")).to_contain_text(
        "Is die er niet, dan Bas Reserve"
    )
    ordered_mail = mail_to(smtp_sink, lead.email, subject="is onderweg")
    assert tranche.order_reference in mail_text(ordered_mail)
    log_out(page)

    # The holder reads the bank's confirmations back, twice: the second time pays nothing.
    confirmation = csv_file([[tranche.order_reference, today.isoformat(), "NL-TX-1", "300,00"]])
    login_through_form(page, base, holder.email)
    page.goto(base + reverse("budget:payment-orders"))
    _upload_confirmations(page, confirmation)
    expect(page.get_by_role("table")).to_contain_text(f"Wordt betaald op {day}.")
    page.get_by_role("button", name="Bevestig: zet 1 betaling op betaald").click()
    expect(page.get_by_text("Klaar: 1 betaling staat op betaald.")).to_be_visible()
    paid_once = BudgetLine.objects.get(pk=application.line_id).paid
    page.get_by_role("link", name="Terug naar de betaalopdrachten").click()
    _upload_confirmations(page, confirmation)
    expect(page.get_by_role("table")).to_contain_text(f"Al betaald op {day}: er verandert niets.")
    page.get_by_role("button", name="Bevestig: zet 0 betalingen op betaald").click()
    expect(page.get_by_text("Klaar: 0 betalingen staan op betaald.")).to_be_visible()
    assert BudgetLine.objects.get(pk=application.line_id).paid == paid_once
    log_out(page)

    # The residents see the money paid, on the application and on their dashboard.
    login_through_form(page, base, lead.email)
    page.goto(base + reverse("core:dashboard"))
    expect(page.get_by_test_id("dashboard-payments")).to_contain_text(f"Betaald op {day}")
    page.goto(base + application.get_absolute_url())
    expect(page.locator("main")).to_contain_text(f"Betaald op {day}")
    paid_mail = mail_to(smtp_sink, lead.email, subject="is betaald")
    assert "op je rekening betaald" in mail_text(paid_mail)
    payment_mails = [
        m for m in smtp_sink.messages
        if lead.email in m.rcpt_tos and b"De betaling voor" in m.content
    ]  # fmt: skip
    assert len(payment_mails) == 2  # one when ordered, one when paid
