"""Stories without money (SC-19): the transition table, the services and their rights, the
photo checks, the public list (with accountability stories shared with consent), export and
retention."""

import io
import itertools
import json
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent
from burgerkracht.core.privacy.purge import purge
from burgerkracht.core.services import deliver_pending
from initiatives import stories
from initiatives import story_selectors as selectors
from initiatives.story_models import STORY_TRANSITIONS, Story, StoryStatus
from tests import upload_samples as s
from tests.clamd import EICAR, fake_clamd
from tests.factories import NeighbourhoodFactory, UserFactory
from tests.upload_samples import photo_with_exif

pytestmark = pytest.mark.django_db


def tell(author=None, *, neighbourhood=None, title="Het Watergolfje",
         text="Ouderen naar de huisarts.", photo=None, alt=""):  # fmt: skip
    return stories.tell_story(
        by=author or UserFactory(), title=title, text=text,
        neighbourhood=neighbourhood or NeighbourhoodFactory(), consent=True, photo=photo,
        photo_alt=alt,
    )  # fmt: skip


# --- the transition table ------------------------------------------------------------------

ALLOWED = {
    ("submitted", "published"), ("submitted", "declined"), ("submitted", "withdrawn"),
    ("published", "withdrawn"),
}  # fmt: skip


@pytest.mark.parametrize(("start", "end"), list(itertools.product(StoryStatus.values, repeat=2)))
def test_the_transition_table_allows_exactly_these_moves(start, end):
    assert (end in STORY_TRANSITIONS[start]) == ((start, end) in ALLOWED)
    assert Story(status=start).can_move_to(end) == ((start, end) in ALLOWED)


def test_every_status_has_a_row():
    assert set(STORY_TRANSITIONS) == set(StoryStatus.values)


# --- the services ----------------------------------------------------------------------------


def test_a_resident_tells_a_story_and_it_waits_for_a_look():
    story = tell()

    assert (story.status, story.publication_consent, story.published_at) == (
        "submitted",
        True,
        None,
    )
    assert AuditEvent.objects.filter(action="story.told", subject_id=str(story.pk)).exists()
    assert list(selectors.stories_to_review()) == [story]
    assert list(selectors.public_stories()) == []


def test_without_consent_or_alt_text_nothing_is_saved():
    neighbourhood, author = NeighbourhoodFactory(), UserFactory()
    with pytest.raises(DomainError):
        stories.tell_story(
            by=author, title="T", text="X", neighbourhood=neighbourhood, consent=False
        )
    photo = SimpleUploadedFile("foto.jpg", photo_with_exif(40, 30))
    with pytest.raises(DomainError):
        stories.tell_story(by=author, title="T", text="X", neighbourhood=neighbourhood,
                           consent=True, photo=photo, photo_alt=" ")  # fmt: skip
    assert Story.objects.count() == 0


def test_a_facilitator_publishes_in_one_step_and_the_author_is_told():
    story, facilitator = tell(), UserFactory(role="facilitator")

    stories.publish_story(story=story, by=facilitator)

    story.refresh_from_db()
    assert (story.status, story.published_by) == ("published", facilitator)
    assert story.published_at is not None
    assert AuditEvent.objects.filter(action="story.published", actor=facilitator).exists()
    deliver_pending()
    assert [m.to for m in mail.outbox] == [[story.author.email]]
    assert "website" in mail.outbox[0].subject


def test_declining_needs_a_reason_that_the_author_reads():
    story, coordinator = tell(), UserFactory(role="facilitator_coordinator")
    with pytest.raises(DomainError):
        stories.decline_story(story=story, by=coordinator, reason="  ")

    stories.decline_story(story=story, by=coordinator, reason="Er staat een adres in.")

    story.refresh_from_db()
    assert (story.status, story.declined_reason) == ("declined", "Er staat een adres in.")
    event = AuditEvent.objects.get(action="story.declined")
    assert event.reason == "Er staat een adres in."
    deliver_pending()
    assert "Er staat een adres in." in mail.outbox[0].body


@pytest.mark.parametrize("role", ["resident", "professional", "budget_decision_holder",
                                  "asd_member", "read_only", "administrator"])  # fmt: skip
def test_only_facilitators_and_coordinators_publish(role):
    story = tell()
    with pytest.raises(DomainError):
        stories.publish_story(story=story, by=UserFactory(role=role))
    with pytest.raises(DomainError):
        stories.decline_story(
            story=story, by=UserFactory(role=role), reason="Het verhaal noemt namen."
        )


def test_nobody_publishes_their_own_story():
    facilitator = UserFactory(role="facilitator")
    story = tell(facilitator)
    with pytest.raises(DomainError):
        stories.publish_story(story=story, by=facilitator)


