"""SC-12 pages: the export screen (rights follow the subject), the order's files, reading
and confirming the bank's confirmations, the residents' bank account, and the payment
status the residents see."""

from __future__ import annotations

import io
from datetime import timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from budget.models import Application, PaymentOrder
from tests.budget.followup_helpers import grant
from tests.budget.payment_helpers import csv_file, first, with_account
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _due_grant(*, account=True):
    """A grant whose first payment was due yesterday."""
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    later = (timezone.localdate() + timedelta(days=60)).isoformat()
    application, holder, facilitator = grant(
        payments=[{"date": yesterday, "amount": "300.00"}, {"date": later, "amount": "200.00"}]
    )
    if account:
        application = with_account(application)
    return application, holder, facilitator


ORDERS = reverse("budget:payment-orders")


def test_the_export_screen_shows_an_official_only_their_own_payments(client):
    application, _holder, facilitator = _due_grant()
    missing, _h, _f = _due_grant(account=False)
    other = UserFactory(role="facilitator")
    client.force_login(other)
    page = client.get(ORDERS).content.decode()
    assert application.initiative.title not in page and missing.initiative.title not in page
    client.force_login(facilitator)
    page = client.get(ORDERS).content.decode()
    assert application.initiative.title in page and missing.initiative.title not in page
    client.force_login(UserFactory(role="facilitator_coordinator"))
    page = client.get(ORDERS).content.decode()
    assert application.initiative.title in page
    assert "rekeningnummer ontbreekt" in page and missing.initiative.title in page


def test_making_the_order_and_downloading_it_again(client):
    application, holder, _facilitator = _due_grant()
    client.force_login(holder)
    response = client.post(ORDERS)
    assert response.status_code == 302
    order = PaymentOrder.objects.get()
    tranche = first(application)
    assert (tranche.state, tranche.ordered_on) == ("ordered", timezone.localdate())
    url = reverse("budget:payment-order-file", args=[order.pk, "xlsx"])
    one, two = client.get(url), client.get(url)
    assert one["Content-Disposition"] == f'attachment; filename="{order.reference}.xlsx"'
    rows = [list(r) for r in openpyxl.load_workbook(io.BytesIO(one.content)).active.values]
    again = [list(r) for r in openpyxl.load_workbook(io.BytesIO(two.content)).active.values]
    assert rows == again and rows[1][3] == tranche.order_reference
    csv_url = reverse("budget:payment-order-file", args=[order.pk, "csv"])
    assert client.get(csv_url).content == client.get(csv_url).content
    assert (
        client.get(reverse("budget:payment-order-file", args=[order.pk, "pdf"])).status_code == 404
    )
    client.post(ORDERS)  # nothing new: no second order
    assert PaymentOrder.objects.count() == 1
    client.force_login(UserFactory(role="budget_decision_holder"))
    assert client.get(url).status_code == 404


def test_reading_previewing_and_confirming_a_confirmation_file(client):
    application, holder, facilitator = _due_grant()
    client.force_login(facilitator)
    client.post(ORDERS)
    tranche = first(application)
    upload = io.BytesIO(csv_file([
        [tranche.order_reference, "2026-12-01", "TX-1", "300,00"],
        ["BT-2026-99999", "2026-12-01", "", ""],
    ]))  # fmt: skip
    upload.name = "bank.csv"
    response = client.post(reverse("budget:payment-import"), {"file": upload})
    preview_url = response["Location"]
    page = client.get(preview_url).content.decode()
    assert "Wordt betaald op 1 december 2026." in page and "Onbekend betalingskenmerk" in page
    assert first(application).state == "ordered"  # nothing paid before the confirmation
    client.post(preview_url)
    assert first(application).state == "paid"
    page = client.get(preview_url).content.decode()
    assert "Verwerkt op" in page and "Betaald op 1 december 2026." in page
    assert "Bevestig" not in page
    client.force_login(holder)  # another official: the file is not there
    assert client.get(preview_url).status_code == 404


def test_an_upload_that_is_not_csv_or_xlsx_is_refused_next_to_the_field(client):
    _application, holder, _facilitator = _due_grant()
    client.force_login(holder)
    upload = io.BytesIO(b"%PDF-1.4")
    upload.name = "bank.pdf"
    page = client.post(reverse("budget:payment-import"), {"file": upload}).content.decode()
    assert "Kies een CSV- of XLSX-bestand." in page


def test_the_bank_account_form_explains_a_wrong_iban_in_dutch(client):
    application, _holder, _facilitator = grant()
    lead = application.initiative.created_by
    client.force_login(lead)
    url = reverse("budget:bank-account", args=[application.pk])
    page = client.post(url, {"iban": "NL91ABNA0417164301", "account_holder": "Buurt"})
    assert "Dit is geen geldig IBAN" in page.content.decode()
    client.post(url, {"iban": "nl91 abna 0417 1643 00", "account_holder": "Buurt"})
    assert Application.objects.get(pk=application.pk).iban == "NL91ABNA0417164300"


def test_the_money_step_asks_the_bank_account(client):
    from tests.factories import application_in

    draft = application_in("draft")
    client.force_login(draft.initiative.created_by)
    url = reverse("budget:application-step", args=[draft.pk, 4])
    page = client.get(url).content.decode()
    assert 'name="iban"' in page and 'name="account_holder"' in page
    page = client.post(url, {"iban": "NL00XXXX", "account_holder": "A", "later": "1"})
    assert "Dit is geen geldig IBAN" in page.content.decode()


def test_the_residents_see_each_step_with_its_date_and_who_to_call(client):
    application, holder, _facilitator = _due_grant()
    backup = UserFactory(role="facilitator", full_name="Bas Reserve")
    application.initiative.__class__.objects.filter(pk=application.initiative_id).update(
        backup_facilitator=backup
    )
    lead = application.initiative.created_by
    client.force_login(holder)
    client.post(ORDERS)
    client.force_login(lead)
    today = timezone.localdate()
    page = client.get(application.get_absolute_url()).content.decode()
    day = f"{today.day} "
    assert "Betaalopdracht verstuurd op " + day in page
    assert first(application).order_reference in page
    assert "Is die er niet, dan Bas Reserve." in page
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert "Jullie betalingen" in dashboard and "Betaalopdracht verstuurd op " + day in dashboard
    assert "Bas Reserve" in dashboard
