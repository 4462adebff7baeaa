"""Internal notes (aantekeningen): officials of THIS initiative or application only, append-only,
audited, and never anywhere the residents look (their pages, e-mail, data download)."""

import pytest
from django.core import mail
from django.urls import reverse

from budget import notes as application_notes
from budget import permissions as budget_permissions
from budget.enums import ApplicationStatus
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent
from burgerkracht.core.services import deliver_pending
from initiatives import notes
from initiatives import permissions as initiative_permissions
from initiatives.models import Initiative, InternalNote
from tests.factories import InitiativeFactory, UserFactory, application_in
from tests.language import in_language

pytestmark = pytest.mark.django_db

SECRET = "Gebeld met de wijkcoach, zij kent de groep."


def note_url(initiative):
    return reverse("initiatives:note-create", args=[initiative.pk])


def initiative_with_facilitators():
    facilitator = UserFactory(role="facilitator")
    backup = UserFactory(role="facilitator")
    initiative = InitiativeFactory(active=True, facilitator=facilitator, backup_facilitator=backup)
    return initiative, facilitator, backup


def test_the_facilitator_adds_a_note_and_it_is_audited_without_its_text():
    initiative, facilitator, _backup = initiative_with_facilitators()

    note = notes.add_note(by=facilitator, initiative=initiative, text=f"  {SECRET} ")

    assert (note.text, note.author, note.initiative) == (SECRET, facilitator, initiative)
    event = AuditEvent.objects.get(action="initiative.note_added")
    assert (event.actor, event.subject) == (facilitator, initiative)
    assert SECRET not in str(event.data) and SECRET not in event.reason


def test_a_note_cannot_be_changed_after_saving():
    initiative, facilitator, _backup = initiative_with_facilitators()
    note = notes.add_note(by=facilitator, initiative=initiative, text=SECRET)

    note.text = "Iets anders"
    with pytest.raises(ValueError, match="append-only"):
        note.save()
    assert InternalNote.objects.get().text == SECRET


def test_an_empty_note_is_refused():
    initiative, facilitator, _backup = initiative_with_facilitators()
    with pytest.raises(DomainError):
        notes.add_note(by=facilitator, initiative=initiative, text="   ")


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("facilitator", True),
        ("backup", True),
        ("coordinator", True),
        ("other_facilitator", False),
        ("lead", False),
        ("holder", False),
        ("read_only", False),
    ],
)
def test_who_may_read_and_add_notes_on_an_initiative(who, allowed):
    initiative, facilitator, backup = initiative_with_facilitators()
    user = {
        "facilitator": facilitator,
        "backup": backup,
        "coordinator": UserFactory(role="facilitator_coordinator"),
        "other_facilitator": UserFactory(role="facilitator"),
        "lead": initiative.created_by,
        "holder": UserFactory(role="budget_decision_holder"),
        "read_only": UserFactory(role="read_only"),
    }[who]

    assert initiative_permissions.can_read_notes(user, initiative) is allowed
    assert initiative_permissions.can_add_note(user, initiative) is allowed
    if not allowed:
        with pytest.raises(DomainError):
            notes.add_note(by=user, initiative=initiative, text=SECRET)
        assert not InternalNote.objects.exists()


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("facilitator", True),
        ("coordinator", True),
        ("holder", True),
        ("other_holder", False),
        ("other_facilitator", False),
        ("lead", False),
        ("read_only", False),
    ],
)
def test_who_may_read_and_add_notes_on_an_application(who, allowed):
    facilitator = UserFactory(role="facilitator")
    application = application_in(ApplicationStatus.AWAITING_DECISION, facilitator=facilitator)
    user = {
        "facilitator": facilitator,
        "coordinator": UserFactory(role="facilitator_coordinator"),
        "holder": application.line.decision_holders.first(),
        "other_holder": UserFactory(role="budget_decision_holder"),
        "other_facilitator": UserFactory(role="facilitator"),
        "lead": application.initiative.created_by,
        "read_only": UserFactory(role="read_only"),
    }[who]

    assert budget_permissions.can_read_notes(user, application) is allowed
    if allowed:
        note = application_notes.add_note(by=user, application=application, text=SECRET)
        assert note.application == application
        assert AuditEvent.objects.filter(action="application.note_added").exists()
    else:
        with pytest.raises(DomainError):
            application_notes.add_note(by=user, application=application, text=SECRET)


