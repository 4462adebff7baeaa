"""Choices of the budget ledger. A leaf: imports nothing from the app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class FundStatus(models.TextChoices):
    PREPARING = "preparing", pgettext_lazy("fund status", "Being prepared")
    OPEN = "open", pgettext_lazy("fund status", "Open")
    CLOSED = "closed", pgettext_lazy("fund status", "Closed")


FUND_TRANSITIONS: dict[str, frozenset[str]] = {
    FundStatus.PREPARING: frozenset({FundStatus.OPEN}),
    FundStatus.OPEN: frozenset({FundStatus.CLOSED}),
    FundStatus.CLOSED: frozenset(),
}


class IntegrityAct(models.TextChoices):
    """The logged acts of the budget-integrity log ("Laat het budget heel")."""

    REALLOCATION = "reallocation", _("Money moved between lines")
    HOLDER_ADDED = "holder_added", _("Decision holder added")
    HOLDER_REMOVED = "holder_removed", _("Decision holder removed")
    OUT_OF_PURPOSE = "out_of_purpose", _("Money moved out of Samen Sterk")


class OutOfPurpose(models.TextChoices):
    """Where money goes when it leaves the Samen Sterk purpose (SC-16). Every such move is
    red in the reports: the seeds' "Laat het budget heel" is about exactly this."""

    OTHER_SCHEME = "other_scheme", _("To another scheme")
    GENERAL_BUDGET = "general_budget", _("Back to the general budget")
    CUT = "cut", _("Cut (bezuinigd)")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("application status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("application status", "Sent in")
    IN_ASSESSMENT = "in_assessment", pgettext_lazy("application status", "Being checked")
    AWAITING_DECISION = (
        "awaiting_decision",
        pgettext_lazy("application status", "Waiting for the decision"),
    )
    GRANTED = "granted", pgettext_lazy("application status", "Granted")
    PARTLY_GRANTED = "partly_granted", pgettext_lazy("application status", "Partly granted")
    REJECTED = "rejected", pgettext_lazy("application status", "Not granted")
    WITHDRAWN = "withdrawn", pgettext_lazy("application status", "Withdrawn")
    STOPPED = "stopped", pgettext_lazy("application status", "Stopped")
    CLOSED = "closed", pgettext_lazy("application status", "Closed")


_S = ApplicationStatus
# draft → submitted → in assessment → awaiting decision → granted | partly granted | rejected.
# The facilitator can hand an incomplete application back (→ draft); the decision holder can
# hand it back for more checking (→ in assessment); residents can withdraw until it is decided.
# A grant runs until it is settled after the accountability (→ closed); an evaluation can
# stop it first (→ stopped), and a stopped grant is settled too.
APPLICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.DRAFT: frozenset({_S.SUBMITTED, _S.WITHDRAWN}),
    _S.SUBMITTED: frozenset({_S.IN_ASSESSMENT, _S.WITHDRAWN}),
    _S.IN_ASSESSMENT: frozenset({_S.DRAFT, _S.AWAITING_DECISION, _S.WITHDRAWN}),
    _S.AWAITING_DECISION: frozenset(
        {_S.IN_ASSESSMENT, _S.GRANTED, _S.PARTLY_GRANTED, _S.REJECTED, _S.WITHDRAWN}
    ),
    _S.GRANTED: frozenset({_S.STOPPED, _S.CLOSED}),
    _S.PARTLY_GRANTED: frozenset({_S.STOPPED, _S.CLOSED}),
    _S.STOPPED: frozenset({_S.CLOSED}),
    _S.REJECTED: frozenset(),
    _S.WITHDRAWN: frozenset(),
    _S.CLOSED: frozenset(),
}
DECIDED_STATUSES = frozenset({_S.GRANTED, _S.PARTLY_GRANTED, _S.REJECTED, _S.STOPPED, _S.CLOSED})
# A grant that is running: its evaluations are due and its tranches can be paid.
RUNNING_STATUSES = frozenset({_S.GRANTED, _S.PARTLY_GRANTED})
# A grant whose accountability is still to come (a stopped grant accounts for what it spent).
ACCOUNTING_STATUSES = frozenset({_S.GRANTED, _S.PARTLY_GRANTED, _S.STOPPED})
OPEN_STATUSES = frozenset({_S.SUBMITTED, _S.IN_ASSESSMENT, _S.AWAITING_DECISION})


class Outcome(models.TextChoices):
    """What the decision holder decides; the application's status follows from it."""

    GRANT = "granted", _("Grant")
    PARTLY = "partly_granted", _("Grant in part")
    REJECT = "rejected", _("Do not grant")


class LetterKind(models.TextChoices):
    GRANT = "grant", _("Grant letter")
    REJECTION = "rejection", _("Rejection letter")
    AMENDMENT = "amendment", _("Amendment letter")


class LetterBlock(models.TextChoices):
    """The prose of a letter that the municipality edits (issue #26): one block per kind of
    letter, plus the blocks every letter shares."""

    GRANT = "grant", _("Grant letter: opening")
    REJECTION = "rejection", _("Rejection letter: opening")
    AMENDMENT = "amendment", _("Amendment letter: opening")
    AMENDED_AWARD = "amended_award", _("Amended award after an evaluation: opening")
    OBJECTION = "objection", _("Every letter: objection")
    CLOSING = "closing", _("Every letter: closing")


class EvaluationStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("evaluation status", "Planned")
    RECORDED = "recorded", pgettext_lazy("evaluation status", "Written down")
    DECIDED = "decided", pgettext_lazy("evaluation status", "Decided")
    CANCELLED = "cancelled", pgettext_lazy("evaluation status", "Cancelled")


_E = EvaluationStatus
# planned → recorded (the facilitator writes down the visit) → decided (the decision holder
# decides how it continues). A planned evaluation is cancelled when the grant stops or the
# agreed dates change; a written-down one can go back for more before the decision.
EVALUATION_TRANSITIONS: dict[str, frozenset[str]] = {
    _E.PLANNED: frozenset({_E.RECORDED, _E.CANCELLED}),
    _E.RECORDED: frozenset({_E.PLANNED, _E.DECIDED, _E.CANCELLED}),
    _E.DECIDED: frozenset(),
    _E.CANCELLED: frozenset(),
}


class MeetingKind(models.TextChoices):
    VISIT = "visit", _("A visit")
    CONVERSATION = "conversation", _("A conversation (by phone, video or at the town hall)")


class Capacity(models.TextChoices):
    LOWER = "lower", _("Less than at the start")
    SAME = "same", _("About the same")
    HIGHER = "higher", _("More than at the start")


class Continuation(models.TextChoices):
    """The outcome of an interim evaluation (BR-32: "minder mensen die meedoen dan minder
    middelen; eigen mogelijkheden groter dan minder stut en steun van professionals. Maar ook
    andersom een extra duwtje in de rug als dat nodig blijkt.")."""

    CONTINUE = "continue", _("Continue as agreed")
    EXTRA_PUSH = "extra_push", _("An extra push: more money or support")
    FEWER_MEANS = "fewer_means", _("Fewer means: fewer people take part")
    LESS_SUPPORT = "less_support", _("Less professional support: their own capacity grew")
    ADJUST = "adjust", _("Adjust the agreements")
    STOP = "stop", _("Stop")


class Reached(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


class MetAgain(models.TextChoices):
    """After a one-off event: did people meet again? (SC-02: "zoeken ze elkaar daarna ook op
    … zijn geen vreemden meer voor elkaar")."""

    YES = "yes", _("Yes, several people met again or carried on together")
    SOME = "some", _("A few did")
    NO = "no", _("No, not that we know")


class NextStep(models.TextChoices):
    STOP = "stop", _("We stop")
    FOLLOW_UP = "follow_up", _("We want to apply again for a next period")
    STRUCTURAL = "structural", _("It needs lasting support (welfare)")
    INDEPENDENT = "independent", _("We go on by ourselves")


class AccountabilityStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("accountability status", "To do")
    SUBMITTED = "submitted", pgettext_lazy("accountability status", "Sent in")
    MORE_ASKED = "more_asked", pgettext_lazy("accountability status", "More asked")
    SETTLED = "settled", pgettext_lazy("accountability status", "Settled")


_A = AccountabilityStatus
ACCOUNTABILITY_TRANSITIONS: dict[str, frozenset[str]] = {
    _A.OPEN: frozenset({_A.SUBMITTED}),
    _A.SUBMITTED: frozenset({_A.MORE_ASKED, _A.SETTLED}),
    _A.MORE_ASKED: frozenset({_A.SUBMITTED}),
    _A.SETTLED: frozenset(),
}

# The steps of the accountability afterwards, in order: (number, title).
ACCOUNTABILITY_STEPS: list[tuple[int, str]] = [
    (1, _("Your result")),
    (2, _("Who took part")),
    (3, _("The money")),
    (4, _("Your story")),
]


# The steps of the application, in order: (number, title). Views and templates read this.
APPLICATION_STEPS: list[tuple[int, str]] = [
    (1, _("The result you want")),
    (2, _("Goal and means")),
    (3, _("Who takes part")),
    (4, _("Money")),
    (5, _("Time and backup")),
    (6, _("Attachments")),
]


class ChangeKind(models.TextChoices):
    """What a proposal during the open period changes (SC-15, SC-16): each needs a second
    person's approval before it happens."""

    ADD_HOLDER = "add_holder", _("Add a decision holder")
    REMOVE_HOLDER = "remove_holder", _("Remove a decision holder")
    REALLOCATION = "reallocation", _("Move money between lines")
    OUT_OF_PURPOSE = "out_of_purpose", _("Move money out of Samen Sterk")


class ChangeStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("budget change status", "Waiting for approval")
    APPROVED = "approved", pgettext_lazy("budget change status", "Approved")
    REFUSED = "refused", pgettext_lazy("budget change status", "Refused")
    WITHDRAWN = "withdrawn", pgettext_lazy("budget change status", "Withdrawn")


_C = ChangeStatus
# proposed → approved (the change is made) | refused (with a reason) | withdrawn (by the
# proposer). A decided proposal stays as it is: a new change is a new proposal.
CHANGE_TRANSITIONS: dict[str, frozenset[str]] = {
    _C.PROPOSED: frozenset({_C.APPROVED, _C.REFUSED, _C.WITHDRAWN}),
    _C.APPROVED: frozenset(),
    _C.REFUSED: frozenset(),
    _C.WITHDRAWN: frozenset(),
}
