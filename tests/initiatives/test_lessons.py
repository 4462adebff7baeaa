"""The lessons library (F-S10, PP-24): the transition table, writing a lesson with a
handreiking through the upload checks, publishing only with consent, who may, and the
lessons an initiative's page suggests."""

import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from burgerkracht.core.exceptions import DomainError, InvalidTransition
from burgerkracht.core.models import AuditEvent
from initiatives import lesson_selectors as selectors
from initiatives import lessons, permissions
from initiatives.enums import LESSON_TRANSITIONS, LessonStatus
from initiatives.models import Lesson
from tests import upload_samples as s
from tests.clamd import EICAR, fake_clamd
from tests.factories import InitiativeFactory, NeighbourhoodFactory, UserFactory

pytestmark = pytest.mark.django_db


def write(by=None, **kwargs):
    data = {
        "title": "Vraag de verzekering op tijd",
        "theme": "care",
        "source": "closure",
        "text": "Regel de verzekering voor vrijwilligers voordat je begint.",
    } | kwargs
    return lessons.write_lesson(by=by or UserFactory(role="facilitator"), **data)  # fmt: skip


# --- the transition table ------------------------------------------------------------------

ALLOWED = {("internal", "published"), ("published", "internal")}


@pytest.mark.parametrize(("start", "end"), list(itertools.product(LessonStatus.values, repeat=2)))
def test_the_transition_table_allows_exactly_these_moves(start, end):
    assert (end in LESSON_TRANSITIONS[start]) == ((start, end) in ALLOWED)
    assert Lesson(status=start).can_move_to(end) == ((start, end) in ALLOWED)


def test_every_status_has_a_row():
    assert set(LESSON_TRANSITIONS) == set(LessonStatus.values)


@pytest.mark.parametrize(("start", "end"), list(itertools.product(LessonStatus.values, repeat=2)))
def test_the_service_follows_the_table(start, end):
    official = UserFactory(role="facilitator")
    lesson = write(official)
    if start == LessonStatus.PUBLISHED:
        lessons.publish_lesson(lesson=lesson, by=official, consent_from="Joke Rebel")

    def move():
        return lessons.change_lesson_status(
            lesson=lesson, to=end, by=official, consent_from="Joke Rebel",
            reason="De initiatiefnemers trekken hun toestemming in.",
        )  # fmt: skip

    if (start, end) in ALLOWED:
        assert move().status == end
    else:
        with pytest.raises(InvalidTransition):
            move()


# --- the services ----------------------------------------------------------------------------


def test_an_official_writes_a_lesson_for_officials_only():
    official = UserFactory(role="facilitator")
    initiative = InitiativeFactory(ended=True, facilitator=official)

    lesson = write(official, initiative=initiative, neighbourhood=NeighbourhoodFactory())

    assert (lesson.status, lesson.initiative, lesson.created_by) == (
        "internal", initiative, official
    )  # fmt: skip
    assert AuditEvent.objects.filter(action="lesson.written", subject_id=str(lesson.pk)).exists()
    assert list(selectors.public_lessons()) == []
    assert list(permissions.lessons_visible_to(UserFactory(role="resident"))) == []
    assert list(permissions.lessons_visible_to(UserFactory(role="facilitator"))) == [lesson]


@pytest.mark.parametrize("role", ["resident", "professional", "budget_holder", None])
def test_only_officials_write_lessons(role):
    with pytest.raises(DomainError):
        write(UserFactory(role=role))

    assert Lesson.objects.count() == 0


def test_a_lesson_from_an_initiative_needs_sight_of_that_initiative():
    initiative = InitiativeFactory(ended=True, facilitator=UserFactory(role="facilitator"))

    with pytest.raises(DomainError):
        write(UserFactory(role="facilitator"), initiative=initiative)

    assert write(UserFactory(role="facilitator_coordinator"), initiative=initiative).initiative == (
        initiative
    )


def test_a_handreiking_is_stored_through_the_upload_checks():
    lesson = write(guide=SimpleUploadedFile("handreiking.pdf", s.PDF))

    assert (lesson.guide_name, lesson.guide.name.startswith("private/lessons/")) == (
        "handreiking.pdf", True
    )  # fmt: skip
    assert lesson.guide.read() == s.PDF


@pytest.mark.parametrize(
    ("name", "content"), [("handreiking.pdf", s.EXE), ("handreiking.html", s.HTML),
                          ("handreiking.docx", s.PDF)],
)  # fmt: skip
def test_a_handreiking_that_is_not_a_document_is_refused(name, content):
    with pytest.raises(DomainError):
        write(guide=SimpleUploadedFile(name, content))

    assert Lesson.objects.count() == 0


