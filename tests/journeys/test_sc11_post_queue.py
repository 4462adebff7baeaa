"""SC-11, letters by post: a resident without e-mail and a resident who chose post get the
facilitator's notice on paper. The facilitator prints the post queue as one PDF (each letter
on its own page, the address in the envelope's window), marks it posted, and sees that on the
initiative's timeline."""

import re

import pypdfium2 as pdfium
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from tests.core.post_helpers import initiative_of, pdf_pages_text, post_resident
from tests.factories import InitiatorFactory, UserFactory
from tests.journeys.steps_common import (
    log_out,
    login_through_form,
    menu_link,
    no_horizontal_scroll,
)

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]

MESSAGE = "De volgende bijeenkomst is op donderdag om 10 uur in het buurthuis."
# NEN 1026 window, left (pdf.css): 20 mm from the left, 50 mm from the top, 85 x 40 mm.
MM = 72 / 25.4


def _address_in_window(pdf: bytes, page_number: int, words: list[str]) -> None:
    """Each of `words` is printed inside the window area of the page."""
    document = pdfium.PdfDocument(pdf)
    page = document[page_number]
    height = page.get_height()
    text = page.get_textpage()
    for word in words:
        searcher = text.search(word)
        found = searcher.get_next()
        assert found, f"{word!r} not on page {page_number + 1}"
        index, _count = found
        left, bottom, _right, top = text.get_charbox(index)
        assert 20 * MM <= left <= 105 * MM, (word, left / MM)
        assert height - top >= 50 * MM and height - bottom <= 90 * MM, (word, (height - top) / MM)
    document.close()


def test_sc11_letters_by_post_are_printed_marked_posted_and_shown(page, stack, tmp_path):
    base = stack.url
    facilitator = UserFactory(role="facilitator", full_name="Femke Jansen")
    lead = UserFactory(role="resident", full_name="Anna de Vries")
    initiative = initiative_of(lead, active=True, facilitator=facilitator, title="Buurtsoep")
    gerrit = post_resident(full_name="Gerrit Bakker")  # no e-mail, no login
    InitiatorFactory(initiative=initiative, user=gerrit, email="")

    # Anna chooses post on her own profile page; without an address that is refused.
    login_through_form(page, base, lead.email)
    page.goto(base + reverse("accounts:profile"))
    page.get_by_role("link", name="Mijn gegevens wijzigen").click()
    page.get_by_label("Stuur mij brieven en berichten per post").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul je postcode in")
    expect(page.get_by_text("Vul je straat en huisnummer in").first).to_be_visible()
    page.get_by_label("Straat en huisnummer").fill("Lindelaan 3")
    page.get_by_label("Postcode").fill("1312ab")
    page.get_by_label("Plaats").fill("Almere")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Je gegevens zijn opgeslagen.")).to_be_visible()
    expect(page.get_by_text("ja, naar Lindelaan 3, 1312 AB Almere")).to_be_visible()
    log_out(page)

    # The facilitator sends a message: both residents get it by post, nobody by e-mail.
    login_through_form(page, base, facilitator.email)
    page.goto(base + initiative.get_absolute_url())
    messages = page.locator("#berichten")
    messages.get_by_label("Je bericht aan de bewoners").fill(MESSAGE)
    messages.get_by_role("button", name="Stuur bericht aan de bewoner").click()
    expect(page.get_by_text("Je bericht is verstuurd.")).to_be_visible()

    menu_link(page, "Post")
    expect(page.get_by_role("heading", name="Brieven per post")).to_be_visible()
    queue = page.get_by_role("table")
    expect(queue.get_by_role("row")).to_have_count(3)  # the header and two letters
    expect(queue).to_contain_text("Gerrit Bakker")
    expect(queue).to_contain_text("Anna de Vries")
    expect(queue).to_contain_text("Buurtsoep")
    no_horizontal_scroll(page)

    with page.expect_download() as download:
        page.get_by_role("button", name="Print als één PDF").click()
    pdf = download.value.path().read_bytes()
    (tmp_path / "post.pdf").write_bytes(pdf)
    pages = pdf_pages_text(pdf)
    assert len(pages) == 2  # one letter per page
    assert "Gerrit Bakker" in pages[0] and "Kerkstraat 12" in pages[0]
    assert "Anna de Vries" in pages[1] and "Lindelaan 3" in pages[1]
    assert all('Nieuw bericht over "Buurtsoep"' in text for text in pages)
    assert all(MESSAGE in " ".join(text.split()) for text in pages)  # no login: the text itself
    _address_in_window(pdf, 0, ["Gerrit Bakker", "Kerkstraat 12", "1311 AB"])
    _address_in_window(pdf, 1, ["Anna de Vries", "Lindelaan 3", "1312 AB"])

    mark = re.compile(r"Markeer als verstuurd\W+Nieuw bericht")
    page.get_by_role("button", name=mark).first.click()
    expect(page.get_by_text("1 brief is gemarkeerd als verstuurd.")).to_be_visible()
    page.get_by_role("button", name=mark).click()
    expect(page.get_by_text("Er liggen geen brieven klaar om te versturen.")).to_be_visible()
    page.get_by_role("link", name="Verstuurd").click()
    expect(page.get_by_role("table").get_by_role("row")).to_have_count(3)

    page.goto(base + initiative.get_absolute_url())
    today = date_format(timezone.localdate(), "j F Y")
    expect(page.get_by_test_id("posted-letters")).to_contain_text(
        f"Brief per post verstuurd op {today}"
    )
    expect(page.get_by_test_id("posted-letters").get_by_role("listitem")).to_have_count(2)
