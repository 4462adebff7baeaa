"""A budget decision holder's pages: the draft decision, publishing it, the letter."""

import re
import subprocess

from django.urls import reverse
from playwright.sync_api import expect

from tests.processes import wait_for

SAVE = "Het conceptbesluit opslaan"


def open_decision(page, base_url: str, application):
    page.goto(base_url + reverse("budget:decide", args=[application.pk]))
    expect(page.get_by_label("Toekennen", exact=True)).to_be_visible()


def draft_grant(page, values: dict):
    page.get_by_label("Toekennen", exact=True).check()
    page.get_by_label(re.compile("^Bedrag in euro")).fill(values["amount"])
    page.get_by_label("Motivering").fill(values["reasons"])
    page.get_by_label("Evaluatie 1 met bezoek").fill(values["evaluation"])
    page.get_by_label("Verantwoording achteraf, uiterlijk op").fill(values["accountability"])
    page.get_by_label("Betaling 1: datum").fill(values["payment_on"])
    page.get_by_label("Betaling 1: bedrag in euro").fill(values["amount"])
    page.get_by_role("button", name=SAVE).click()


def expect_draft(page, values: dict):
    """The saved draft, re-opened: every value in its field, dates in the date inputs."""
    expect(page.get_by_label("Toekennen", exact=True)).to_be_checked()
    expect(page.get_by_label(re.compile("^Bedrag in euro"))).to_have_value(values["amount"])
    expect(page.get_by_label("Motivering")).to_have_value(values["reasons"])
    expect(page.get_by_label("Evaluatie 1 met bezoek")).to_have_value(values["evaluation"])
    expect(page.get_by_label("Verantwoording achteraf, uiterlijk op")).to_have_value(
        values["accountability"]
    )
    expect(page.get_by_label("Betaling 1: datum")).to_have_value(values["payment_on"])
    expect(page.get_by_label("Betaling 1: bedrag in euro")).to_have_value(values["amount"])


def publish(page, base_url: str, application):
    page.goto(base_url + reverse("budget:publish", args=[application.pk]))
    page.get_by_role("button", name="Vaststellen en de brief versturen").click()


def letter_text(page, link) -> str:
    """Download the letter through its link on the page (a page saying it is being made
    until the worker has made it); the PDF's text by pdftotext."""
    href = link.evaluate("a => a.href")
    downloads = []

    def made():
        response = page.context.request.get(href)
        assert response.ok, response.status
        downloads.append(response.body())
        return downloads[-1].startswith(b"%PDF-")

    assert wait_for(made, timeout=90, interval=1), downloads[-1][:300]
    body = downloads[-1]
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=body, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode().split())
