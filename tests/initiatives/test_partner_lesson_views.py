"""The pages of partners' contributions and the lessons library: happy paths through the
forms, and what each kind of visitor sees."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from budget.enums import EvaluationStatus
from burgerkracht.core.models import AuditEvent
from initiatives import lessons, partners
from initiatives.models import Lesson, PartnerContribution
from tests import upload_samples as s
from tests.factories import (
    InitiativeFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    UserFactory,
    application_in,
    fill_accountability,
)

pytestmark = pytest.mark.django_db


def test_a_facilitator_records_and_judges_a_contribution_through_the_pages(client):
    facilitator = UserFactory(role="facilitator")
    initiative = InitiativeFactory(active=True, facilitator=facilitator)
    organisation = OrganisationFactory(name="Zorggroep Triade")
    client.force_login(facilitator)

    response = client.post(
        reverse("initiatives:contribution-create", args=[initiative.pk]),
        {"organisation": organisation.pk, "kind": "hours", "promised": "Een jobcoach.",
         "hours": "40"},
    )  # fmt: skip
    contribution = PartnerContribution.objects.get()
    judged = client.post(
        reverse("initiatives:contribution-judge", args=[initiative.pk, contribution.pk]),
        {"delivered": "no", "note": "Na een jaar nog geen besluit."},
    )

    assert (response.status_code, judged.status_code) == (302, 302)
    contribution.refresh_from_db()
    assert (contribution.hours, contribution.delivered) == (40, "no")
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Zorggroep Triade" in page
    assert "Na een jaar nog geen besluit." in page


def test_the_initiators_read_the_contributions_but_get_no_links_to_change_them(client):
    facilitator = UserFactory(role="facilitator")
    initiative = InitiativeFactory(active=True, facilitator=facilitator)
    partners.record_contribution(
        initiative=initiative, by=facilitator, organisation=OrganisationFactory(name="Triade"),
        kind="location", promised="Het buurthuis op dinsdag.",
    )  # fmt: skip
    client.force_login(initiative.created_by)

    page = client.get(initiative.get_absolute_url()).content.decode()

    assert "Het buurthuis op dinsdag." in page
    assert reverse("initiatives:contribution-create", args=[initiative.pk]) not in page


def test_a_contribution_of_another_initiative_is_not_found_under_this_one(client):
    facilitator = UserFactory(role="facilitator")
    mine = InitiativeFactory(active=True, facilitator=facilitator)
    other = partners.record_contribution(
        initiative=InitiativeFactory(active=True, facilitator=facilitator), by=facilitator,
        organisation=OrganisationFactory(), kind="other", promised="Koffie",
    )  # fmt: skip
    client.force_login(facilitator)

    response = client.get(reverse("initiatives:contribution-judge", args=[mine.pk, other.pk]))

    assert response.status_code == 404


def test_the_facilitator_judges_the_partners_at_the_interim_evaluation(client):
    facilitator = UserFactory(role="facilitator")
    application = application_in("granted", facilitator=facilitator)
    evaluation = application.evaluations.get()
    contribution = partners.record_contribution(
        initiative=application.initiative, by=facilitator, organisation=OrganisationFactory(),
        kind="professional", promised="Een opbouwwerker.",
    )  # fmt: skip
    client.force_login(facilitator)
    url = reverse("budget:evaluation-partners", args=[evaluation.pk])

    response = client.post(url, {f"delivered_{contribution.pk}": "partly",
                                 f"note_{contribution.pk}": "Om de week."})  # fmt: skip

    assert response.status_code == 302
    contribution.refresh_from_db()
    assert (contribution.delivered, contribution.delivered_note) == ("partly", "Om de week.")
    assert evaluation.status == EvaluationStatus.PLANNED
    page = client.get(evaluation.get_absolute_url()).content.decode()
    assert "Om de week." in page


def test_an_official_writes_a_lesson_with_a_handreiking_and_publishes_it_with_consent(client):
    official = UserFactory(role="facilitator")
    initiative = InitiativeFactory(ended=True, facilitator=official, theme="care")
    client.force_login(official)

    form = client.get(reverse("initiatives:lesson-create") + f"?initiatief={initiative.pk}")
    created = client.post(
        reverse("initiatives:lesson-create") + f"?initiatief={initiative.pk}",
        {"title": "Verzekering eerst", "text": "Regel de verzekering vooraf.", "theme": "care",
         "source": "closure", "source_note": "", "neighbourhood": "",
         "guide": SimpleUploadedFile("handreiking.pdf", s.PDF)},
    )  # fmt: skip
    lesson = Lesson.objects.get()
    published = client.post(
        reverse("initiatives:lesson-publication", args=[lesson.pk]),
        {"consent_from": "Joke Rebel, per e-mail", "confirm": "on"},
    )

    assert (form.status_code, created.status_code, published.status_code) == (200, 302, 302)
    lesson.refresh_from_db()
    assert (lesson.initiative, lesson.status, lesson.consent_from) == (
        initiative, "published", "Joke Rebel, per e-mail"
    )  # fmt: skip
    client.logout()
    assert "Verzekering eerst" in client.get(reverse("initiatives:lessons")).content.decode()
    guide = client.get(reverse("initiatives:lesson-guide", args=[lesson.pk]))
    assert (guide.status_code, guide["Content-Type"]) == (200, "application/pdf")


def test_an_internal_lesson_does_not_exist_for_residents(client):
    lesson = lessons.write_lesson(
        by=UserFactory(role="facilitator"), title="Intern", text="Nog niet openbaar.",
        theme="care", source="other",
    )  # fmt: skip
    client.force_login(UserFactory(role="resident"))

    assert client.get(lesson.get_absolute_url()).status_code == 404
    assert "Intern" not in client.get(reverse("initiatives:lessons")).content.decode()


def test_the_officials_list_filters_by_word_theme_and_wijk(client):
    official = UserFactory(role="facilitator")
    wijk = NeighbourhoodFactory()
    for title, theme, place in (("Sleutels", "meeting", wijk), ("Polis afsluiten", "care", None)):
        lessons.write_lesson(by=official, title=title, text="Tekst", theme=theme,
                             source="other", neighbourhood=place)  # fmt: skip
    client.force_login(official)
    url = reverse("initiatives:lessons-officials")

    by_word = client.get(url, {"q": "sleut"}).content.decode()
    by_theme = client.get(url, {"theme": "care"}).content.decode()
    by_wijk = client.get(url, {"neighbourhood": wijk.pk}).content.decode()

    assert ("Sleutels" in by_word, "Polis afsluiten" in by_word) == (True, False)
    assert ("Sleutels" in by_theme, "Polis afsluiten" in by_theme) == (False, True)
    assert ("Sleutels" in by_wijk, "Polis afsluiten" in by_wijk) == (True, False)


def test_an_initiative_page_suggests_a_published_lesson_of_the_same_theme(client):
    official = UserFactory(role="facilitator")
    lesson = lessons.write_lesson(by=official, title="Samen bewegen werkt", text="Tekst",
                                  theme="exercise", source="closure")  # fmt: skip
    lessons.publish_lesson(lesson=lesson, by=official, consent_from="Ali")
    initiative = InitiativeFactory(active=True, theme="exercise")
    client.force_login(initiative.created_by)

    page = client.get(initiative.get_absolute_url()).content.decode()

    assert "Samen bewegen werkt" in page
    assert AuditEvent.objects.filter(action="lesson.published").count() == 1


def test_a_sent_in_accountability_offers_its_officials_to_write_down_a_lesson(client):
    facilitator = UserFactory(role="facilitator")
    application = application_in("granted", facilitator=facilitator)
    lead = application.initiative.created_by
    accountability = fill_accountability(application.accountability, lead)
    link = (reverse("initiatives:lesson-create")
            + f"?initiatief={application.initiative_id}&amp;bron=accountability")  # fmt: skip

    client.force_login(facilitator)
    official = client.get(accountability.get_absolute_url()).content.decode()
    client.force_login(lead)
    resident = client.get(accountability.get_absolute_url()).content.decode()

    assert (link in official, link in resident) == (True, False)
