"""The post queue (SC-11): the transition table, printing one batch PDF, marking letters
posted (audited, all or none), who sees which letter, and where a posted letter shows."""

import pytest
from django.urls import reverse

from burgerkracht.core import transitions
from burgerkracht.core.enums import POST_TRANSITIONS, PostStatus
from burgerkracht.core.exceptions import DomainError, InvalidTransition
from burgerkracht.core.messaging.notifications import notify
from burgerkracht.core.models import AuditEvent, PostItem
from burgerkracht.core.postal import queue as post_queue
from initiatives.post import posted_letters
from tests.core.post_helpers import initiative_of, item_text, pdf_pages_text, post_resident
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ALLOWED = {
    (PostStatus.QUEUED, PostStatus.POSTED),
    (PostStatus.QUEUED, PostStatus.CANCELLED),
}


def letter_to(resident, *, title="Moestuin De Wei", facilitator=None) -> PostItem:
    initiative = initiative_of(resident, active=True, title=title, facilitator=facilitator)
    notify(
        recipients=[resident], template="initiatives/paused",
        context={"initiative": initiative, "reason": "Even rust", "link": "https://x.invalid/"},
    )  # fmt: skip
    return PostItem.objects.filter(recipient=resident).latest("pk")


@pytest.mark.parametrize("current", PostStatus.values)
@pytest.mark.parametrize("requested", PostStatus.values)
def test_the_transition_table_allows_exactly_queued_to_posted_or_cancelled(current, requested):
    if (current, requested) in ALLOWED:
        transitions.check(POST_TRANSITIONS, current, requested)
    else:
        with pytest.raises(InvalidTransition):
            transitions.check(POST_TRANSITIONS, current, requested)
    assert set(POST_TRANSITIONS) == set(PostStatus.values)


def test_the_batch_pdf_holds_every_letter_each_from_a_new_page():
    first = letter_to(post_resident(full_name="Gerrit Bakker"), title="Moestuin De Wei")
    second = letter_to(
        post_resident(full_name="Fatma Yilmaz", street_address="Lindelaan 3"), title="Buurtsoep"
    )

    pages = pdf_pages_text(post_queue.batch_pdf(items=[first, second]))

    assert len(pages) == 2
    assert "Gerrit Bakker" in pages[0] and "Kerkstraat 12" in pages[0]
    assert "Moestuin De Wei" in pages[0]
    assert "Fatma Yilmaz" in pages[1] and "Lindelaan 3" in pages[1] and "Buurtsoep" in pages[1]


def test_an_empty_batch_is_refused():
    with pytest.raises(DomainError):
        post_queue.batch_pdf(items=[])


def test_marking_posted_records_who_and_when_and_shows_on_the_initiative():
    facilitator = UserFactory(role="facilitator")
    item = letter_to(post_resident(), facilitator=facilitator)

    post_queue.mark_posted(items=[item], by=facilitator)

    item.refresh_from_db()
    assert (item.status, item.posted_by) == (PostStatus.POSTED, facilitator)
    assert item.posted_at is not None
    assert AuditEvent.objects.for_subject(item).filter(action="post.posted").get().actor == (
        facilitator
    )
    assert posted_letters(item.initiative_link.initiative) == [item]


def test_a_letter_is_marked_posted_once():
    coordinator = UserFactory(role="facilitator_coordinator")
    item = letter_to(post_resident())
    post_queue.mark_posted(items=[item], by=coordinator)

    with pytest.raises(InvalidTransition):
        post_queue.mark_posted(items=[item], by=coordinator)


def test_a_letter_without_address_cannot_be_marked_posted_and_refuses_the_whole_batch():
    coordinator = UserFactory(role="facilitator_coordinator")
    good = letter_to(post_resident())
    missing = letter_to(post_resident(street_address=""))

    with pytest.raises(DomainError, match="adres"):
        post_queue.mark_posted(items=[good, missing], by=coordinator)

    assert PostItem.objects.filter(status=PostStatus.POSTED).count() == 0


def test_a_facilitator_sees_and_handles_only_the_letters_of_their_own_initiatives():
    mine, other = UserFactory(role="facilitator"), UserFactory(role="facilitator")
    item = letter_to(post_resident(), facilitator=mine)
    coordinator = UserFactory(role="facilitator_coordinator")
    administrator = UserFactory(role="administrator")

    assert list(post_queue.post_items_for(mine)) == [item]
    assert list(post_queue.post_items_for(other)) == []
    assert list(post_queue.post_items_for(coordinator)) == [item]
    assert list(post_queue.post_items_for(administrator)) == [item]
    assert list(post_queue.post_items_for(UserFactory(role="budget_decision_holder"))) == []
    with pytest.raises(DomainError):
        post_queue.mark_posted(items=[item], by=other)


def test_erasing_the_account_cancels_the_waiting_letters_and_forgets_the_address():
    from burgerkracht.accounts.services import delete_account

    resident = post_resident()
    item = letter_to(resident)

    delete_account(user=resident, by=None)

    item.refresh_from_db()
    assert (item.status, item.address_lines, bool(item.pdf)) == (PostStatus.CANCELLED, [], False)


def test_the_queue_page_prints_and_marks_through_its_form(client):
    facilitator = UserFactory(role="facilitator")
    item = letter_to(post_resident(), facilitator=facilitator)
    client.force_login(facilitator)

    page = client.get(reverse("core:post-queue"))
    printed = client.post(reverse("core:post-print"), {"item": [item.pk]})
    marked = client.post(reverse("core:post-mark"), {"only": item.pk}, follow=True)
    posted = client.get(reverse("core:post-queue") + "?status=posted")
    initiative = client.get(item.initiative_link.initiative.get_absolute_url())

    assert "Moestuin De Wei" in page.content.decode()
    assert printed["Content-Type"] == "application/pdf"
    assert "Kerkstraat 12" in pdf_pages_text(printed.content)[0]
    assert "1 brief is gemarkeerd als verstuurd." in marked.content.decode()
    assert "Moestuin De Wei" in posted.content.decode()
    assert "Brief per post verstuurd op" in initiative.content.decode()
    assert item_text(item)[0]


def test_a_letter_without_enclosures_stays_a_tagged_pdf():
    """Letters are PDF/UA (issue #24): a notice by post is the letter as WeasyPrint made it,
    with its structure, not a copy of its pages (which drops the tags)."""
    import subprocess

    item = letter_to(post_resident())
    with item.pdf.open("rb") as file:
        content = file.read()

    info = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=True)
    assert "Tagged:          yes" in info.stdout.decode()
    assert item.pages == 1


def test_a_letter_about_an_application_is_its_initiatives_too_and_audited_on_both():
    from budget.services.letters import generate_letter
    from tests.factories import application_in

    facilitator = UserFactory(role="facilitator")
    initiative = initiative_of(post_resident(), submitted=True)
    application = application_in("granted", initiative=initiative, facilitator=facilitator)
    generate_letter(letter_pk=application.letters.get().pk)
    item = post_queue.post_items_for(facilitator).get(kind="letter")  # the decision letter

    post_queue.mark_posted(items=[item], by=facilitator)

    assert item.about == application
    assert posted_letters(initiative) == [item]
    assert list(post_queue.post_items_for(UserFactory(role="facilitator"))) == []
    for subject in (initiative, application):
        assert AuditEvent.objects.for_subject(subject).filter(action="post.posted").count() == 1
