"""Requests for advice, the advice itself with its recommendations, its contact persons,
and signals from practice (WF-7, WF-8)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from advice.enums import (
    ADVICE_TRANSITIONS,
    REQUEST_TRANSITIONS,
    AdviceKind,
    AdviceStatus,
    RequestStatus,
)
from advice.models import Advice, AdviceRequest, AdvisoryBody, Recommendation, Signal
from advice.services.common import (
    audit,
    body_members,
    coordinators,
    link,
    not_in_future,
    require_reason,
    with_reference,
)
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.messaging.notifications import notify
from burgerkracht.core.required import required
from burgerkracht.core.transitions import check, transition

if TYPE_CHECKING:
    from burgerkracht.accounts.models import User

REQUEST_FIELDS = {
    "subject", "question", "policy_document", "document_url", "department", "requested_on",
    "deadline", "decision_moment", "decision_forum", "time_agreement", "pressure_reason",
}  # fmt: skip
ADVICE_FIELDS = {"title", "summary", "document", "received_on", "from_earlier_reaction",
                 "consent_note"}  # fmt: skip


def future_received() -> str:
    return _("The date received cannot be in the future.")


def future_requested() -> str:
    return _("The date of the request cannot be in the future.")


def is_time_pressure(requested_on: date, deadline: date) -> bool:
    return (deadline - requested_on).days < settings.ADVICE_MIN_LEAD_DAYS


def _check_pressure(advice_request: AdviceRequest) -> None:
    """Time pressure is allowed, but never silent (SC-05): say why, and what was agreed."""
    advice_request.is_time_pressure = is_time_pressure(
        advice_request.requested_on, advice_request.deadline
    )
    if advice_request.is_time_pressure:
        days = settings.ADVICE_MIN_LEAD_DAYS
        require_reason(
            advice_request.pressure_reason,
            _("The body gets less than %(days)d days. Write in a sentence why there is so "
              "little time.") % {"days": days},
        )  # fmt: skip
        if not advice_request.time_agreement.strip():
            raise DomainError(
                _("The body gets less than %(days)d days. Write down the agreements about "
                  "time and effort.") % {"days": days}
            )  # fmt: skip


# --- requests ------------------------------------------------------------------------------


@transaction.atomic
def request_advice(*, by: User, body: AdvisoryBody, **fields: Any) -> AdviceRequest:
    unknown = set(fields) - REQUEST_FIELDS
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")

    not_in_future(fields.get("requested_on"), future_requested())

    def create(reference: str) -> AdviceRequest:
        advice_request = AdviceRequest(reference=reference, body=body, requested_by=by, **fields)
        _check_pressure(advice_request)
        advice_request.full_clean()
        advice_request.save()
        return advice_request

    advice_request = with_reference(AdviceRequest, "VRG", create)
    audit(advice_request, by, "advice_request.created", pressure=advice_request.is_time_pressure)
    notify(
        recipients=body_members(body.pk), template="advice/request_new",
        context={"advice_request": advice_request, "link": link(advice_request)},
    )  # fmt: skip
    return advice_request


@transaction.atomic
def update_request(
    *, advice_request: AdviceRequest, by: User, reason: str = "", **fields: Any
) -> AdviceRequest:
    """Change a request. A moved deadline or decision moment keeps its old value in the
    audit trail, so re-agendering stays visible on the timeline."""
    unknown = set(fields) - REQUEST_FIELDS
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    advice_request = AdviceRequest.objects.select_for_update().get(pk=advice_request.pk)
    if advice_request.status not in (RequestStatus.OPEN, RequestStatus.LAPSED):
        raise DomainError(_("This request is closed and can no longer change."))
    moved = {}
    for name in ("deadline", "decision_moment"):
        if name in fields and fields[name] != getattr(advice_request, name):
            old = getattr(advice_request, name)
            moved[name] = [old.isoformat() if old else None,
                           fields[name].isoformat() if fields[name] else None]  # fmt: skip
    not_in_future(fields.get("requested_on"), future_requested())
    changed = sorted(n for n, v in fields.items() if getattr(advice_request, n) != v)
    for name in changed:
        setattr(advice_request, name, fields[name])
    _check_pressure(advice_request)
    if moved:
        reason = require_reason(reason, _("Write in a sentence why the date moves."))
    advice_request.full_clean()
    advice_request.save()
    if changed:
        audit(advice_request, by, "advice_request.updated", reason, fields=changed, moved=moved)
    return advice_request


@transaction.atomic
def change_request_status(
    *, advice_request: AdviceRequest, by: User, status: str, reason: str = ""
) -> AdviceRequest:
    advice_request = AdviceRequest.objects.select_for_update().get(pk=advice_request.pk)
    check(REQUEST_TRANSITIONS, advice_request.status, status)
    if status in (RequestStatus.LAPSED, RequestStatus.WITHDRAWN):
        message = (
            _("Write in a sentence why no advice came.")
            if status == RequestStatus.LAPSED
            else _("Write in a sentence why the request is withdrawn.")
        )
        reason = require_reason(reason, message)
    stamps = {"lapsed_reason": reason} if status == RequestStatus.LAPSED else {}
    return transition(
        advice_request, status, table=REQUEST_TRANSITIONS, by=by, reason=reason,
        action=f"advice_request.{status}", stamps=stamps, update_fields=(),
    )  # fmt: skip


# --- the advice ----------------------------------------------------------------------------


@transaction.atomic
def register_advice(
    *, by: User, body: AdvisoryBody, title: str, advice_request: AdviceRequest | None = None,
    **fields: Any,
) -> Advice:  # fmt: skip
    """A new concept advice of `body`; solicited when it answers `advice_request`."""
    unknown = set(fields) - ADVICE_FIELDS
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    not_in_future(fields.get("received_on"), future_received())
    if advice_request is not None:
        if advice_request.body_id != body.pk:
            raise DomainError(_("This request was sent to another body."))
        if Advice.objects.filter(advice_request=advice_request).exists():
            raise DomainError(_("This request already has an advice."))

    def create(reference: str) -> Advice:
        advice = Advice(
            reference=reference, body=body, title=title, advice_request=advice_request,
            created_by=by, kind=AdviceKind.SOLICITED if advice_request else AdviceKind.UNSOLICITED,
            **fields,
        )  # fmt: skip
        advice.full_clean()
        advice.save()
        return advice

    advice = with_reference(Advice, "ADV", create)
    audit(advice, by, "advice.registered", kind=advice.kind)
    return advice


def _concept(advice: Advice) -> Advice:
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    if advice.status != AdviceStatus.CONCEPT:
        raise DomainError(_("Only a concept advice can change."))
    return advice


@transaction.atomic
def update_advice(*, advice: Advice, by: User, **fields: Any) -> Advice:
    unknown = set(fields) - ADVICE_FIELDS
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    advice = _concept(advice)
    not_in_future(fields.get("received_on"), future_received())
    changed = sorted(n for n, v in fields.items() if getattr(advice, n) != v)
    for name in changed:
        setattr(advice, name, fields[name])
    advice.full_clean()
    advice.save()
    if changed:
        audit(advice, by, "advice.updated", fields=changed)
    return advice


@transaction.atomic
def save_recommendations(*, advice: Advice, by: User, texts: list[str]) -> list[Recommendation]:
    """The numbered recommendations, in order; empty lines are left out."""
    advice = _concept(advice)
    texts = [t.strip() for t in texts if t and t.strip()]
    existing = list(advice.recommendations.order_by("number"))
    kept: list[Recommendation] = []
    for number, text in enumerate(texts, start=1):
        if number <= len(existing):
            rec = existing[number - 1]
            if rec.text != text:
                rec.text = text
                rec.save(update_fields=["text"])
        else:
            rec = Recommendation.objects.create(advice=advice, number=number, text=text)
        kept.append(rec)
    for rec in existing[len(texts) :]:
        rec.delete()
    audit(advice, by, "advice.recommendations_saved", count=len(kept))
    return kept


def send_missing(advice: Advice) -> list[str]:
    missing = []
    if not advice.title.strip():
        missing.append(_("the title"))
    if not advice.summary.strip() and not advice.document:
        missing.append(_("a summary or the document"))
    if not advice.recommendations.exists():
        missing.append(_("at least one recommendation"))
    return missing


@transaction.atomic
def send_advice(*, advice: Advice, by: User, received_on: date | None = None) -> Advice:
    """The final advice reaches the municipality: the answer term starts, and the
    coordinators hear about it."""
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    check(ADVICE_TRANSITIONS, advice.status, AdviceStatus.FINAL)
    missing = send_missing(advice)
    if missing:
        raise DomainError(
            _("The advice cannot be sent yet. Still missing: %(missing)s.")
            % {"missing": "; ".join(missing)}
        )
    advice.received_on = received_on or advice.received_on or timezone.localdate()
    not_in_future(advice.received_on, future_received())
    advice.response_due = advice.received_on + timedelta(weeks=settings.ADVICE_RESPONSE_WEEKS)
    transition(
        advice, AdviceStatus.FINAL, table=ADVICE_TRANSITIONS, by=by, action="advice.sent",
        data={"received_on": advice.received_on.isoformat()},
        update_fields=("received_on", "response_due"),
    )  # fmt: skip
    if advice.advice_request_id:
        advice_request = required(advice.advice_request)
        if advice_request.status in (RequestStatus.OPEN, RequestStatus.LAPSED):
            change_request_status(
                advice_request=advice_request, by=by, status=RequestStatus.ANSWERED
            )
    notify(recipients=coordinators(), template="advice/advice_received",
           context={"advice": advice, "link": link(advice)})  # fmt: skip
    return advice


@transaction.atomic
def take_back_advice(*, advice: Advice, by: User, reason: str) -> Advice:
    """The body takes a final advice back to concept, before the municipality answers."""
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    check(ADVICE_TRANSITIONS, advice.status, AdviceStatus.CONCEPT)
    if hasattr(advice, "answer"):
        raise DomainError(_("The municipality has started its answer; the advice stays final."))
    reason = require_reason(reason, _("Write in a sentence why the advice goes back to concept."))
    transition(
        advice, AdviceStatus.CONCEPT, table=ADVICE_TRANSITIONS, by=by, reason=reason,
        action="advice.taken_back", stamps={"response_due": None}, update_fields=(),
    )  # fmt: skip
    if (
        advice.advice_request_id
        and required(advice.advice_request).status == RequestStatus.ANSWERED
    ):
        # The request waits for the advice again (REQUEST_TRANSITIONS: answered → open).
        transition(
            required(advice.advice_request), RequestStatus.OPEN, table=REQUEST_TRANSITIONS, by=by,
            reason=reason,
            action="advice_request.reopened", update_fields=(),
        )  # fmt: skip
    return advice


@transaction.atomic
def withdraw_advice(*, advice: Advice, by: User, reason: str) -> Advice:
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    check(ADVICE_TRANSITIONS, advice.status, AdviceStatus.WITHDRAWN)
    reason = require_reason(reason, _("Write in a sentence why the advice is withdrawn."))
    return transition(
        advice, AdviceStatus.WITHDRAWN, table=ADVICE_TRANSITIONS, by=by, reason=reason,
        action="advice.withdrawn", update_fields=(),
    )  # fmt: skip


@transaction.atomic
def set_contacts(
    *, advice: Advice, by: User, contact: Any, backup: Any, body_contact: Any = None,
    reason: str = "",
) -> Advice:  # fmt: skip
    """The aanspreekpunt for the long run and a backup (BR-53); the new ones are told."""
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    if contact is None or backup is None:
        raise DomainError(_("Choose both a contact person and a backup."))
    if contact == backup:
        raise DomainError(_("The backup must be someone else."))
    before = (advice.contact_id, advice.backup_contact_id, advice.body_contact_id)
    advice.contact, advice.backup_contact, advice.body_contact = contact, backup, body_contact
    advice.save(update_fields=["contact", "backup_contact", "body_contact", "updated_at"])
    after = (advice.contact_id, advice.backup_contact_id, advice.body_contact_id)
    if before != after:
        audit(advice, by, "advice.contacts_set", reason, before=before, after=after)
        new = [u for u, old in zip((contact, backup), before[:2], strict=True)
               if u is not None and u.pk != old]  # fmt: skip
        notify(recipients=new, template="advice/new_contact",
               context={"advice": advice, "link": link(advice)})  # fmt: skip
    return advice


@transaction.atomic
def set_public(*, advice: Advice, by: User, is_public: bool) -> Advice:
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    if advice.status in (AdviceStatus.CONCEPT, AdviceStatus.WITHDRAWN) and is_public:
        raise DomainError(_("A concept is never public."))
    if advice.is_public != is_public:
        advice.is_public = is_public
        if is_public and advice.published_on is None:  # the Woo publication date: the first
            advice.published_on = timezone.localdate()
        advice.save(update_fields=["is_public", "published_on", "updated_at"])
        audit(advice, by, "advice.published" if is_public else "advice.unpublished")
    return advice


# --- signals -------------------------------------------------------------------------------


@transaction.atomic
def record_signal(*, by: User, body: AdvisoryBody, theme: Any, title: str, description: str,
                  organisation: Any = None, is_structural: bool = False,
                  source: Any = None) -> Signal:  # fmt: skip
    signal = Signal(
        body=body, theme=theme, title=title, description=description, recorded_by=by,
        organisation=organisation, is_structural=is_structural,
    )  # fmt: skip
    if source is not None:
        from django.contrib.contenttypes.models import ContentType

        if Signal.objects.filter(
            source_type=ContentType.objects.get_for_model(source), source_id=source.pk
        ).exists():
            raise DomainError(_("This obstacle is already a signal."))
        signal.source_type = ContentType.objects.get_for_model(source)
        signal.source_id = source.pk
    signal.full_clean()
    signal.save()
    audit(signal, by, "signal.recorded", structural=is_structural)
    return signal


@transaction.atomic
def link_signals(*, advice: Advice, by: User, signals: list[Signal]) -> None:
    """Make these signals the basis of `advice` (and only these)."""
    advice = _concept(advice)
    wanted = {s.pk for s in signals}
    taken = Signal.objects.filter(pk__in=wanted).exclude(advice__isnull=True).exclude(advice=advice)
    if taken.exists():
        raise DomainError(_("A signal can be the basis of one advice only."))
    Signal.objects.filter(advice=advice).exclude(pk__in=wanted).update(advice=None)
    Signal.objects.filter(pk__in=wanted).update(advice=advice)
    audit(advice, by, "advice.signals_linked", signals=sorted(wanted))
