"""Decisions: create, fill in, finalise, reflect. Every change is audited.

Other apps create a decision for their own record with `create_decision(subject=...)` and
finalise it with `finalise_decision`; both the triad and the Meetlat are checked here.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent
from burgerkracht.core.queueing import enqueue
from burgerkracht.core.transitions import check, transition
from burgerkracht.core.validation.reasons import is_reason, require_reason
from burgerkracht.meetlat.enums import (
    REFLECTION_PRINCIPLE,
    TRANSITIONS,
    DecisionKind,
    DecisionStatus,
)
from burgerkracht.meetlat.models import (
    Decision,
    MeetlatVersion,
    PolicyDecision,
    Principle,
    PrincipleAnswer,
)
from burgerkracht.meetlat.permissions import can_reflect as may_reflect
from burgerkracht.meetlat.permissions import may_finalise
from burgerkracht.meetlat.rules import answer_message, reflection_date_message

if TYPE_CHECKING:
    from burgerkracht.accounts.models import User

TRIAD_FIELDS = {
    "financial_accountability": gettext_lazy("financial accountability"),
    "legal_accountability": gettext_lazy("legal accountability"),
    "resident_input_who": gettext_lazy("which residents were involved"),
    "resident_input_how": gettext_lazy("how they were involved"),
    "resident_input_result": gettext_lazy("what was done with their input"),
}
EDITABLE_FIELDS = {
    "title", "outcome", "reasons", "is_public", "decided_by", "decided_on", "department",
    "reflection_due", *TRIAD_FIELDS,
}  # fmt: skip


def _reason(text: str, message: str) -> str:
    """The stripped text when it is a reason (core.validation.reasons), else DomainError saying
    what is asked."""
    try:
        return require_reason(text, message=message)
    except ValidationError as error:
        raise DomainError(message) from error


def _draft(decision: Decision) -> Decision:
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != DecisionStatus.DRAFT:
        raise DomainError(_("This decision is final and can no longer change."))
    return decision


@transaction.atomic
def create_decision(
    *, subject: models.Model | None, kind: str, title: str, by: User, **fields: Any
) -> Decision:
    decision = Decision(
        kind=kind, title=title, created_by=by, meetlat_version=MeetlatVersion.current(), **fields
    )
    if subject is not None:
        decision.subject = subject
    decision.full_clean(exclude=["subject_type", "subject_id"])
    decision.save()
    AuditEvent.record(subject=decision, actor=by, action="decision.created")
    return decision


@transaction.atomic
def create_policy_decision(
    *, by: User, title: str, date: date, department: str, reference: str = "",
    document_url: str = "",
) -> PolicyDecision:  # fmt: skip
    decision = create_decision(
        subject=None, kind=DecisionKind.POLICY, title=title, by=by, department=department,
        decided_on=date,
    )  # fmt: skip
    policy = PolicyDecision(
        title=title, date=date, department=department, reference=reference,
        document_url=document_url, decision=decision,
    )  # fmt: skip
    policy.full_clean()
    policy.save()
    decision.subject = policy
    decision.save(update_fields=["subject_type", "subject_id"])
    return policy


@transaction.atomic
def update_decision(*, decision: Decision, by: User, **changes: Any) -> Decision:
    """Change the draft's text fields (outcome, reasons, triad …); records which fields."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    decision = _draft(decision)
    changed = sorted(n for n, v in changes.items() if getattr(decision, n) != v)
    for name in changed:
        setattr(decision, name, changes[name])
    if changed:
        decision.full_clean()
        decision.save()
        AuditEvent.record(
            subject=decision, actor=by, action="decision.updated", data={"fields": changed}
        )
    return decision


@transaction.atomic
def save_meetlat(
    *,
    decision: Decision,
    by: User,
    answers: dict[int, tuple[str, str]],
    reflection_due: date | None = None,
) -> Decision:
    """Save answers per principle number: (answer, reflection). Unanswered ones stay open.
    Every answer carries a reflection that is a sentence, "fully" too; "not applicable" says
    why. Answering principle 6 sets the date of the later reflection (`reflection_due`, or
    the date the decision already has)."""
    decision = _draft(decision)
    principles = {p.number: p for p in decision.meetlat_version.principles.all()}
    for number, (answer, explanation) in answers.items():
        if not answer:
            PrincipleAnswer.objects.filter(decision=decision, principle=principles[number]).delete()
            continue
        principle = principles[number]
        text = _reason(explanation, answer_message(number, principle.heading, answer))
        PrincipleAnswer.objects.update_or_create(
            decision=decision, principle=principle,
            defaults={"answer": answer, "explanation": text},
        )  # fmt: skip
    data: dict[str, Any] = {"principles": sorted(n for n, (a, _e) in answers.items() if a)}
    if answers.get(REFLECTION_PRINCIPLE, ("", ""))[0]:
        due = reflection_due or decision.reflection_due
        if due is None:
            raise DomainError(reflection_date_message())
        if due != decision.reflection_due:
            decision.reflection_due = due
            decision.save(update_fields=["reflection_due", "updated_at"])
            data["reflection_due"] = due.isoformat()
    AuditEvent.record(subject=decision, actor=by, action="decision.meetlat_saved", data=data)
    return decision


