"""Choices and transition tables of the advice register. A leaf: imports nothing from the app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class BodyKind(models.TextChoices):
    ASD = "asd", _("Adviesraad Sociaal Domein")
    BO_PLUS = "bo_plus", _("Breed Overleg Plus")
    OTHER = "other", _("Other advisory body")


class MemberRole(models.TextChoices):
    MEMBER = "member", pgettext_lazy("member role", "Member")
    CHAIR = "chair", pgettext_lazy("member role", "Chair")
    SECRETARY = "secretary", pgettext_lazy("member role", "Secretary")
    REPRESENTATIVE = "representative", pgettext_lazy("member role", "Representative")


class AdviceKind(models.TextChoices):
    SOLICITED = "solicited", _("Solicited (asked for by the municipality)")
    UNSOLICITED = "unsolicited", _("Unsolicited (on the body's own initiative)")


class RequestStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("request status", "Waiting for the advice")
    ANSWERED = "answered", pgettext_lazy("request status", "Advice given")
    LAPSED = "lapsed", pgettext_lazy("request status", "Deadline passed without advice")
    WITHDRAWN = "withdrawn", pgettext_lazy("request status", "Withdrawn")


REQUEST_TRANSITIONS: dict[str, frozenset[str]] = {
    RequestStatus.OPEN: frozenset(
        {RequestStatus.ANSWERED, RequestStatus.LAPSED, RequestStatus.WITHDRAWN}
    ),
    RequestStatus.LAPSED: frozenset({RequestStatus.ANSWERED}),
    # Open again when the body takes its advice back to concept (take_back_advice).
    RequestStatus.ANSWERED: frozenset({RequestStatus.OPEN}),
    RequestStatus.WITHDRAWN: frozenset(),
}


class AdviceStatus(models.TextChoices):
    CONCEPT = "concept", pgettext_lazy("advice status", "Concept")
    FINAL = "final", pgettext_lazy("advice status", "Final advice, waiting for the answer")
    ANSWERED = "answered", pgettext_lazy("advice status", "Answered, promises followed up")
    CLOSED = "closed", pgettext_lazy("advice status", "Evaluated and closed")
    WITHDRAWN = "withdrawn", pgettext_lazy("advice status", "Withdrawn")


_A = AdviceStatus
# concept → final (the body sends it) → answered (the municipality publishes its answer)
# → closed (the evaluation is done). A concept can be withdrawn; a final advice can go back to
# concept only by the body, while no answer exists yet.
ADVICE_TRANSITIONS: dict[str, frozenset[str]] = {
    _A.CONCEPT: frozenset({_A.FINAL, _A.WITHDRAWN}),
    _A.FINAL: frozenset({_A.CONCEPT, _A.ANSWERED}),
    _A.ANSWERED: frozenset({_A.CLOSED}),
    _A.CLOSED: frozenset(),
    _A.WITHDRAWN: frozenset(),
}


class Adoption(models.TextChoices):
    ADOPTED = "adopted", pgettext_lazy("adoption", "Adopted")
    PARTLY = "partly", pgettext_lazy("adoption", "Partly adopted")
    NOT_ADOPTED = "not_adopted", pgettext_lazy("adoption", "Not adopted")
    ALREADY_POLICY = "already_policy", pgettext_lazy("adoption", "Already policy")


# These become promises when the answer is published.
PROMISING = (Adoption.ADOPTED, Adoption.PARTLY)


class AnswerStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("answer status", "Internal draft")
    APPROVED = "approved", pgettext_lazy("answer status", "Approved, not yet published")
    PUBLISHED = "published", pgettext_lazy("answer status", "Published and sent")


ANSWER_TRANSITIONS: dict[str, frozenset[str]] = {
    AnswerStatus.DRAFT: frozenset({AnswerStatus.APPROVED}),
    AnswerStatus.APPROVED: frozenset({AnswerStatus.DRAFT, AnswerStatus.PUBLISHED}),
    AnswerStatus.PUBLISHED: frozenset(),
}


class PromiseStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("promise status", "New")
    ON_TRACK = "on_track", pgettext_lazy("promise status", "On track")
    DONE = "done", pgettext_lazy("promise status", "Done")
    DROPPED = "dropped", pgettext_lazy("promise status", "Dropped")
    PARTLY_KEPT = "partly", pgettext_lazy("promise status", "Partly kept")
    NOT_KEPT = "not_kept", pgettext_lazy("promise status", "Not kept")


_P = PromiseStatus
# "Overdue" is not a status: it is derived from the due date of an open promise.
OPEN_PROMISE = (_P.NEW, _P.ON_TRACK)
# Only the evaluation of the advice says a promise was (partly) not kept; its verdict is the
# last word on every promise of the advice (issue #22 §3), so these two are final.
VERDICT_ONLY = frozenset({_P.PARTLY_KEPT, _P.NOT_KEPT})
_JUDGED = frozenset({_P.DONE, *VERDICT_ONLY})
PROMISE_TRANSITIONS: dict[str, frozenset[str]] = {
    _P.NEW: frozenset({_P.ON_TRACK, _P.DROPPED}) | _JUDGED,
    _P.ON_TRACK: frozenset({_P.DROPPED}) | _JUDGED,
    _P.DONE: frozenset({_P.ON_TRACK}) | VERDICT_ONLY,
    _P.DROPPED: frozenset({_P.ON_TRACK}) | _JUDGED,
    _P.PARTLY_KEPT: frozenset(),
    _P.NOT_KEPT: frozenset(),
}


class PromiseSource(models.TextChoices):
    ANSWER = "answer", pgettext_lazy("promise source", "Answer to an advice")
    COMMITMENT = (
        "commitment",
        pgettext_lazy("promise source", "Commitment of a wethouder or the college"),
    )
    AGENDA = "agenda", pgettext_lazy("promise source", "Agenda")
    OTHER = "other", pgettext_lazy("promise source", "Other")


# A promise on its own (not from an answer) gets its verdict from the advice coordinator,
# when its due date has come or it is done (docs/decisions/0016). From these statuses:
JUDGEABLE = frozenset({_P.NEW, _P.ON_TRACK, _P.DONE, _P.DROPPED})


class Kept(models.TextChoices):
    KEPT = "kept", pgettext_lazy("promise kept", "Kept")
    PARTLY = "partly", pgettext_lazy("promise kept", "Partly kept")
    NOT_KEPT = "not_kept", pgettext_lazy("promise kept", "Not kept")


# The status a verdict at the advice evaluation gives the promise.
STATUS_OF_VERDICT: dict[str, PromiseStatus] = {  # looked up by the stored value
    Kept.KEPT: PromiseStatus.DONE,
    Kept.PARTLY: PromiseStatus.PARTLY_KEPT,
    Kept.NOT_KEPT: PromiseStatus.NOT_KEPT,
}


class AdviceEvaluationStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("advice evaluation status", "Planned")
    DONE = "done", pgettext_lazy("advice evaluation status", "Done")


EVALUATION_TRANSITIONS: dict[str, frozenset[str]] = {
    AdviceEvaluationStatus.PLANNED: frozenset({AdviceEvaluationStatus.DONE}),
    AdviceEvaluationStatus.DONE: frozenset(),
}


class Party(models.TextChoices):
    """The parties of the factsheet of roles and authorities."""

    MUNICIPALITY = "municipality", _("Municipality (college and departments)")
    ASD = "asd", _("Adviesraad Sociaal Domein")
    BO_PLUS = "bo_plus", _("Breed Overleg Plus")
    COUNCIL = "council", _("Municipal council and griffie")


class ContactRole(models.TextChoices):
    CONTACT = "contact", _("contact person")
    BACKUP = "backup", _("backup contact person")
