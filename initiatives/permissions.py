"""Who may do what with an initiative. Pure predicates: no writes.

Residents see only initiatives they (co-)initiate; facilitators the ones assigned to them;
the facilitator coordinator all that have been submitted. Professionals see the drafts they
registered with a resident.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from burgerkracht.accounts.roles import FACILITATOR_ROLES, OVERSEER_ROLES, Role
from burgerkracht.core.required import required
from initiatives.enums import InitiativeStatus, LeadSuccession, LessonStatus
from initiatives.lesson_models import Lesson
from initiatives.models import Initiative, Initiator
from initiatives.story_models import Story, StoryStatus

# A filter that matches no row (Django answers it without asking the database).
NOTHING = Q(pk__in=[])


def _active_initiator_ids(initiative: Initiative) -> set[int]:
    return {required(i.user_id) for i in initiative.initiators.all() if i.is_active}


def is_initiator(user, initiative: Initiative) -> bool:
    return user.is_authenticated and user.pk in _active_initiator_ids(initiative)


def is_lead(user, initiative: Initiative) -> bool:
    return user.is_authenticated and any(
        i.is_active and i.role == "lead" and i.user_id == user.pk
        for i in initiative.initiators.all()
    )


def is_facilitator(user, initiative: Initiative) -> bool:
    return user.is_authenticated and user.pk in {
        initiative.facilitator_id,
        initiative.backup_facilitator_id,
    }


def is_coordinator(user) -> bool:
    return user.is_authenticated and user.has_role(Role.FACILITATOR_COORDINATOR)


def is_assisting(user, initiative: Initiative) -> bool:
    return user.is_authenticated and initiative.assisted_by_id == user.pk


def can_view_initiative(user, initiative: Initiative) -> bool:
    if is_initiator(user, initiative) or is_facilitator(user, initiative):
        return True
    if is_assisting(user, initiative):
        return True
    return is_coordinator(user) and initiative.status != InitiativeStatus.DRAFT


# --- The same rules as filters (docs/decisions/0022) ---------------------------------------
# Each `can_view_*` above has its queryset here, written beside it: the lists call it (no
# model method restates it), and tests/security/test_visibility_agrees.py checks that both
# say the same of every object of the permission matrix's world. The parts are Q objects
# on the initiative, for the lists that need one part (and for budget's applications).


def initiator_q(user) -> Q:
    """The initiatives `user` is an active initiator of (is_initiator)."""
    if not user.is_authenticated:
        return NOTHING
    return Q(pk__in=Initiator.objects.active().filter(user=user.pk).values("initiative"))


def facilitator_q(user) -> Q:
    """The initiatives `user` facilitates, or backs up (is_facilitator)."""
    if not user.is_authenticated:
        return NOTHING
    return Q(facilitator=user.pk) | Q(backup_facilitator=user.pk)


def acts_for_resident_q(user) -> Q:
    """The initiatives `user` registered with a resident without e-mail, with consent
    (acts_for_resident)."""
    if not user.is_authenticated:
        return NOTHING
    leads_without_email = Initiator.objects.active().filter(
        Q(user__email__isnull=True) | Q(user__email=""), role="lead", user__isnull=False
    )
    return Q(
        assisted_by=user.pk,
        consent_recorded_at__isnull=False,
        pk__in=leads_without_email.values("initiative"),
    )


def initiatives_visible_to(user, initiatives: QuerySet[Initiative] | None = None):
    """can_view_initiative as a filter on `initiatives` (all by default)."""
    if initiatives is None:
        initiatives = Initiative.objects.all()
    if not user.is_authenticated:
        return initiatives.none()
    rule = facilitator_q(user) | Q(assisted_by=user.pk) | initiator_q(user)
    if is_coordinator(user):
        # First, so that PostgreSQL answers it before it looks at the other parts.
        rule = ~Q(status=InitiativeStatus.DRAFT) | rule
    return initiatives.filter(rule)


def can_edit_intake(user, initiative: Initiative) -> bool:
    if initiative.status != InitiativeStatus.DRAFT:
        return False
    return is_lead(user, initiative) or is_assisting(user, initiative)


def _lead_without_email(initiative: Initiative) -> bool:
    return any(
        i.is_active and i.role == "lead" and i.user is not None and not i.user.email
        for i in initiative.initiators.all()
    )


def acts_for_resident(user, initiative: Initiative) -> bool:
    """The professional who registered it with a resident without e-mail, whose consent the
    professional recorded: they act on the resident's behalf (SC-11)."""
    return (
        is_assisting(user, initiative)
        and initiative.consent_recorded_at is not None
        and _lead_without_email(initiative)
    )