def test_the_author_withdraws_and_a_facilitator_takes_a_published_story_off_with_a_reason():
    story = tell()
    stories.withdraw_story(story=story, by=story.author)
    assert Story.objects.get(pk=story.pk).status == "withdrawn"

    other, facilitator = tell(), UserFactory(role="facilitator")
    with pytest.raises(DomainError):  # waiting: the facilitator declines it instead
        stories.withdraw_story(story=other, by=facilitator, reason="Het verhaal klopt niet meer.")
    stories.publish_story(story=other, by=facilitator)
    with pytest.raises(DomainError):
        stories.withdraw_story(story=other, by=facilitator, reason="")
    with pytest.raises(DomainError):
        stories.withdraw_story(story=other, by=UserFactory(), reason="Het verhaal klopt niet meer.")
    stories.withdraw_story(story=other, by=facilitator, reason="De buurman wil er niet in.")

    assert Story.objects.get(pk=other.pk).status == "withdrawn"
    assert list(selectors.public_stories()) == []
    deliver_pending()
    assert "De buurman wil er niet in." in mail.outbox[-1].body


def test_a_decided_story_cannot_be_decided_again():
    story, facilitator = tell(), UserFactory(role="facilitator")
    stories.decline_story(story=story, by=facilitator, reason="Te kort.")
    for action in (stories.publish_story, stories.withdraw_story):
        with pytest.raises(DomainError):
            action(story=story, by=facilitator)


# --- the photo -------------------------------------------------------------------------------


def test_the_photo_is_stored_without_exif_or_gps():
    original = photo_with_exif(40, 30)
    assert Image.open(io.BytesIO(original)).getexif()  # the sample does hold them

    story = tell(photo=SimpleUploadedFile("foto.jpg", original), alt="Een busje voor de deur")

    stored = story.photo.open("rb").read()
    assert story.photo.name.startswith("private/stories/")
    assert not Image.open(io.BytesIO(stored)).getexif()
    assert b"Camera van de bewoner" not in stored and b"Exif" not in stored


@pytest.mark.parametrize(("name", "content"), [
    ("foto.jpg", s.PDF), ("foto.exe", s.EXE), ("foto.png", s.JPEG), ("foto.svg", s.SVG),
    ("foto.jpg", b""),
])  # fmt: skip
def test_a_file_that_is_not_a_photo_is_refused(name, content):
    with pytest.raises(DomainError):
        tell(photo=SimpleUploadedFile(name, content), alt="Iets")
    assert Story.objects.count() == 0


def test_a_photo_with_a_virus_is_refused(settings):
    with fake_clamd() as (settings.CLAMD_URL, _scanned), pytest.raises(DomainError):
        tell(photo=SimpleUploadedFile("foto.jpg", photo_with_exif(40, 30) + EICAR), alt="Iets")


def test_the_photo_is_served_only_where_the_story_may_be_seen(client):
    story = tell(photo=SimpleUploadedFile("foto.jpg", photo_with_exif(40, 30)), alt="Een busje")
    url = reverse("initiatives:story-photo", args=[story.pk])

    assert client.get(url).status_code == 404
    client.force_login(story.author)
    assert client.get(url).status_code == 200
    client.logout()
    stories.publish_story(story=story, by=UserFactory(role="facilitator"))
    response = client.get(url)
    assert (response.status_code, response["Content-Type"]) == (200, "image/jpeg")
    assert response["X-Content-Type-Options"] == "nosniff"


# --- finding stories -------------------------------------------------------------------------


def test_published_stories_are_found_by_neighbourhood_and_by_a_word():
    facilitator = UserFactory(role="facilitator")
    waterwijk, haven = NeighbourhoodFactory(name="Waterwijk"), NeighbourhoodFactory(name="Haven")
    bus = tell(neighbourhood=waterwijk, title="Het Watergolfje", text="Een busje naar de huisarts.")
    koor = tell(neighbourhood=haven, title="Het buurtkoor", text="Wij zingen elke dinsdag.")
    tell(neighbourhood=waterwijk, title="Nog niet bekeken", text="Een busje.")
    for story in (bus, koor):
        stories.publish_story(story=story, by=facilitator)

    def found(**kwargs):
        return [row["heading"] for row in selectors.public_stories(**kwargs)]

    assert sorted(found()) == ["Het Watergolfje", "Het buurtkoor"]
    assert found(neighbourhood=waterwijk.slug) == ["Het Watergolfje"]
    assert found(search="HUISARTS") == ["Het Watergolfje"]
    assert found(search="koor") == ["Het buurtkoor"]
    assert found(search="busje", neighbourhood=haven.slug) == []


def test_the_public_list_page_filters_without_javascript(client):
    neighbourhood = NeighbourhoodFactory(name="Waterwijk")
    story = tell(neighbourhood=neighbourhood, title="Het Watergolfje", text="Naar de huisarts.")
    stories.publish_story(story=story, by=UserFactory(role="facilitator"))

    html = client.get(reverse("initiatives:stories"), {"wijk": neighbourhood.slug, "q": "huisarts"})

    assert "Het Watergolfje" in html.content.decode()
    assert (
        "Het Watergolfje"
        not in client.get(reverse("initiatives:stories"), {"q": "koor"}).content.decode()
    )
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Naar de huisarts." in page and story.author.email not in page


