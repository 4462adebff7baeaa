"""Promises on their own and agendas (SC-10): a promise that is not made in an answer — a
commitment of a wethouder or the college, a topic of an agenda, something else — is created,
changed and judged here. Progress notes and reassigning are the same for every promise
(advice.services.followup)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from advice.enums import JUDGEABLE, PROMISE_TRANSITIONS, STATUS_OF_VERDICT, Kept, PromiseSource
from advice.enums import PromiseStatus as S
from advice.models import AdvisoryBody, Agenda, Promise, PromiseNote, PromiseVerdict
from advice.services.common import audit, link, require
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.messaging.notifications import notify
from burgerkracht.core.transitions import check, transition
from burgerkracht.core.validation.reasons import require_reason

if TYPE_CHECKING:
    from burgerkracht.accounts.models import User

SOURCE_FIELDS = ("text", "source_kind", "source_description", "agenda", "phase")


def _check_source(source_kind: str, agenda: Agenda | None) -> None:
    if source_kind == PromiseSource.ANSWER:
        raise DomainError(_("A promise in answer to an advice is made in the answer."))
    if (source_kind == PromiseSource.AGENDA) != (agenda is not None):
        raise DomainError(_("Choose the agenda for a promise of an agenda, and only then."))


def tell_owner(promise: Promise) -> None:
    notify(recipients=[promise.owner], template="advice/promise_assigned",
           context={"promise": promise, "link": link(promise)})  # fmt: skip


@transaction.atomic
def create_promise(
    *, by: User, text: str, source_kind: str, owner: Any, department: str, due_on: date,
    source_description: str = "", agenda: Agenda | None = None, phase: str = "",
) -> Promise:  # fmt: skip
    """A promise on its own; its owner is told."""
    _check_source(source_kind, agenda)
    promise = Promise(
        text=require(text, _("Write down what was promised.")), source_kind=source_kind,
        source_description=source_description.strip(), agenda=agenda, phase=phase.strip(),
        owner=owner, department=department.strip(), due_on=due_on,
    )  # fmt: skip
    promise.full_clean()
    promise.save()
    audit(promise, by, "promise.created", source=source_kind, agenda=agenda and agenda.pk)
    tell_owner(promise)
    return promise


@transaction.atomic
def change_promise(*, promise: Promise, by: User, reason: str, **fields: Any) -> Promise:
    """The text, source or phase of a promise on its own, with the reason why."""
    unknown = set(fields) - set(SOURCE_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    promise = Promise.objects.select_for_update().get(pk=promise.pk)
    if not promise.is_standalone:
        raise DomainError(_("A promise in answer to an advice is changed in the answer."))
    reason = require_reason(reason, message=_("Say why the promise changes."))
    _check_source(fields.get("source_kind", promise.source_kind),
                  fields.get("agenda", promise.agenda))  # fmt: skip
    before = {name: str(getattr(promise, name)) for name in fields}
    for name, value in fields.items():
        setattr(promise, name, value.strip() if isinstance(value, str) else value)
    promise.full_clean()
    promise.save()
    audit(promise, by, "promise.changed", reason, before=before)
    return promise


def verdict_refusal(promise: Promise, today: date) -> str:
    """Why the coordinator cannot give this promise its verdict yet; "" when they can."""
    if not promise.is_standalone:
        return _("The verdict on a promise of an advice is given at the advice's evaluation.")
    if promise.status not in JUDGEABLE:
        return _("This promise already has its verdict.")
    if promise.status != S.DONE and promise.due_on > today:
        return _("The verdict comes when the due date has come or the owner says it is done.")
    return ""


@transaction.atomic
def judge_promise(
    *, promise: Promise, by: User, kept: str, reason: str = "", today: date | None = None
) -> Promise:
    """The verdict on a promise on its own: kept, partly kept or not kept (the last two with
    their reason). It becomes the promise's status, as at an advice's evaluation, and is the
    last word: the status does not change after it."""
    today = today or timezone.localdate()
    promise = Promise.objects.select_for_update().get(pk=promise.pk)
    refusal = verdict_refusal(promise, today)
    if refusal or PromiseVerdict.objects.filter(promise=promise).exists():
        raise DomainError(refusal or _("This promise already has its verdict."))
    if kept not in Kept.values:
        raise DomainError(_("Choose whether the promise was kept."))
    if kept == Kept.KEPT:
        reason = (reason or "").strip()
    else:
        reason = require_reason(reason, message=_("Say why the promise was not (fully) kept."))
    status = STATUS_OF_VERDICT[kept]
    if status != promise.status:
        check(PROMISE_TRANSITIONS, promise.status, status)
    PromiseVerdict.objects.create(
        promise=promise, kept=kept, note=reason, given_by=by, given_at=timezone.now()
    )
    if status != promise.status:
        transition(
            promise, status, table=PROMISE_TRANSITIONS, by=by, reason=reason,
            action="promise.judged", stamps={"drop_reason": ""}, data={"kept": kept},
            update_fields=(),
        )  # fmt: skip
    else:  # "done" judged kept: the verdict, not a new status
        promise.drop_reason = ""
        promise.save(update_fields=["drop_reason", "updated_at"])
        audit(promise, by, "promise.judged", reason, kept=kept, **{"from": status, "to": status})
    PromiseNote.objects.create(
        promise=promise, author=by, text=reason or str(Kept(kept).label), status=status
    )
    return promise


@transaction.atomic
def create_agenda(
    *, by: User, title: str, body: AdvisoryBody, handed_to: str, handed_over_on: date,
    description: str = "",
) -> Agenda:  # fmt: skip
    agenda = Agenda(
        title=require(title, _("Give the agenda a title.")), body=body,
        handed_to=handed_to.strip(), handed_over_on=handed_over_on,
        description=description.strip(), created_by=by,
    )  # fmt: skip
    agenda.full_clean()
    agenda.save()
    audit(agenda, by, "agenda.created", body=body.pk)
    return agenda


AGENDA_FIELDS = ("title", "body", "handed_to", "handed_over_on", "description")


@transaction.atomic
def change_agenda(*, agenda: Agenda, by: User, **fields: Any) -> Agenda:
    """Correct what was registered about an agenda. A new body changes who follows it."""
    unknown = set(fields) - set(AGENDA_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    agenda = Agenda.objects.select_for_update().get(pk=agenda.pk)
    if "title" in fields:
        fields["title"] = require(fields["title"], _("Give the agenda a title."))
    before = {name: str(getattr(agenda, name)) for name in fields}
    for name, value in fields.items():
        setattr(agenda, name, value.strip() if isinstance(value, str) else value)
    agenda.full_clean()
    changed = sorted(name for name in fields if str(getattr(agenda, name)) != before[name])
    if changed:
        agenda.save()
        audit(agenda, by, "agenda.changed", before={k: before[k] for k in changed})
    return agenda