def test_a_handreiking_with_a_virus_is_refused(settings):
    with fake_clamd() as (settings.CLAMD_URL, _scanned), pytest.raises(DomainError):
        write(guide=SimpleUploadedFile("handreiking.pdf", s.PDF + EICAR))

    assert Lesson.objects.count() == 0


def test_publishing_records_who_consented_when_and_by_whom():
    official = UserFactory(role="facilitator")
    lesson = write(official)

    lesson = lessons.publish_lesson(lesson=lesson, by=official, consent_from="Joke Rebel")

    assert (lesson.status, lesson.consent_from, lesson.consent_recorded_by) == (
        "published", "Joke Rebel", official
    )  # fmt: skip
    assert lesson.consent_recorded_at == lesson.published_at
    assert list(selectors.public_lessons()) == [lesson]
    event = AuditEvent.objects.get(action="lesson.published")
    assert (event.data["from"], event.data["to"], event.data["consent_from"]) == (
        "internal", "published", "Joke Rebel"
    )  # fmt: skip


def test_without_consent_nothing_is_published():
    lesson = write()

    with pytest.raises(DomainError):
        lessons.publish_lesson(lesson=lesson, by=UserFactory(role="facilitator"), consent_from=" ")

    lesson.refresh_from_db()
    assert lesson.status == "internal"


def test_unpublishing_needs_a_reason_and_takes_it_off_the_public_list():
    official = UserFactory(role="facilitator")
    lesson = lessons.publish_lesson(lesson=write(official), by=official, consent_from="Joke")
    with pytest.raises(DomainError):
        lessons.unpublish_lesson(lesson=lesson, by=official, reason="-")

    lesson = lessons.unpublish_lesson(
        lesson=lesson, by=official, reason="De initiatiefnemers willen het niet meer."
    )

    assert (lesson.status, lesson.published_at, lesson.consent_from) == ("internal", None, "Joke")
    assert list(selectors.public_lessons()) == []
    assert AuditEvent.objects.filter(action="lesson.unpublished").count() == 1


@pytest.mark.parametrize("role", ["resident", "professional", None])
def test_only_officials_publish(role):
    lesson = write()

    with pytest.raises(DomainError):
        lessons.publish_lesson(lesson=lesson, by=UserFactory(role=role), consent_from="Joke")


def test_the_public_list_searches_text_theme_and_wijk():
    official = UserFactory(role="facilitator")
    wijk = NeighbourhoodFactory()
    a = lessons.publish_lesson(
        lesson=write(official, title="Verzekering", theme="care", neighbourhood=wijk), by=official,
        consent_from="Joke",
    )  # fmt: skip
    b = lessons.publish_lesson(
        lesson=write(official, title="Sleutelbeheer", text="Wie heeft de sleutel?",
                     theme="meeting"), by=official, consent_from="Ali",
    )  # fmt: skip

    assert list(selectors.public_lessons(search="sleutel")) == [b]
    assert list(selectors.public_lessons(theme="care")) == [a]
    assert list(selectors.public_lessons(neighbourhood=wijk.slug)) == [a]


# --- suggestions on an initiative's page ------------------------------------------------------


def test_an_initiative_suggests_lessons_of_the_same_theme_or_wijk_both_first():
    official = UserFactory(role="facilitator")
    wijk = NeighbourhoodFactory()
    initiative = InitiativeFactory(active=True, theme="care", facilitator=official)
    initiative.neighbourhoods.add(wijk)
    same_wijk = write(official, theme="green", neighbourhood=wijk)
    both = write(official, theme="care", neighbourhood=wijk)
    same_theme = write(official, theme="care")
    write(official, theme="green")  # not similar
    write(official, theme="care", initiative=InitiativeFactory(ended=True, facilitator=official))
    own = write(official, theme="care", initiative=initiative, neighbourhood=wijk)

    suggested = [s.pk for s in selectors.suggested_lessons(initiative, official)]

    assert suggested[0] == both.pk
    assert set(suggested) >= {same_wijk.pk, same_theme.pk}
    assert own.pk not in suggested
    assert len(suggested) == 4


def test_residents_are_suggested_only_published_lessons():
    official = UserFactory(role="facilitator")
    initiative = InitiativeFactory(active=True, theme="care")
    write(official, theme="care")
    published = lessons.publish_lesson(lesson=write(official, theme="care"), by=official,
                                       consent_from="Joke")  # fmt: skip

    suggested = selectors.suggested_lessons(initiative, initiative.created_by)

    assert [(s.pk, s.title, s.theme_label) for s in suggested] == [
        (published.pk, published.title, "Voor elkaar zorgen")
    ]
