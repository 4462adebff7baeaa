"""What each status means to the reader: one meaning, one colour and one badge per thing.

Every status value of every model maps to one of six meanings; `{% status_badge obj %}`
(templatetags/status.py) shows the status's own word in the meaning's colour. A promise
that is still open after its date is shown as "Late" instead of its status: one badge.
tests/unit/test_status_meanings.py checks that no status value is left without a meaning.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import pgettext_lazy


class Meaning(StrEnum):
    DONE = "done"
    ON_TRACK = "on_track"
    NEEDS_ACTION = "needs_action"
    LATE = "late"
    STOPPED = "stopped"
    NEUTRAL = "neutral"


# The word a badge uses when it names a meaning rather than a status (a late promise).
MEANING_LABELS = {
    Meaning.DONE: pgettext_lazy("status meaning", "Done"),
    Meaning.ON_TRACK: pgettext_lazy("status meaning", "On track"),
    Meaning.NEEDS_ACTION: pgettext_lazy("status meaning", "Needs action"),
    Meaning.LATE: pgettext_lazy("status meaning", "Late"),
    Meaning.STOPPED: pgettext_lazy("status meaning", "Stopped"),
    Meaning.NEUTRAL: pgettext_lazy("status meaning", "Status"),
}

D, T, A, L, S, N = (
    Meaning.DONE,
    Meaning.ON_TRACK,
    Meaning.NEEDS_ACTION,
    Meaning.LATE,
    Meaning.STOPPED,
    Meaning.NEUTRAL,
)

_PROMISE = {"new": T, "on_track": T, "done": D, "dropped": S, "partly": N, "not_kept": S}

# Per model ("app_label.modelname"), the meaning of each value of its `status` field.
STATUS_MEANINGS: dict[str, dict[str, Meaning]] = {
    "initiatives.initiative": {
        "draft": A,
        "submitted": T,
        "active": T,
        "paused": N,
        "ended": D,
    },
    "budget.fund": {"preparing": N, "open": T, "closed": D},
    "budget.application": {
        "draft": A,
        "submitted": T,
        "in_assessment": T,
        "awaiting_decision": T,
        "granted": D,
        "partly_granted": D,
        "rejected": S,
        "withdrawn": S,
        "stopped": S,
        "closed": D,
    },
    "budget.evaluation": {"planned": T, "recorded": T, "decided": D, "cancelled": S},
    "budget.accountability": {"open": A, "submitted": T, "more_asked": A, "settled": D},
    # A proposal to change the budget or who decides (SC-15): the approver must act.
    "budget.budgetchange": {"proposed": A, "approved": D, "refused": S, "withdrawn": N},
    "advice.advicerequest": {"open": T, "answered": D, "lapsed": L, "withdrawn": S},
    "advice.advice": {"concept": N, "final": T, "answered": T, "closed": D, "withdrawn": S},
    "advice.answer": {"draft": N, "approved": T, "published": D},
    "advice.promise": _PROMISE,
    "advice.promisenote": _PROMISE,
    "advice.adviceevaluation": {"planned": T, "done": D},
    "meetlat.decision": {"draft": N, "final": D},
    "core.outboxmessage": {"pending": T, "sent": D, "failed": S},
    "core.reminder": {"queued": T, "sent": D, "skipped": N},
    "initiatives.story": {"submitted": T, "published": D, "declined": S, "withdrawn": S},
    "initiatives.lesson": {"internal": N, "published": D},
    # A support request (WF-6): waiting on a department or partner, "Late" once overdue.
    "initiatives.supportrequest": {"open": T, "handed_over": T, "answered": D, "withdrawn": S},
    "core.postitem": {"queued": A, "posted": D, "cancelled": S},
}


@dataclass(frozen=True)
class Badge:
    label: str
    meaning: Meaning


def meaning_of(obj, value: str | None = None) -> Meaning:
    value = obj.status if value is None else value
    return STATUS_MEANINGS.get(obj._meta.label_lower, {}).get(str(value), Meaning.NEUTRAL)


def badge_for(obj, today: date | None = None) -> Badge:
    """The one badge for a thing: "Late" when it is open past its date, else its status."""
    is_overdue = getattr(obj, "is_overdue", None)
    if callable(is_overdue) and is_overdue(today or timezone.localdate()):
        return Badge(str(MEANING_LABELS[Meaning.LATE]), Meaning.LATE)
    return Badge(str(obj.get_status_display()), meaning_of(obj))


def badge(label, meaning: Meaning | str) -> Badge:
    """A badge for a state that is not a model's status ("Done" in a task list)."""
    return Badge(str(label), Meaning(meaning))


def badge_html(b: Badge) -> str:
    """The badge's HTML, built in Python: tables render one per row (target P2)."""
    return format_html(
        '<span class="utrecht-status-badge portal-status portal-status--{}">{}</span>',
        b.meaning.value,
        b.label,
    )