def can_submit(user, initiative: Initiative) -> bool:
    return initiative.status == InitiativeStatus.DRAFT and (
        is_lead(user, initiative) or acts_for_resident(user, initiative)
    )


def can_register_without_email(user, initiative: Initiative) -> bool:
    return initiative.status == InitiativeStatus.DRAFT and is_assisting(user, initiative)


def can_download_consent_form(user, initiative: Initiative) -> bool:
    """The consent form of an assisted registration: the professional, this initiative's
    facilitators and the coordinators."""
    if initiative.assisted_by_id is None or not user.is_authenticated:
        return False
    return (
        is_assisting(user, initiative) or is_facilitator(user, initiative) or is_coordinator(user)
    )


def can_make_claim_letter(user, initiative: Initiative) -> bool:
    """A claim code for the resident without e-mail: the professional who helped, or this
    initiative's facilitators."""
    if not _lead_without_email(initiative):
        return False
    return is_assisting(user, initiative) or is_facilitator(user, initiative)


def can_assign_facilitators(user, initiative: Initiative) -> bool:
    return is_coordinator(user) and initiative.status != InitiativeStatus.DRAFT


def can_activate(user, initiative: Initiative) -> bool:
    return initiative.status == InitiativeStatus.SUBMITTED and (
        is_facilitator(user, initiative) or is_coordinator(user)
    )


def can_pause_or_resume(user, initiative: Initiative) -> bool:
    return initiative.status in (InitiativeStatus.ACTIVE, InitiativeStatus.PAUSED) and (
        is_initiator(user, initiative) or is_facilitator(user, initiative)
    )


def can_end(user, initiative: Initiative) -> bool:
    return initiative.status in (
        InitiativeStatus.SUBMITTED,
        InitiativeStatus.ACTIVE,
        InitiativeStatus.PAUSED,
    ) and (is_lead(user, initiative) or is_facilitator(user, initiative))


def can_post_update(user, initiative: Initiative) -> bool:
    return initiative.status != InitiativeStatus.DRAFT and (
        is_initiator(user, initiative) or is_facilitator(user, initiative)
    )


def can_message(user, initiative: Initiative) -> bool:
    return initiative.status != InitiativeStatus.DRAFT and (
        is_initiator(user, initiative) or is_facilitator(user, initiative)
    )


def can_handle_signals(user, initiative: Initiative) -> bool:
    return is_facilitator(user, initiative) or is_coordinator(user)


def can_use_officials_list(user) -> bool:
    return user.is_authenticated and user.has_role(*FACILITATOR_ROLES)


def can_hand_over(user) -> bool:
    """Move a leaving facilitator's initiatives on: the coordinator and administrators."""
    return user.is_authenticated and user.has_role(*OVERSEER_ROLES)


def can_see_confirmation(user, initiative: Initiative) -> bool:
    """The "sent in" page: for the residents (or the person who helped them) once it is sent."""
    return initiative.status != InitiativeStatus.DRAFT and (
        is_initiator(user, initiative) or is_assisting(user, initiative)
    )


def can_read_notes(user, initiative: Initiative) -> bool:
    """Internal notes on the initiative: its own facilitators (and backup) and the
    coordinators. Never its residents, nor a facilitator of another initiative."""
    if not user.is_authenticated or is_initiator(user, initiative):
        return False
    if initiative.status == InitiativeStatus.DRAFT:
        return False
    return is_facilitator(user, initiative) or is_coordinator(user)


# Notes are append-only: whoever may read them may add one; nobody may change one.
can_add_note = can_read_notes


# --- stories without money ("Vertel je verhaal", SC-19) ------------------------------------
# Decision: the portal has no communication role; facilitators and their coordinators look
# at stories and publish them (docs/stories.md). Anyone with an account may tell one.


def can_tell_story(user) -> bool:
    return user.is_authenticated


