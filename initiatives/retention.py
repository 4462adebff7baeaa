"""The initiatives' rows of the retention table (registered by initiatives/hooks.py)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.privacy.purge import Run
from burgerkracht.core.privacy.retention import Action, Kind, exempt, register
from initiatives.enums import InitiativeStatus
from initiatives.models import Handover, Initiative, Initiator, InternalNote, Message, Update
from initiatives.story_models import Story, StoryStatus

# The initiators' own words about the initiative. The title stays: it names the project.
INITIATIVE_TEXT = (
    "summary", "why", "goal", "distance_to_goal", "actions_needed", "target_group",
    "support_other", "lessons",
)  # fmt: skip
# What one initiator wrote about themselves (Methode Jet), and the address they were invited at.
INITIATOR_TEXT = ("email", "interest", "dream", "allergy", "contribution")
# What the initiators wrote on the initiative's pages, other than the internal notes.
DOSSIER_TEXT = {
    "initiatives.Initiative": INITIATIVE_TEXT,
    "initiatives.Initiator": INITIATOR_TEXT,
    "initiatives.Update": ("text",),
    "initiatives.Message": ("body",),
    "initiatives.Handover": ("note",),
}


def purge_drafts(run: Run) -> int:
    """Never sent in: deleted a year after the last change, or once the account that made
    it is erased. A draft with an application waits for the application's own rule."""
    drafts = Initiative.objects.filter(status=InitiativeStatus.DRAFT).filter(
        Q(updated_at__lt=run.cutoff) | Q(created_by__erased_at__lt=run.cutoff)
    )
    return run.delete(drafts.filter(applications__isnull=True, awards__isnull=True))


def purge_invitations(run: Run) -> int:
    """An invitation nobody accepted holds only someone else's e-mail address."""
    return run.delete(
        Initiator.objects.filter(
            user__isnull=True, accepted_at__isnull=True, invited_at__lt=run.cutoff
        )
    )


def purge_ended(run: Run) -> int:
    """Ended initiatives keep their title, dates, result and people's roles; the texts,
    the timeline, the messages, the internal notes and the handover notes go. Hidden from
    the public pages."""
    ended = Initiative.objects.filter(status=InitiativeStatus.ENDED, ended_at__lt=run.cutoff)
    count = run.blank(ended, INITIATIVE_TEXT, publication_consent=False)
    count += run.blank(Initiator.objects.filter(initiative__in=ended), INITIATOR_TEXT)
    count += run.delete(Update.objects.filter(initiative__in=ended))
    count += run.delete(Message.objects.filter(initiative__in=ended))
    # The officials' internal notes on the initiative itself go with its texts; notes on an
    # application (budget.ApplicationNote) follow that application's dossier
    # (budget/retention.py).
    count += run.delete(InternalNote.objects.filter(initiative__in=ended))
    return count + run.delete(Handover.objects.filter(initiative__in=ended))


def purge_erased_initiators(run: Run) -> int:
    """After an account is erased: what the person wrote about themselves and the messages
    they sent. The initiative itself keeps its own rule."""
    erased = Q(user__erased_at__lt=run.cutoff)
    count = run.blank(Initiator.objects.filter(erased), INITIATOR_TEXT)
    return count + run.delete(Message.objects.filter(sender__erased_at__lt=run.cutoff))


# A story without money: what the resident wrote, and the photo (stored without EXIF).
STORY_TEXT = ("title", "text", "photo", "photo_alt", "declined_reason")


def _delete_stories(run: Run, stories) -> int:
    run.drop_files(stories, "photo", clear=False)
    return run.delete(stories)


def purge_closed_stories(run: Run) -> int:
    """Declined or withdrawn: never (again) on the website, so nothing to keep them for."""
    closed = Story.objects.filter(
        status__in=(StoryStatus.DECLINED, StoryStatus.WITHDRAWN), updated_at__lt=run.cutoff
    )
    return _delete_stories(run, closed)


