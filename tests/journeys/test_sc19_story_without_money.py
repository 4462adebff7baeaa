"""SC-19, a story without money: a resident tells what works in her wijk ("Vertel je
verhaal") with a photo, without applying for anything; a facilitator publishes it in one
step; an anonymous visitor finds it by wijk and by a word. A second story is declined with a
reason that the resident reads, by e-mail and on her own page."""

import io
import re

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from tests.factories import NeighbourhoodFactory, UserFactory
from tests.journeys.steps_common import (
    IMAGE_LOADED,
    log_out,
    login_through_form,
    mail_text,
    mail_to,
    no_horizontal_scroll,
)
from tests.upload_samples import photo_with_exif

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]

TITLE = "Het Watergolfje"
STORY = (
    "In Waterwijk brengt het Watergolfje ouderen naar de huisarts of het ontmoetingscentrum. "
    "Vrijwilligers rijden, de buurt betaalt de benzine."
)
ALT = "Een wit busje voor het ontmoetingscentrum"
SECOND = "Sleutelkastje bij de flat"
REASON = "Er staat een huisadres in. Haal het adres weg en vertel het gerust opnieuw."


def tell(page, base, *, title, text, neighbourhood, photo=None):
    page.goto(base + reverse("core:dashboard"))
    page.get_by_role("link", name="Vertel je verhaal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vertel je verhaal")
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Je verhaal").fill(text)
    page.get_by_label("Wijk").select_option(label=neighbourhood)
    if photo:
        page.get_by_label(re.compile(r"^Foto")).set_input_files(str(photo))
        page.get_by_label("Wat staat er op de foto?").fill(ALT)
    page.get_by_label(re.compile("Mijn verhaal mag op de website")).check()
    page.get_by_role("button", name="Verstuur je verhaal").click()
    expect(page.get_by_text("Bedankt voor je verhaal.")).to_be_visible()


def test_sc19_resident_tells_a_story_facilitator_publishes_visitor_finds_it(
    page, stack, smtp_sink, assert_accessible, tmp_path
):
    base = stack.url
    NeighbourhoodFactory(name="Waterwijk")
    NeighbourhoodFactory(name="Haven Centrum")
    resident = UserFactory(role="resident", full_name="Fatima de Bruin")
    facilitator = UserFactory(role="facilitator", full_name="Peter Jansen")
    photo = tmp_path / "watergolfje.jpg"
    photo.write_bytes(photo_with_exif())

    # The resident tells her story with a photo, and a second one without.
    login_through_form(page, base, resident.email)
    page.goto(base + reverse("initiatives:story-tell"))
    page.get_by_role("button", name="Verstuur je verhaal").click()  # empty: the errors
    expect(page.get_by_role("heading", name="Controleer het volgende")).to_be_visible()
    assert_accessible(page, "tell your story, with errors")
    tell(page, base, title=TITLE, text=STORY, neighbourhood="Waterwijk", photo=photo)
    mine = page.get_by_role("listitem").filter(has_text=TITLE)
    expect(mine.get_by_text("Wacht op beoordeling")).to_be_visible()
    tell(
        page,
        base,
        title=SECOND,
        text="Het kastje hangt bij Dijkstraat 12.",
        neighbourhood="Waterwijk",
    )
    assert_accessible(page, "my stories")
    log_out(page)

    # The facilitator looks at both: publishes the first in one step, declines the second.
    login_through_form(page, base, facilitator.email)
    page.goto(base + reverse("core:dashboard"))
    page.get_by_role("link", name="Verhalen om te bekijken").click()
    expect(page.get_by_role("heading", name="2 verhalen wachten")).to_be_visible()
    assert_accessible(page, "stories to look at")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_function(IMAGE_LOADED, arg=ALT)
    expect(page.get_by_text(STORY)).to_be_visible()
    assert_accessible(page, "look at a story")
    page.get_by_label("Publiceren", exact=True).check()
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("Het verhaal staat op de website.")).to_be_visible()
    page.get_by_role("link", name=SECOND).click()
    page.get_by_label("Niet publiceren").check()
    page.get_by_role("button", name="Bevestigen").click()  # no reason yet: refused
    expect(page.get_by_text("Vertel de bewoner waarom").first).to_be_visible()
    page.get_by_label("Waarom niet?").fill(REASON)
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("Het verhaal wordt niet gepubliceerd.")).to_be_visible()
    expect(page.get_by_text("Er wachten geen verhalen.")).to_be_visible()
    log_out(page)

    # The worker tells the resident both decisions by e-mail.
    published = mail_to(smtp_sink, resident.email, subject="staat op de website")
    assert TITLE in str(published["Subject"])
    declined = mail_to(smtp_sink, resident.email, subject="wordt niet gepubliceerd")
    assert REASON in mail_text(declined)

    # An anonymous visitor finds the story from the home page, by wijk and by a word.
    page.goto(base + "/")
    page.get_by_role("link", name="Lees de verhalen uit de wijken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verhalen uit de wijken")
    page.get_by_label("Wijk").select_option(label="Haven Centrum")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_text("Geen verhalen gevonden.")).to_be_visible()
    page.get_by_label("Wijk").select_option(label="Waterwijk")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    expect(page.get_by_text(SECOND)).to_have_count(0)
    page.get_by_label("Wijk").select_option(label="Alle wijken")
    page.get_by_role("textbox", name=re.compile("^Zoeken")).fill("huisarts")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("heading", name="1 verhaal")).to_be_visible()
    assert_accessible(page, "stories found by a word")
    no_horizontal_scroll(page)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.wait_for_function(IMAGE_LOADED, arg=ALT)
    body = page.content()
    assert resident.full_name not in body and resident.email not in body
    stored = page.request.get(page.get_by_alt_text(ALT).evaluate("img => img.src")).body()
    assert not Image.open(io.BytesIO(stored)).getexif()  # no camera, no GPS position
    assert_accessible(page, "a published story")
    no_horizontal_scroll(page)

    # The resident reads why her second story is not published.
    login_through_form(page, base, resident.email)
    page.goto(base + reverse("initiatives:my-stories"))
    second = page.get_by_role("listitem").filter(has_text=SECOND)
    expect(second.get_by_text("Niet gepubliceerd", exact=True)).to_be_visible()
    expect(second.get_by_text(REASON)).to_be_visible()
    first = page.get_by_role("listitem").filter(has_text=TITLE)
    expect(first.get_by_text("Je verhaal staat op de website.")).to_be_visible()
