"""What the college and a body should discuss, and how many meetings a body has per year."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from advice import permissions
from advice.enums import OPEN_PROMISE, AdviceEvaluationStatus, AdviceStatus, BodyKind
from advice.models import Advice, AdviceEvaluation, AdvisoryBody, Meeting, Promise
from burgerkracht.core.required import required


@dataclass
class DraftAgenda:
    overdue_answers: list[Advice] = field(default_factory=list)
    overdue_promises: list[Promise] = field(default_factory=list)
    evaluations_due: list[AdviceEvaluation] = field(default_factory=list)
    # Promises on their own past their due date, per agenda ("" for those without one).
    overdue_agenda_items: dict[str, list[Promise]] = field(default_factory=dict)

    @property
    def advices(self) -> list[Advice]:
        """Every advice the agenda mentions, once, in order."""
        seen: dict[int, Advice] = {}
        for advice in (
            *self.overdue_answers,
            *(required(p.advice) for p in self.overdue_promises),
            *(e.advice for e in self.evaluations_due),
        ):
            seen.setdefault(advice.pk, advice)
        return list(seen.values())

    def text(self) -> str:
        lines = [_("1. Opening and agreements of the previous meeting")]
        number = 2
        if self.overdue_answers:
            lines.append(f"{number}. " + _("Answers that are late"))
            lines += [f"   - {a.reference} {a.title} ({_('answer due')} {a.response_due:%d-%m-%Y})"
                      for a in self.overdue_answers]  # fmt: skip
            number += 1
        if self.overdue_promises:
            lines.append(f"{number}. " + _("Promises past their due date"))
            for p in self.overdue_promises:
                lines.append(
                    f"   - {required(p.advice).reference}: {p.text[:120]} "
                    f"({_('due on')} {p.due_on:%d-%m-%Y})"
                )
            number += 1
        if self.overdue_agenda_items:
            lines.append(f"{number}. " + _("Agendas and commitments: topics past their due date"))
            for agenda, promises in self.overdue_agenda_items.items():
                lines.append(f"   {agenda or _('Commitments on their own')}:")
                lines += [f"   - {p.text[:120]} ({_('due on')} {p.due_on:%d-%m-%Y})"
                          for p in promises]  # fmt: skip
            number += 1
        if self.evaluations_due:
            lines.append(f"{number}. " + _("Evaluations that are due"))
            lines += [f"   - {e.advice.reference} {e.advice.title} ({_('planned for')} "
                      f"{e.due_on:%d-%m-%Y})" for e in self.evaluations_due]  # fmt: skip
            number += 1
        lines.append(f"{number}. " + _("Any other business"))
        return "\n".join(lines)


def overdue_agenda_items(body: AdvisoryBody, today: date) -> dict[str, list[Promise]]:
    """Open promises on their own past their due date, grouped per agenda: those of the
    agendas `body` handed in, and — at the college's overleg with the ASD, the council for
    the whole social domain — those of every agenda and every commitment on its own."""
    own = Q(advice__isnull=True)
    if body.kind != BodyKind.ASD:
        own &= Q(agenda__body=body)
    grouped: dict[str, list[Promise]] = {}
    for promise in (
        Promise.objects.filter(own, status__in=OPEN_PROMISE, due_on__lt=today)
        .select_related("agenda")
        .order_by("agenda__title", "due_on", "pk")
    ):
        title = required(promise.agenda).title if promise.agenda_id else ""
        grouped.setdefault(title, []).append(promise)
    return grouped


def draft_agenda(body: AdvisoryBody, today: date) -> DraftAgenda:
    """Late answers, promises past their due date and evaluations that are due, of `body`,
    and the overdue topics of agendas (overdue_agenda_items)."""
    return DraftAgenda(
        overdue_agenda_items=overdue_agenda_items(body, today),
        overdue_answers=list(
            Advice.objects.filter(body=body, status=AdviceStatus.FINAL, response_due__lt=today)
            .order_by("response_due", "pk")
        ),
        overdue_promises=list(
            Promise.objects.filter(advice__body=body, status__in=OPEN_PROMISE, due_on__lt=today)
            .select_related("advice").order_by("due_on", "pk")
        ),
        evaluations_due=list(
            AdviceEvaluation.objects.filter(
                advice__body=body, status=AdviceEvaluationStatus.PLANNED, due_on__lte=today
            ).select_related("advice").order_by("due_on", "pk")
        ),
    )  # fmt: skip


def selectable_advices(body: AdvisoryBody):
    """The advices a meeting with `body` can discuss: everything but concepts."""
    return (
        Advice.objects.filter(body=body)
        .exclude(status__in=(AdviceStatus.CONCEPT, AdviceStatus.WITHDRAWN))
        .order_by("-received_on", "-pk")
    )


@dataclass
class YearCount:
    body: AdvisoryBody
    year: int
    count: int
    minimum: int
    meetings: list[Meeting] = field(default_factory=list)

    @property
    def too_few(self) -> bool:
        return self.count < self.minimum


def meetings_per_year(bodies: list[AdvisoryBody], year: int) -> list[YearCount]:
    """Per body, the meetings with the college in `year` against the minimum (BR-54)."""
    counts = dict(
        Meeting.objects.filter(body__in=bodies)
        .annotate(year=ExtractYear("date"))
        .filter(year=year)
        .values_list("body_id")
        .annotate(n=Count("pk"))
    )
    minimum = settings.ADVICE_MEETINGS_PER_YEAR
    return [YearCount(body, year, counts.get(body.pk, 0), minimum) for body in bodies]


def visible_meetings(user: Any):
    """The meetings `user` may open (permissions.meetings_visible_to)."""
    return permissions.meetings_visible_to(user).select_related("body")