def purge_erased_storytellers(run: Run) -> int:
    """After an account is erased its stories go too, published or not, with their photos."""
    return _delete_stories(run, Story.objects.filter(author__erased_at__lt=run.cutoff))


register(
    Kind(
        key="closed_stories",
        label=_("Stories that were not published or were withdrawn"),
        default_days=90,
        starts=_("the decision or the withdrawal"),
        action=Action.DELETE,
        reason="A story is kept only to be shown; three months leave time for questions.",
        purge=purge_closed_stories,
        order=60,
        personal={"initiatives.Story": STORY_TEXT},
    )
)
register(
    Kind(
        key="erased_storytellers",
        label=_("Stories of a deleted account"),
        default_days=0,
        starts=_("the account is deleted"),
        action=Action.DELETE,
        reason="The person asked to be forgotten; a story is theirs, not a record to keep.",
        purge=purge_erased_storytellers,
        order=30,
        personal={"initiatives.Story": STORY_TEXT},
    )
)
register(
    Kind(
        key="initiative_drafts",
        label=_("Initiatives that were never sent in"),
        default_days=365,
        starts=_("the last change (or the deletion of the account)"),
        action=Action.DELETE,
        reason="Nobody acted on a draft; a year gives the initiators time to come back.",
        purge=purge_drafts,
        order=50,
        personal=DOSSIER_TEXT,
    )
)
register(
    Kind(
        key="initiative_invitations",
        label=_("Invitations to join an initiative that were not accepted"),
        default_days=90,
        starts=_("the invitation is sent"),
        action=Action.DELETE,
        reason="The invited person never agreed to anything; only their address is held.",
        purge=purge_invitations,
        order=50,
        personal={"initiatives.Initiator": ("email",)},
    )
)
register(
    Kind(
        key="ended_initiatives",
        label=_("Texts, timeline, messages and internal notes of ended initiatives"),
        default_days=2 * 365,
        starts=_("the initiative ends"),
        action=Action.ANONYMISE,
        reason="Lets the facilitators look back and the initiators start again; a grant "
        "keeps its own dossier (see grant dossiers).",
        purge=purge_ended,
        order=60,
        personal={**DOSSIER_TEXT, "initiatives.InternalNote": ("text",)},
    )
)
register(
    Kind(
        key="erased_initiators",
        label=_("Initiator profile and messages of a deleted account"),
        default_days=0,
        starts=_("the account is deleted"),
        action=Action.ANONYMISE,
        reason="The person asked to be forgotten; the initiative keeps its own rule.",
        purge=purge_erased_initiators,
        order=30,
        personal={"initiatives.Initiator": INITIATOR_TEXT, "initiatives.Message": ("body",)},
    )
)


exempt(
    "initiatives.InitiativePostItem",
    "Which initiative a letter by post is about: two keys, no personal data; it goes with "
    "the letter (kind post) or with the initiative.",
)
exempt(
    "initiatives.PartnerContribution",
    "What a partner organisation promised an initiative and delivered: about an organisation, "
    "not a person; it goes with its initiative (deleted with it).",
)
exempt(
    "initiatives.Lesson",
    "A lesson for others, written by an official without names (the form asks for none), and "
    "its handreiking: knowledge the city keeps, not a dossier about a person. Who consented "
    "to publish it is kept with it, as the proof of that consent.",
)
exempt(
    "initiatives.SupportRequest",
    "What an initiative asked a department or partner and who decides (WF-6): the names and "
    "work addresses of officials and partner staff in their professional role, no resident's "
    "data asked for; it goes with its initiative (deleted with it).",
)
exempt(
    "initiatives.SupportHandoff",
    "Who passed a support request to whom and when (professional roles); it goes with its "
    "request and so with its initiative.",
)
exempt(
    "initiatives.JagerAppointment",
    "Which official is jager on an initiative, with the mandate: an official's assignment, "
    "not a dossier about a person; it goes with its initiative.",
)