def can_review_stories(user) -> bool:
    return can_use_officials_list(user)


def can_review_story(user, story) -> bool:
    """Publish or decline: a facilitator or coordinator, never about their own story."""
    return (
        story.status == StoryStatus.SUBMITTED
        and can_review_stories(user)
        and story.author_id != user.pk
    )


def can_view_story(user, story) -> bool:
    """A published story is public; before and after that only its author and the
    facilitators and coordinators see it."""
    if story.status == StoryStatus.PUBLISHED:
        return True
    return user.is_authenticated and (story.author_id == user.pk or can_review_stories(user))


def stories_visible_to(user, stories: QuerySet[Story] | None = None):
    """can_view_story as a filter on `stories` (all by default)."""
    if stories is None:
        stories = Story.objects.all()
    if can_review_stories(user):
        return stories
    if not user.is_authenticated:
        return stories.filter(status=StoryStatus.PUBLISHED)
    return stories.filter(Q(status=StoryStatus.PUBLISHED) | Q(author=user.pk))


def can_withdraw_story(user, story) -> bool:
    """The author takes back a story that is waiting or published; a facilitator or
    coordinator takes a published one off the public pages."""
    if not user.is_authenticated:
        return False
    if story.author_id == user.pk:
        return story.status in (StoryStatus.SUBMITTED, StoryStatus.PUBLISHED)
    return story.status == StoryStatus.PUBLISHED and can_review_stories(user)


def can_step_down(user, initiative: Initiative) -> bool:
    """ "Ik stop als initiatiefnemer": any active initiator, until the initiative has ended."""
    return initiative.status != InitiativeStatus.ENDED and is_initiator(user, initiative)


def can_answer_lead_offer(user, initiative: Initiative) -> bool:
    """The backup who is asked to become the lead (SC-13), and only them."""
    return (
        user.is_authenticated
        and initiative.lead_succession == LeadSuccession.OFFERED
        and any(
            i.is_active and i.lead_offered_at and i.user_id == user.pk
            for i in initiative.initiators.all()
        )
    )


def can_appoint_lead(user, initiative: Initiative) -> bool:
    """A new lead while the initiative looks for one: its own facilitators, or a coordinator."""
    if initiative.lead_succession == LeadSuccession.NONE:
        return False
    if initiative.status in (InitiativeStatus.DRAFT, InitiativeStatus.ENDED):
        return False
    if is_initiator(user, initiative):
        return False
    return is_facilitator(user, initiative) or is_coordinator(user)


# --- partners' contributions (F-S17) --------------------------------------------------------
# Decision: the initiative's own facilitators (and backup) and the coordinators record what a
# partner promised and judge what it delivered; the initiators read it on the initiative's
# page and tell their facilitator when a partner promises something (a message). A partner's
# promise is an agreement with the municipality's side, so an official writes it down.


def can_record_contribution(user, initiative: Initiative) -> bool:
    if initiative.status == InitiativeStatus.DRAFT or is_initiator(user, initiative):
        return False
    return is_facilitator(user, initiative) or is_coordinator(user)


def can_judge_contribution(user, contribution) -> bool:
    return can_record_contribution(user, contribution.initiative)


# --- the lessons library ("ter lering", F-S10) ----------------------------------------------
# Decision: every facilitator and coordinator writes down, searches and publishes lessons (a
# lesson belongs to the city, not to a dossier); residents see only published ones.


def can_use_lessons(user) -> bool:
    return can_use_officials_list(user)


def can_view_lesson(user, lesson) -> bool:
    return lesson.status == LessonStatus.PUBLISHED or can_use_lessons(user)


def lessons_visible_to(user, lessons: QuerySet[Lesson] | None = None):
    """can_view_lesson as a filter on `lessons` (all by default)."""
    if lessons is None:
        lessons = Lesson.objects.all()
    if can_use_lessons(user):
        return lessons
    return lessons.filter(status=LessonStatus.PUBLISHED)


def can_write_lesson_from(user, initiative: Initiative) -> bool:
    """A lesson linked to an initiative: an official who may see that initiative."""
    return can_use_lessons(user) and can_view_initiative(user, initiative)


def can_publish_lesson(user, lesson) -> bool:
    return can_use_lessons(user)
