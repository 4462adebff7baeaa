"""After the answer: promises and their progress, the evaluation of each advice, meetings
with the college, the factsheet of roles and authorities, and handing over contacts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from advice.enums import (
    ADVICE_TRANSITIONS,
    EVALUATION_TRANSITIONS,
    PROMISE_TRANSITIONS,
    STATUS_OF_VERDICT,
    VERDICT_ONLY,
    AdviceEvaluationStatus,
    AdviceStatus,
    Kept,
    Party,
    PromiseStatus,
)
from advice.models import Advice, AdviceEvaluation, AdvisoryBody, FactsheetEntry
from advice.models.followup import FactsheetVersion, Meeting, Promise, PromiseNote, PromiseVerdict
from advice.services.common import (
    audit,
    body_members,
    coordinators,
    link,
    require,
    require_reason,
)
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.messaging.notifications import absolute_url, notify
from burgerkracht.core.transitions import check, transition

if TYPE_CHECKING:
    from burgerkracht.accounts.models import User

EVALUATION_FIELDS = {"held_on", "participants", "what_happened", "effect", "body_appraisal",
                     "lessons"}  # fmt: skip
MEETING_FIELDS = {"date", "title", "participants", "agenda", "agreements"}


# --- promises ------------------------------------------------------------------------------


@transaction.atomic
def update_promise(
    *, promise: Promise, by: User, note: str, status: str | None = None, drop_reason: str = ""
) -> Promise:
    """A progress note, optionally with a new status. Dropping needs its reason."""
    promise = Promise.objects.select_for_update().get(pk=promise.pk)
    note = require(note, _("Write down the progress."))
    status = status or promise.status
    if status != promise.status:
        if promise.is_standalone and PromiseVerdict.objects.filter(promise=promise).exists():
            raise DomainError(_("The verdict has been given; the status no longer changes."))
        check(PROMISE_TRANSITIONS, promise.status, status)
        if status in VERDICT_ONLY:
            raise DomainError(_("Only the evaluation of the advice says a promise was not kept."))
    if status == PromiseStatus.DROPPED:
        if status != promise.status or (drop_reason or "").strip():  # a note keeps the reason
            promise.drop_reason = require_reason(drop_reason, _("Say why the promise is dropped."))
    elif status != promise.status:
        promise.drop_reason = ""
    if status != promise.status:
        transition(
            promise, status, table=PROMISE_TRANSITIONS, by=by, reason=drop_reason or "",
            action="promise.updated", update_fields=("drop_reason",),
        )  # fmt: skip
    else:
        promise.save(update_fields=["drop_reason", "updated_at"])
        audit(promise, by, "promise.updated", drop_reason or "", **{"from": status, "to": status})
    PromiseNote.objects.create(promise=promise, author=by, text=note, status=status)
    return promise


@transaction.atomic
def apply_verdict(*, promise: Promise, kept: str, note: str, by: User) -> Promise:
    """The verdict at the advice evaluation sets the promise's status (kept → done, partly
    kept, not kept), with the explanation as its last note."""
    promise = Promise.objects.select_for_update().get(pk=promise.pk)
    status = STATUS_OF_VERDICT[kept]
    if status == promise.status:
        return promise
    transition(
        promise, status, table=PROMISE_TRANSITIONS, by=by, reason=note.strip(),
        action="promise.judged", stamps={"drop_reason": ""}, update_fields=(),
    )  # fmt: skip
    text = note.strip() or str(Kept(kept).label)
    PromiseNote.objects.create(promise=promise, author=by, text=text, status=status)
    return promise


@transaction.atomic
def reassign_promise(
    *, promise: Promise, by: User, owner: Any, department: str, due_on: date, reason: str
) -> Promise:
    """Another owner or a new due date: a logged act with its reason."""
    promise = Promise.objects.select_for_update().get(pk=promise.pk)
    reason = require_reason(reason, _("Say why the promise changes."))
    if due_on is None or owner is None:
        raise DomainError(_("Every promise needs an owner and a due date."))
    before = {"owner": promise.owner_id, "department": promise.department,
              "due_on": promise.due_on.isoformat()}  # fmt: skip
    promise.owner, promise.department, promise.due_on = owner, department.strip(), due_on
    promise.full_clean()
    promise.save(update_fields=["owner", "department", "due_on", "updated_at"])
    audit(promise, by, "promise.reassigned", reason, before=before)
    if before["owner"] != owner.pk:
        notify(
            recipients=[owner],
            template="advice/promise_assigned",
            context={"promise": promise, "link": link(promise)},
        )
    return promise


# --- the evaluation of the advice ----------------------------------------------------------


def _planned(evaluation: AdviceEvaluation) -> AdviceEvaluation:
    evaluation = AdviceEvaluation.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.status != AdviceEvaluationStatus.PLANNED:
        raise DomainError(_("This evaluation is done and can no longer change."))
    return evaluation


@transaction.atomic
def save_evaluation(
    *, evaluation: AdviceEvaluation, by: User, verdicts: dict[int, tuple[str, str]] | None = None,
    **fields: Any,
) -> AdviceEvaluation:  # fmt: skip
    """Save what is filled in so far; `verdicts` per promise id: (kept, explanation)."""
    unknown = set(fields) - EVALUATION_FIELDS
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    evaluation = _planned(evaluation)
    for name, value in fields.items():
        setattr(evaluation, name, value)
    evaluation.full_clean()
    evaluation.save()
    promises = {p.pk: p for p in evaluation.advice.promises.all()}
    for promise_id, (kept, note) in (verdicts or {}).items():
        if promise_id not in promises:
            raise DomainError(_("This promise belongs to another advice."))
        if not kept:
            PromiseVerdict.objects.filter(promise_id=promise_id).delete()
            continue
        if kept != Kept.KEPT:
            require_reason(
                note, _("Write in a sentence why “%(promise)s” was not (fully) kept.")
                % {"promise": promises[promise_id].text[:60]},
            )  # fmt: skip
        PromiseVerdict.objects.update_or_create(
            promise_id=promise_id,
            defaults={"evaluation": evaluation, "kept": kept, "note": note.strip()},
        )
    audit(evaluation.advice, by, "advice.evaluation_saved", fields=sorted(fields))
    return evaluation


def evaluation_missing(evaluation: AdviceEvaluation) -> list[str]:
    missing = []
    if evaluation.held_on is None:
        missing.append(_("the date it was held"))
    for name in ("participants", "what_happened", "effect", "body_appraisal"):
        if not getattr(evaluation, name).strip():
            missing.append(str(AdviceEvaluation._meta.get_field(name).verbose_name))  # type: ignore[union-attr]
    judged = set(evaluation.verdicts.values_list("promise_id", flat=True))
    for promise in evaluation.advice.promises.all():
        if promise.pk not in judged:
            missing.append(_("whether “%(promise)s” was kept") % {"promise": promise.text[:60]})
    return missing


@transaction.atomic
def complete_evaluation(*, evaluation: AdviceEvaluation, by: User) -> AdviceEvaluation:
    """Done: the loop of the advice is closed."""
    evaluation = _planned(evaluation)
    check(EVALUATION_TRANSITIONS, evaluation.status, AdviceEvaluationStatus.DONE)
    missing = evaluation_missing(evaluation)
    if missing:
        raise DomainError(
            _("The evaluation cannot be completed yet. Still missing: %(missing)s.")
            % {"missing": "; ".join(missing)}
        )
    transition(
        evaluation, AdviceEvaluationStatus.DONE, table=EVALUATION_TRANSITIONS, by=by,
        stamps={"completed_by": by, "completed_at": timezone.now()}, update_fields=(),
    )  # fmt: skip
    for verdict in evaluation.verdicts.select_related("promise"):
        apply_verdict(promise=verdict.promise, kept=verdict.kept, note=verdict.note, by=by)
    advice = Advice.objects.select_for_update().get(pk=evaluation.advice_id)
    transition(
        advice, AdviceStatus.CLOSED, table=ADVICE_TRANSITIONS, by=by,
        action="advice.evaluated_and_closed", update_fields=(),
    )  # fmt: skip
    notify(recipients=[*body_members(advice.body_id), advice.contact, *coordinators()],
           template="advice/evaluation_done",
           context={"advice": advice, "link": link(advice)})  # fmt: skip
    return evaluation


# --- meetings ------------------------------------------------------------------------------


@transaction.atomic
def plan_meeting(
    *, by: User, body: AdvisoryBody, advices: Sequence[Advice] = (), **fields: Any
) -> Meeting:
    unknown = set(fields) - MEETING_FIELDS
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    meeting = Meeting(body=body, created_by=by, **fields)
    meeting.full_clean()
    meeting.save()
    meeting.advices.set(advices)
    audit(meeting, by, "meeting.planned", date=meeting.date.isoformat())
    return meeting


@transaction.atomic
def update_meeting(*, meeting: Meeting, by: User, advices: list[Advice] | None = None,
                   **fields: Any) -> Meeting:  # fmt: skip
    unknown = set(fields) - MEETING_FIELDS
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    changed = sorted(n for n, v in fields.items() if getattr(meeting, n) != v)
    for name in changed:
        setattr(meeting, name, fields[name])
    meeting.full_clean()
    meeting.save()
    if advices is not None:
        meeting.advices.set(advices)
    audit(meeting, by, "meeting.updated", fields=changed)
    return meeting


# --- the factsheet -------------------------------------------------------------------------


@transaction.atomic
def publish_factsheet(
    *, by: User, why: str, valid_from: date, entries: dict[str, tuple[str, str, str]]
) -> FactsheetVersion:
    """A new version; `entries` per party: (tasks, powers, agreements). The why is kept."""
    why = require_reason(why, _("Say why the roles or authorities change."))
    for party in Party.values:
        tasks, powers, _agreements = entries.get(party, ("", "", ""))
        if not tasks.strip() or not powers.strip():
            raise DomainError(
                _("Fill in the tasks and powers of %(party)s.") % {"party": Party(party).label}
            )
    current = FactsheetVersion.current()
    version = FactsheetVersion.objects.create(
        number=(current.number if current else 0) + 1, valid_from=valid_from, why=why,
        published_by=by,
    )  # fmt: skip
    FactsheetEntry.objects.bulk_create(
        FactsheetEntry(version=version, party=party, tasks=t.strip(), powers=p.strip(),
                       agreements=a.strip())
        for party, (t, p, a) in entries.items()
    )  # fmt: skip
    audit(version, by, "factsheet.published", why)
    return version


# --- handover ------------------------------------------------------------------------------


@transaction.atomic
def hand_over_contacts(*, by: User, leaving: Any, successor: Any, note: str) -> dict[str, int]:
    """Everything `leaving` holds in the register goes to `successor`: contact person and
    backup of advices that are not closed, and open promises. Each change is audited."""
    note = require_reason(note, _("Write a note for the successor."))
    if successor is None or successor == leaving:
        raise DomainError(_("Choose someone else as successor."))
    counts = {"contact": 0, "backup": 0, "promises": 0}
    advices = (
        Advice.objects.select_for_update()
        .exclude(status__in=(AdviceStatus.CLOSED, AdviceStatus.WITHDRAWN))
        .filter(Q(contact=leaving) | Q(backup_contact=leaving))
    )
    for advice in advices:
        before = (advice.contact_id, advice.backup_contact_id)
        if advice.contact_id == leaving.pk:
            advice.contact = successor
            counts["contact"] += 1
        if advice.backup_contact_id == leaving.pk:
            advice.backup_contact = successor
            counts["backup"] += 1
        if advice.contact_id == advice.backup_contact_id:
            advice.backup_contact = None  # someone else is needed; it shows as missing
        advice.save(update_fields=["contact", "backup_contact", "updated_at"])
        audit(advice, by, "advice.handed_over", note, before=before,
              after=(advice.contact_id, advice.backup_contact_id))  # fmt: skip
    for promise in Promise.objects.select_for_update().filter(
        owner=leaving, status__in=(PromiseStatus.NEW, PromiseStatus.ON_TRACK)
    ):
        promise.owner = successor
        promise.save(update_fields=["owner", "updated_at"])
        audit(promise, by, "promise.handed_over", note, before=leaving.pk, after=successor.pk)
        counts["promises"] += 1
    if any(counts.values()):
        notify(recipients=[successor], template="advice/handed_over",
               context={"leaving": leaving, "note": note, "counts": counts,
                    "link": absolute_url(reverse("advice:register"))})  # fmt: skip
    return counts
