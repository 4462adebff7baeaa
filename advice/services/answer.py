"""The municipality's answer, per recommendation (WF-9): an internal draft, approved by the
advice coordinator, then published with its decision record. Publishing turns the promises
in the answer into the promise register and plans the evaluation of the advice."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from advice.enums import (
    ADVICE_TRANSITIONS,
    ANSWER_TRANSITIONS,
    PROMISING,
    Adoption,
    AdviceStatus,
    AnswerStatus,
)
from advice.models import (
    Advice,
    AdviceEvaluation,
    Answer,
    AnswerPromise,
    Promise,
    Recommendation,
)
from advice.services.common import (
    audit,
    body_members,
    link,
    require,
    require_reason,
)
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.messaging.notifications import absolute_url, notify
from burgerkracht.core.queueing import enqueue
from burgerkracht.core.transitions import check, transition
from burgerkracht.core.validation.reasons import is_reason
from burgerkracht.meetlat import services as meetlat
from burgerkracht.meetlat.enums import DecisionKind

if TYPE_CHECKING:
    from burgerkracht.accounts.models import User
    from burgerkracht.core.models import Municipality

ANSWER_FIELDS = {"introduction", "explanations", "summary_for_college", "responded_by",
                 "ris_link"}  # fmt: skip


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has a 28th


def reason_message(number: int, adoption: str) -> str:
    """What is asked when a recommendation is not (fully) adopted: a sentence, not "."."""
    if adoption == Adoption.PARTLY:
        text = _("Recommendation %(n)d: write in a sentence which part the municipality does "
                 "not adopt, and why.")  # fmt: skip
    elif adoption == Adoption.ALREADY_POLICY:
        text = _("Recommendation %(n)d: write in a sentence which policy already does this.")
    else:
        text = _("Recommendation %(n)d: write in a sentence why the municipality does not "
                 "adopt it.")  # fmt: skip
    return text % {"n": number}


def contacts_missing(advice: Advice) -> list[str]:
    """An answer is approved and published only with an aanspreekpunt and a backup: two
    different people (BR-53; the database refuses the same person twice)."""
    missing = []
    if advice.contact_id is None:
        missing.append(_("the contact person at the municipality"))
    if advice.backup_contact_id is None:
        missing.append(_("a backup contact person"))
    elif advice.backup_contact_id == advice.contact_id:
        missing.append(_("a backup contact person other than the contact person"))
    return missing


def _draft(advice: Advice) -> Answer:
    answer = Answer.objects.select_for_update().filter(advice=advice).first()
    if answer is None or answer.status != AnswerStatus.DRAFT:
        raise DomainError(_("The answer can change only while it is a draft."))
    return answer


@transaction.atomic
def start_answer(*, advice: Advice, by: User) -> Answer:
    """The draft answer and its decision record (kind: answer to an advice)."""
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    if advice.status != AdviceStatus.FINAL:
        raise DomainError(_("Only a final advice can be answered."))
    existing = Answer.objects.filter(advice=advice).first()
    if existing is not None:
        return existing
    answer = Answer.objects.create(advice=advice)
    answer.decision = meetlat.create_decision(
        subject=answer, kind=DecisionKind.ADVICE_RESPONSE, by=by,
        title=_("Answer to advice %(reference)s: %(title)s")
        % {"reference": advice.reference, "title": advice.title},
    )  # fmt: skip
    answer.save(update_fields=["decision"])
    audit(advice, by, "advice.answer_started")
    return answer


@transaction.atomic
def save_answer(*, advice: Advice, by: User, **fields: Any) -> Answer:
    unknown = set(fields) - ANSWER_FIELDS
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    answer = _draft(advice)
    changed = sorted(n for n, v in fields.items() if getattr(answer, n) != v)
    for name in changed:
        setattr(answer, name, fields[name])
    answer.full_clean()
    answer.save()
    if changed:
        audit(advice, by, "advice.answer_saved", fields=changed)
    return answer


@transaction.atomic
def answer_recommendation(
    *, recommendation: Recommendation, by: User, adoption: str, reason: str
) -> Recommendation:
    """The answer to one recommendation. Anything but "adopted" needs its reasons (BR-51)."""
    _draft(recommendation.advice)
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    recommendation.adoption, recommendation.reason = adoption, (reason or "").strip()
    if recommendation.needs_reason:
        require_reason(reason, reason_message(recommendation.number, adoption))
    recommendation.full_clean()
    recommendation.save(update_fields=["adoption", "reason"])
    audit(recommendation.advice, by, "advice.recommendation_answered",
          number=recommendation.number, adoption=adoption)  # fmt: skip
    return recommendation


@transaction.atomic
def add_promise(
    *, advice: Advice, by: User, text: str, department: str, owner: Any, due_on: date | None,
    recommendation: Recommendation | None = None,
) -> AnswerPromise:  # fmt: skip
    answer = _draft(advice)
    if recommendation is not None and recommendation.advice_id != advice.pk:
        raise DomainError(_("This recommendation belongs to another advice."))
    if due_on is None:
        raise DomainError(_("Every promise needs a due date."))
    if owner is None:
        raise DomainError(_("Every promise needs an owner."))
    planned = AnswerPromise(
        answer=answer, recommendation=recommendation, owner=owner, due_on=due_on,
        text=require(text, _("Write down what is promised.")),
        department=require(department, _("Name the department that keeps the promise.")),
    )  # fmt: skip
    planned.full_clean()
    planned.save()
    audit(advice, by, "advice.promise_planned", promise=planned.pk)
    return planned


@transaction.atomic
def remove_promise(*, planned: AnswerPromise, by: User) -> None:
    _draft(planned.answer.advice)
    audit(planned.answer.advice, by, "advice.promise_removed", text=planned.text[:200])
    planned.delete()


def answer_missing(advice: Advice) -> list[str]:
    """What the answer still needs before it can be approved."""
    missing = []
    recommendations = list(advice.recommendations.order_by("number"))
    promised = set(
        AnswerPromise.objects.filter(answer__advice=advice).values_list(
            "recommendation_id", flat=True
        )
    )
    for rec in recommendations:
        if not rec.adoption:
            missing.append(_("the answer to recommendation %(n)d") % {"n": rec.number})
        elif rec.needs_reason and not is_reason(rec.reason):
            missing.append(_("the reasons for recommendation %(n)d") % {"n": rec.number})
        if rec.adoption in PROMISING and rec.pk not in promised:
            missing.append(
                _("a promise with owner and due date for recommendation %(n)d") % {"n": rec.number}
            )
    if not recommendations:
        missing.append(_("the recommendations"))
    return missing


def publish_missing(advice: Advice) -> list[str]:
    answer = getattr(advice, "answer", None)
    if answer is None or answer.decision is None:
        return [_("the decision record")]
    if answer.decision.is_final:
        return []
    return meetlat.missing_for_finalisation(answer.decision)


@transaction.atomic
def approve_answer(*, advice: Advice, by: User) -> Answer:
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    answer = Answer.objects.select_for_update().get(advice=advice)
    check(ANSWER_TRANSITIONS, answer.status, AnswerStatus.APPROVED)
    missing = answer_missing(advice) + contacts_missing(advice)
    if missing:
        raise DomainError(
            _("The answer cannot be approved yet. Still missing: %(missing)s.")
            % {"missing": "; ".join(missing)}
        )
    return transition(
        answer, AnswerStatus.APPROVED, table=ANSWER_TRANSITIONS, by=by, subject=advice,
        action="advice.answer_approved", stamps={"approved_at": timezone.now(), "approved_by": by},
        update_fields=(),
    )  # fmt: skip


@transaction.atomic
def reopen_answer(*, advice: Advice, by: User, reason: str) -> Answer:
    answer = Answer.objects.select_for_update().get(advice=advice)
    check(ANSWER_TRANSITIONS, answer.status, AnswerStatus.DRAFT)
    reason = require_reason(reason, _("Write in a sentence what must change in the answer."))
    return transition(
        answer, AnswerStatus.DRAFT, table=ANSWER_TRANSITIONS, by=by, reason=reason,
        subject=advice, action="advice.answer_reopened",
        stamps={"approved_at": None, "approved_by": None}, update_fields=(),
    )  # fmt: skip


@transaction.atomic
def publish_answer(*, advice: Advice, by: User) -> Answer:
    """Publish and send the approved answer. Its decision record is made final here, which
    refuses while the triad or any Meetlat principle is incomplete. Creates the promises,
    plans the evaluation and tells the body and the contact persons."""
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    check(ADVICE_TRANSITIONS, advice.status, AdviceStatus.ANSWERED)
    answer = Answer.objects.select_for_update().filter(advice=advice).first()
    if answer is None:
        raise DomainError(_("There is no answer to publish yet."))
    check(ANSWER_TRANSITIONS, answer.status, AnswerStatus.PUBLISHED)
    missing = answer_missing(advice) + contacts_missing(advice)
    if missing:
        raise DomainError(
            _("The answer cannot be published. Still missing: %(missing)s.")
            % {"missing": "; ".join(missing)}
        )
    if answer.decision is None:
        raise DomainError(_("The answer cannot be published without its decision record."))
    if not answer.decision.is_final:
        meetlat.finalise_decision(
            decision=answer.decision, by=by, reason=_("Answer to advice %(reference)s published.")
            % {"reference": advice.reference},
        )  # fmt: skip
    now = timezone.now()
    transition(
        answer, AnswerStatus.PUBLISHED, table=ANSWER_TRANSITIONS, by=by, subject=advice,
        stamps={"published_at": now, "published_by": by},
        update_fields=(),
    )  # fmt: skip
    transition(
        advice, AdviceStatus.ANSWERED, table=ADVICE_TRANSITIONS, by=by, update_fields=(),
    )  # fmt: skip
    promises = Promise.objects.bulk_create(
        Promise(advice=advice, recommendation_id=p.recommendation_id, text=p.text,
                department=p.department, owner_id=p.owner_id, due_on=p.due_on)
        for p in answer.planned_promises.all()
    )  # fmt: skip
    evaluation = AdviceEvaluation.objects.create(
        advice=advice,
        due_on=add_months(timezone.localdate(now), settings.ADVICE_EVALUATION_MONTHS),
    )
    audit(advice, by, "advice.answer_published", promises=len(promises),
          evaluation_due=evaluation.due_on.isoformat())  # fmt: skip
    recipients = [*body_members(advice.body_id), advice.contact, advice.backup_contact]
    recipients += [p.owner for p in Promise.objects.filter(advice=advice).select_related("owner")]
    notify(recipients=recipients, template="advice/answer_published",
           context={"advice": advice, "answer": answer, "link": link(advice)})  # fmt: skip
    transaction.on_commit(lambda: request_pdf(answer_pk=answer.pk))
    return answer


def request_pdf(*, answer_pk: int) -> bool:
    return enqueue("advice.generate_answer_pdf", answer_pk=answer_pk)


def generate_answer_pdf(*, answer_pk: int) -> bool:
    """The advice and the answer per recommendation as one PDF, for the council. Made once;
    asking again keeps the stored file."""
    from django.core.files.base import ContentFile

    from burgerkracht.core.files.pdf import render_pdf
    from burgerkracht.core.models import Municipality

    with transaction.atomic():
        answer = Answer.objects.select_for_update().select_related("advice__body").get(pk=answer_pk)
        if answer.pdf or answer.status != AnswerStatus.PUBLISHED:
            return False
        advice = answer.advice
        municipality = Municipality.current()
        pdf = render_pdf(
            "pdf/advice_answer.html",
            {
                "advice": advice,
                "answer": answer,
                "recommendations": advice.recommendations.order_by("number"),
                "promises": advice.promises.select_related("owner", "recommendation"),
                "municipality": municipality,
                "published_on": timezone.localdate(answer.published_at),
                "permalink": absolute_url(advice.get_public_url()),
                **answer_letterhead(advice, municipality),
            },
        )
        answer.pdf.save(f"advies-{advice.reference}.pdf", ContentFile(pdf), save=False)
        answer.save(update_fields=["pdf", "updated_at"])
    return True


def answer_letterhead(advice: Advice, municipality: Municipality) -> dict[str, Any]:
    """The answer is a letter to the advisory body (pdf/letter_base.html): the body and its
    contact person in the envelope's window, the advice's reference, the municipality's
    contact person for this advice."""
    from django.utils.translation import gettext as _

    from burgerkracht.core.files.pdf import logo_data_url

    body, person = advice.body, advice.body_contact
    recipient = [
        line
        for line in (
            body.name,
            _("Attn. %(name)s") % {"name": person.full_name or person.email} if person else "",
            _("By e-mail: %(email)s") % {"email": body.email} if body.email else "",
        )
        if line
    ]
    official = advice.contact
    contact = (
        {"name": official.full_name or official.email, "email": official.email,
         "phone": municipality.phone}
        if official
        else {"name": municipality.name, "email": municipality.email, "phone": municipality.phone}
    )  # fmt: skip
    return {
        "logo_url": logo_data_url(municipality),
        "recipient_lines": recipient,
        "reference": advice.reference,
        "subject": _('Our answer to your advice "%(title)s"') % {"title": advice.title},
        "contact": contact,
    }