def test_an_accountability_story_with_consent_is_in_the_list():
    from tests.budget.followup_helpers import fill_in, grant

    application, _holder, _facilitator = grant()
    initiative = application.initiative
    type(initiative).objects.filter(pk=initiative.pk).update(publication_consent=True)
    accountability = fill_in(application, result="yes")
    from budget import services

    services.save_accountability_step(
        accountability=accountability, by=initiative.created_by, step=4,
        data={"story": "Elke week kwamen er meer buren.", "story_public": True, "lessons": "",
              "next_step": "independent"},
    )  # fmt: skip
    services.submit_accountability(accountability=accountability, by=initiative.created_by)

    rows = list(selectors.public_stories(search="buren"))

    assert [(r["kind"], r["initiative_id"]) for r in rows] == [("accountability", initiative.pk)]
    type(accountability).objects.filter(pk=accountability.pk).update(story_public=False)
    assert list(selectors.public_stories(search="buren")) == []


# --- export and retention --------------------------------------------------------------------


def test_the_authors_stories_are_in_their_data_export(client):
    story = tell(text="Ons verhaal over de bus.")
    client.force_login(story.author)

    response = client.get(reverse("accounts:data-export"))

    data = json.loads(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    assert data["stories"][0]["text"] == "Ons verhaal over de bus."


def test_stories_of_an_erased_account_and_closed_stories_go_with_their_photos():
    from burgerkracht.accounts.services import delete_account

    published = tell(photo=SimpleUploadedFile("foto.jpg", photo_with_exif(40, 30)), alt="Een busje")
    stories.publish_story(story=published, by=UserFactory(role="facilitator"))
    declined = tell()
    stories.decline_story(
        story=declined, by=UserFactory(role="facilitator"), reason="Het verhaal noemt namen."
    )
    kept = tell()
    storage, name = published.photo.storage, published.photo.name
    delete_account(user=published.author, by=published.author)

    with time_machine.travel(timezone.now() + timedelta(days=91), tick=False):
        counts = purge()

    assert (counts["erased_storytellers"], counts["closed_stories"]) == (1, 1)
    assert list(Story.objects.all()) == [kept]
    assert not storage.exists(name)


# --- the pages -------------------------------------------------------------------------------


def test_the_form_saves_a_story_with_a_photo_and_asks_for_its_description(client):
    author, neighbourhood = UserFactory(), NeighbourhoodFactory()
    client.force_login(author)
    url = reverse("initiatives:story-tell")
    data = {"title": "Het Watergolfje", "text": "Naar de huisarts.",
            "neighbourhood": neighbourhood.pk, "consent": "on"}  # fmt: skip

    refused = client.post(url, {**data, "photo": SimpleUploadedFile("f.jpg", photo_with_exif())})
    assert refused.status_code == 200 and Story.objects.count() == 0
    assert "Zeg in een paar woorden wat er op de foto staat." in refused.content.decode()
    not_a_photo = client.post(url, {**data, "photo": SimpleUploadedFile("f.jpg", s.PDF),
                                    "photo_alt": "Een busje"})  # fmt: skip
    assert not_a_photo.status_code == 200 and Story.objects.count() == 0

    photo = SimpleUploadedFile("f.jpg", photo_with_exif())
    response = client.post(url, {**data, "photo": photo, "photo_alt": "Een busje"})

    assert response.status_code == 302
    story = Story.objects.get()
    assert (story.author, story.photo_alt, story.status) == (author, "Een busje", "submitted")
    assert "Het Watergolfje" in client.get(reverse("initiatives:my-stories")).content.decode()


def test_the_review_page_publishes_or_declines_with_a_reason(client):
    story, other = tell(), tell(title="Tweede")
    client.force_login(UserFactory(role="facilitator"))

    published = client.post(reverse("initiatives:story-review", args=[story.pk]),
                            {"decision": "publish"})  # fmt: skip
    no_reason = client.post(reverse("initiatives:story-review", args=[other.pk]),
                            {"decision": "decline", "reason": ""})  # fmt: skip
    declined = client.post(reverse("initiatives:story-review", args=[other.pk]),
                           {"decision": "decline", "reason": "Er staat een adres in."})  # fmt: skip

    assert (published.status_code, no_reason.status_code, declined.status_code) == (302, 200, 302)
    assert Story.objects.get(pk=story.pk).status == "published"
    assert Story.objects.get(pk=other.pk).declined_reason == "Er staat een adres in."


def test_the_author_withdraws_on_the_withdraw_page(client):
    story = tell()
    client.force_login(story.author)

    response = client.post(reverse("initiatives:story-withdraw", args=[story.pk]))

    assert response.status_code == 302
    assert Story.objects.get(pk=story.pk).status == "withdrawn"
    assert client.get(story.get_absolute_url()).status_code == 200  # still theirs to see
    client.logout()
    assert client.get(story.get_absolute_url()).status_code == 404
