"""Choices and the lifecycle table of initiatives. A leaf: imports nothing from the app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class InitiativeStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("initiative status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("initiative status", "Submitted")
    ACTIVE = "active", pgettext_lazy("initiative status", "Running")
    PAUSED = "paused", pgettext_lazy("initiative status", "Paused")
    ENDED = "ended", pgettext_lazy("initiative status", "Ended")


# draft → submitted → active ⇄ paused → ended. A submitted initiative can also end before it
# starts (the initiators withdraw, or it turns out not to be needed): WF-1 "gesloten zonder start".
TRANSITIONS: dict[str, frozenset[str]] = {
    InitiativeStatus.DRAFT: frozenset({InitiativeStatus.SUBMITTED}),
    InitiativeStatus.SUBMITTED: frozenset({InitiativeStatus.ACTIVE, InitiativeStatus.ENDED}),
    InitiativeStatus.ACTIVE: frozenset({InitiativeStatus.PAUSED, InitiativeStatus.ENDED}),
    InitiativeStatus.PAUSED: frozenset({InitiativeStatus.ACTIVE, InitiativeStatus.ENDED}),
    InitiativeStatus.ENDED: frozenset(),
}

# What residents may see on public pages.
PUBLIC_STATUSES = frozenset(
    {InitiativeStatus.ACTIVE, InitiativeStatus.PAUSED, InitiativeStatus.ENDED}
)


class Scale(models.TextChoices):
    STREET = "street", _("My street or buurt")
    NEIGHBOURHOOD = "neighbourhood", _("My wijk")
    CITY = "city", _("The whole city")


class InitiativeTheme(models.TextChoices):
    MEETING = "meeting", _("Meeting each other")
    CARE = "care", _("Looking after each other")
    EXERCISE = "exercise", _("Sport and exercise")
    CULTURE = "culture", _("Culture and music")
    GREEN = "green", _("Green and nature")
    YOUTH = "youth", _("Children and young people")
    LEARNING = "learning", _("Language and learning")
    OTHER = "other", _("Something else")


class Support(models.TextChoices):
    PLACE = "place", _("A place to meet or work")
    MONEY = "money", _("Money")
    CONTACTS = "contacts", _("Contacts with people or organisations")
    RULES = "rules", _("Help with rules and permits")
    VOLUNTEERS = "volunteers", _("Volunteers")
    OTHER = "other", _("Something else")
    NOTHING = "nothing", _("No help needed for now")


class Channel(models.TextChoices):
    """How the registration reached the municipality (SC-11, REP-19)."""

    ONLINE = "online", _("online")
    PROFESSIONAL = "professional", _("together with a professional")
    PHONE = "phone", _("by phone")
    PAPER = "paper", _("on paper")
    DESK = "desk", _("at the desk")


ASSISTED_CHANNELS = [c for c in Channel.values if c != Channel.ONLINE]


class InitiatorRole(models.TextChoices):
    LEAD = "lead", _("Lead initiator")
    CO = "co", _("Co-initiator")


class LeadSuccession(models.TextChoices):
    """Whether an initiative has its lead initiator, or is looking for one (SC-13)."""

    NONE = "none", _("Has a lead initiator")
    OFFERED = "offered", _("The backup is asked to become the lead initiator")
    WANTED = "wanted", _("Looking for a new lead initiator")


# The lead steps down: with an active backup the backup is asked (offered), else the search is
# open (wanted). The backup says yes (none) or no (wanted); a facilitator appoints a co-initiator
# (none) or invites someone as lead, who is then offered the role until they accept (none).
# A lead offered or wanted stays flagged for the facilitator until someone is lead again.
LEAD_SUCCESSION: dict[str, frozenset[str]] = {
    LeadSuccession.NONE: frozenset({LeadSuccession.OFFERED, LeadSuccession.WANTED}),
    LeadSuccession.OFFERED: frozenset({LeadSuccession.NONE, LeadSuccession.WANTED}),
    LeadSuccession.WANTED: frozenset({LeadSuccession.NONE, LeadSuccession.OFFERED}),
}


class Result(models.TextChoices):
    REACHED = "reached", _("Reached")
    PARTLY = "partly", _("Partly reached")
    NOT_REACHED = "not_reached", _("Not reached")


class UpdateKind(models.TextChoices):
    RESULT = "result", _("Result or success")
    OBSTACLE = "obstacle", _("Obstacle")
    NEWS = "news", _("News")


class Risk(models.TextChoices):
    """Continuity risks, computed from the people involved, never stored."""

    SINGLE_INITIATOR = "single_initiator", _("Only one active initiator")
    NO_BACKUP_INITIATOR = "no_backup_initiator", _("No backup initiator")
    NO_BACKUP_FACILITATOR = "no_backup_facilitator", _("No backup facilitator")
    FACILITATOR_GONE = "facilitator_gone", _("Facilitator no longer active")
    LEAD_WANTED = "lead_wanted", _("Lead initiator stepped down: waiting for a new lead")


# The steps of the intake, in order: (number, title). Views and templates read this.
INTAKE_STEPS: list[tuple[int, str]] = [
    (1, _("Your initiative")),
    (2, _("Why and what for")),
    (3, _("For whom and where")),
    (4, _("Who takes part")),
    (5, _("What you need")),
]


# --- Partners' contributions (F-S17, BR-38) and the lessons library (F-S10) -----------------


class ContributionKind(models.TextChoices):
    HOURS = "hours", _("Hours of work")
    LOCATION = "location", _("A location")
    PROFESSIONAL = "professional", _("A professional")
    OTHER = "other", _("Something else")


class Delivered(models.TextChoices):
    """Did the partner deliver what it promised? The residents' scale: the values of
    budget.enums.Reached (a sign of the result reached: yes, partly, no), so a partner's
    contribution is judged like the residents' own (BR-38). "No" is an outcome too (SC-08)."""

    YES = "yes", _("Yes, as promised")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No, not delivered")


class LessonSource(models.TextChoices):
    """Where a lesson comes from (F-S10: "ter lering")."""

    ACCOUNTABILITY = "accountability", _("An accountability afterwards")
    CLOSURE = "closure", _("The closure of an initiative")
    FAILED = "failed", _("An initiative that did not work out")
    SUPPORT_REQUEST = "support_request", _("An answered support request")
    OTHER = "other", _("Something else")


class LessonStatus(models.TextChoices):
    INTERNAL = "internal", pgettext_lazy("lesson status", "For officials only")
    PUBLISHED = "published", pgettext_lazy("lesson status", "Published")


# Publishing needs the consent of the people the lesson is about (recorded with it);
# unpublishing takes it off the public page again. Nothing is final: consent can return.
LESSON_TRANSITIONS: dict[str, frozenset[str]] = {
    LessonStatus.INTERNAL: frozenset({LessonStatus.PUBLISHED}),
    LessonStatus.PUBLISHED: frozenset({LessonStatus.INTERNAL}),
}