def missing_for_finalisation(decision: Decision) -> list[str]:
    """Everything that must be filled in before the decision can be final, by name."""
    missing = []
    if not decision.outcome.strip():
        missing.append(_("the outcome"))
    if not is_reason(decision.reasons):
        missing.append(_("the reasons"))
    # The triad: a sentence each, not "." or "x" (issue #27).
    missing += [
        str(label) for name, label in TRIAD_FIELDS.items() if not is_reason(getattr(decision, name))
    ]
    answered = {a.principle_id: a for a in decision.answers.all()}
    principles: list[Principle] = list(decision.meetlat_version.principles.all())
    for principle in principles:
        answer = answered.get(principle.pk)
        if answer is None or not is_reason(answer.explanation):
            missing.append(
                _("Meetlat principle %(number)d (%(heading)s)")
                % {"number": principle.number, "heading": principle.heading}
            )
    if decision.reflection_due is None and any(
        p.number == REFLECTION_PRINCIPLE for p in principles
    ):
        missing.append(_("the date of the later reflection (principle 6)"))
    return missing


@transaction.atomic
def finalise_decision(*, decision: Decision, by: User, reason: str = "") -> Decision:
    """Make the decision final. Refused, naming what is missing, while the triad, the reasons
    or any Meetlat principle is incomplete. After commit its PDF is made in a worker."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    check(TRANSITIONS, decision.status, DecisionStatus.FINAL)
    if not may_finalise(by, decision):
        # The subject's rule, again under the lock: whatever screen or task called this.
        raise PermissionDenied(_("Only who decides about its subject can make this final."))
    missing = missing_for_finalisation(decision)
    if missing:
        raise DomainError(
            _("This decision cannot be made final yet. Still missing: %(missing)s.")
            % {"missing": "; ".join(missing)}
        )
    transition(
        decision, DecisionStatus.FINAL, table=TRANSITIONS, by=by, reason=reason,
        action="decision.finalised", stamps={"finalised_at": timezone.now(), "finalised_by": by},
        update_fields=(),
    )  # fmt: skip
    transaction.on_commit(lambda: request_pdf(decision_pk=decision.pk))
    return decision


@transaction.atomic
def record_reflection(*, decision: Decision, by: User, learned: str, changes: str) -> Decision:
    """The later reflection (principle 6): what we learned and what we change, once, with
    who and when; audited. Its reminders stop (the reminder source reads `reflected_at`)."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if not decision.is_final:
        raise DomainError(_("Reflect on a decision once it is final."))
    if decision.reflected_at is not None:
        raise DomainError(_("This decision has been reflected on already."))
    if not may_reflect(by, decision):
        raise PermissionDenied(_("Only who owns this decision can write its reflection."))
    decision.reflection = _reason(learned, _("Write in a sentence what we have learned."))
    decision.reflection_changes = _reason(changes, _("Write in a sentence what we change."))
    decision.reflected_at = timezone.now()
    decision.reflected_by = by
    decision.save(
        update_fields=[
            "reflection", "reflection_changes", "reflected_at", "reflected_by", "updated_at",
        ]
    )  # fmt: skip
    AuditEvent.record(
        subject=decision, actor=by, action="decision.reflected", reason=decision.reflection
    )
    return decision


def request_pdf(*, decision_pk: int) -> bool:
    return enqueue("meetlat.generate_decision_pdf", decision_pk=decision_pk)


def generate_decision_pdf(*, decision_pk: int) -> bool:
    """Render and store the PDF once; asking again keeps the stored file."""
    from django.core.files.base import ContentFile

    from burgerkracht.core.files.pdf import render_pdf
    from burgerkracht.core.models import Municipality

    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision_pk)
        if decision.pdf or not decision.is_final:
            return False
        pdf = render_pdf(
            "pdf/decision.html",
            {
                "decision": decision,
                "answers": decision.answers.select_related("principle"),
                "municipality": Municipality.current(),
            },
        )
        decision.pdf.save(f"besluit-{decision.pk}.pdf", ContentFile(pdf), save=False)
        decision.save(update_fields=["pdf", "updated_at"])
    return True


@transaction.atomic
def publish_meetlat_version(
    *, by: User, note: str, principles: list[tuple[int, str, str]], title: str, subtitle: str
) -> MeetlatVersion:
    """A new version for new decisions; decisions keep the version they were assessed with."""
    if not note.strip():
        raise DomainError(_("Say why there is a new version."))
    current = MeetlatVersion.current()
    version = MeetlatVersion.objects.create(
        number=(current.number if current else 0) + 1, title=title, subtitle=subtitle,
        note=note, published_at=timezone.now(), published_by=by,
    )  # fmt: skip
    for number, heading, explanation in principles:
        Principle.objects.create(
            version=version, number=number, heading=heading, explanation=explanation
        )
    AuditEvent.record(subject=version, actor=by, action="meetlat.version_published", reason=note)
    return version