def test_the_facilitator_adds_a_note_through_the_initiative_page(client):
    initiative, facilitator, _backup = initiative_with_facilitators()
    client.force_login(facilitator)
    page = in_language(client, "nl").get(initiative.get_absolute_url())
    assert "Interne aantekeningen (niet zichtbaar voor de bewoner)" in page.text
    assert "Bewaar aantekening" in page.text
    assert "Stuur bericht aan de bewoner" in page.text

    response = client.post(
        reverse("initiatives:note-create", args=[initiative.pk]), {"note-text": SECRET}
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#aantekeningen")
    assert SECRET in client.get(initiative.get_absolute_url()).text


def test_another_facilitator_cannot_post_a_note(client):
    initiative, _facilitator, _backup = initiative_with_facilitators()
    client.force_login(UserFactory(role="facilitator"))
    response = client.post(
        reverse("initiatives:note-create", args=[initiative.pk]), {"note-text": SECRET}
    )
    assert response.status_code == 403
    assert not InternalNote.objects.exists()


def test_the_lead_cannot_post_a_note(client):
    initiative, _facilitator, _backup = initiative_with_facilitators()
    client.force_login(initiative.created_by)
    response = client.post(
        reverse("initiatives:note-create", args=[initiative.pk]), {"note-text": SECRET}
    )
    assert response.status_code == 403


def test_the_holder_adds_a_note_on_the_application_page(client):
    facilitator = UserFactory(role="facilitator")
    application = application_in(ApplicationStatus.AWAITING_DECISION, facilitator=facilitator)
    holder = application.line.decision_holders.first()
    client.force_login(holder)

    response = client.post(
        reverse("budget:application-note", args=[application.pk]), {"note-text": SECRET}
    )

    assert response.status_code == 302
    page = in_language(client, "nl").get(application.get_absolute_url())
    assert SECRET in page.text
    assert "Interne aantekeningen (niet zichtbaar voor de bewoner)" in page.text


def test_the_lead_never_sees_a_note_anywhere(client):
    """Notes on the initiative and on its application: not on any of the lead's pages, not
    in their data download and not in any e-mail."""
    facilitator = UserFactory(role="facilitator")
    application = application_in(ApplicationStatus.AWAITING_DECISION, facilitator=facilitator)
    initiative = Initiative.objects.get(pk=application.initiative_id)
    notes.add_note(by=facilitator, initiative=initiative, text=SECRET)
    application_notes.add_note(by=facilitator, application=application, text=SECRET + " (aanvraag)")
    deliver_pending()
    lead = initiative.created_by
    client.force_login(lead)

    urls = [
        reverse("core:dashboard"),
        initiative.get_absolute_url(),
        application.get_absolute_url(),
        reverse("budget:my-applications"),
        reverse("accounts:data-export"),
        reverse("accounts:profile"),
    ]
    for url in urls:
        for language in ("nl", "en"):
            response = in_language(client, language).get(url)
            assert response.status_code == 200, url
            body = response.content.decode()
            assert "Gebeld met de wijkcoach" not in body, url
            assert "aantekeningen" not in body.lower() or language == "en", url
    assert all("wijkcoach" not in m.body for m in mail.outbox)
    for url in (
        reverse("initiatives:note-create", args=[initiative.pk]),
        reverse("budget:application-note", args=[application.pk]),
    ):
        assert client.get(url).status_code == 403
