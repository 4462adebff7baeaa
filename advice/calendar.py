"""The advice register's dates in a person's agenda feed (burgerkracht.core.personal.calendar).

What is due, and for whom (docs/decisions/0004-reminders-and-agenda.md, "every role's
agenda"). The advice coordinator and the read-only role (college, council, management) may
read every item of the register, so they get every date; everyone else gets the dates of
the items they are tied to:

- the deadline of an open request: the body's members and who asked for the advice;
- the answer term of a final advice: its contact and backup, and the body that waits;
- the due date of an open promise: its owner and the body of the advice;
- the planned evaluation of an answered advice: its contact and backup, the body's secretary;
- a coming meeting of the college with a body: the body's members.

Each event is also checked with the register's own predicate (`can_view_*`), so a date
never reaches someone who could not open its page. An administrator is not given the whole
register: nothing in it is due for them unless they are named on the item.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from advice import permissions
from advice.enums import OPEN_PROMISE, AdviceEvaluationStatus, AdviceStatus, RequestStatus
from advice.models import Advice, AdviceEvaluation, AdviceRequest, Meeting, Promise
from advice.promise_selectors import source_of
from burgerkracht.accounts.roles import ADVICE_WATCHER_ROLES
from burgerkracht.core.messaging.reminders import link
from burgerkracht.core.personal.calendar import Event

NOTHING = Q(pk__in=[])


def _for(everything: bool, *relations: Q) -> Q:
    """Every item, or those that one of `relations` ties the person to."""
    if everything:
        return Q()
    condition = NOTHING
    for relation in relations:
        condition |= relation
    return condition


@dataclass(frozen=True)
class Kind:
    """One kind of date: the items of a person (`items(user, everything, bodies)`), who may
    open one (`allowed`), its date field, and its line in the agenda."""

    key: str
    date_field: str
    items: Callable[[Any, bool, frozenset[int]], QuerySet]
    allowed: Callable[[Any, Any], bool]
    summary: Callable[[Any], str]


def events_for(user: Any) -> Iterator[Event]:
    if not user.is_authenticated:
        return
    everything = user.has_role(*ADVICE_WATCHER_ROLES)
    bodies = permissions.body_ids(user)
    if not (everything or bodies or user.is_municipal_staff):
        return  # residents and professionals are tied to nothing in the register
    for kind in KINDS:
        for item in kind.items(user, everything, bodies).order_by(kind.date_field, "pk"):
            if kind.allowed(user, item):
                yield Event(
                    key=f"advice-{kind.key}-{item.pk}",
                    on=getattr(item, kind.date_field),
                    summary=kind.summary(item),
                    url=link(item),
                )


def _requests(user, everything, bodies) -> QuerySet:
    return AdviceRequest.objects.filter(
        _for(everything, Q(body__in=bodies), Q(requested_by=user)), status=RequestStatus.OPEN
    ).select_related("body")


def _answers(user, everything, bodies) -> QuerySet:
    return Advice.objects.filter(
        _for(everything, Q(body__in=bodies), Q(contact=user), Q(backup_contact=user)),
        status=AdviceStatus.FINAL,
        response_due__isnull=False,
    )


def _promises(user, everything, bodies) -> QuerySet:
    return Promise.objects.filter(
        _for(everything, Q(advice__body__in=bodies) | Q(agenda__body__in=bodies), Q(owner=user)),
        status__in=OPEN_PROMISE,
    ).select_related("advice", "agenda")


def _evaluations(user, everything, bodies) -> QuerySet:
    secretary_of = [body for body in bodies if permissions.is_secretary(user, body)]
    return AdviceEvaluation.objects.filter(
        _for(
            everything, Q(advice__body__in=secretary_of), Q(advice__contact=user),
            Q(advice__backup_contact=user),
        ),
        status=AdviceEvaluationStatus.PLANNED,
        advice__status=AdviceStatus.ANSWERED,
    ).select_related("advice")  # fmt: skip


def _meetings(user, everything, bodies) -> QuerySet:
    return Meeting.objects.filter(
        _for(everything, Q(body__in=bodies)), date__gte=timezone.localdate()
    ).select_related("body")


KINDS = (
    Kind(
        "request", "deadline", _requests, permissions.can_view_request,
        lambda request: _("Deadline for the advice of the %(body)s: %(subject)s")
        % {"body": request.body.short_name, "subject": request.subject},
    ),
    Kind(
        "answer", "response_due", _answers, permissions.can_view_advice,
        lambda advice: _("Answer to the advice due: %(reference)s %(title)s")
        % {"reference": advice.reference, "title": advice.title},
    ),
    Kind(
        "promise", "due_on", _promises, permissions.can_view_promise,
        lambda promise: _("Promise due (%(reference)s): %(text)s")
        % {"reference": source_of(promise), "text": _short(promise.text)},
    ),
    Kind(
        "evaluation", "due_on", _evaluations,
        lambda user, evaluation: permissions.can_view_evaluation(user, evaluation.advice),
        lambda evaluation: _("Evaluation of the advice: %(reference)s %(title)s")
        % {"reference": evaluation.advice.reference, "title": evaluation.advice.title},
    ),
    Kind(
        "meeting", "date", _meetings, permissions.can_view_meeting,
        lambda meeting: _("Meeting of the college with the %(body)s: %(title)s")
        % {"body": meeting.body.short_name, "title": meeting.title},
    ),
)  # fmt: skip


def _short(text: str, length: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
