"""Support requests and the jager (WF-6, F-S04): asking, passing a request on, recording the
answer and what it took, withdrawing, appointing a jager. Each change locks its row, is
checked against support_rules, and is written in the audit trail. A request never changes
the initiative's own status (BR-08): the initiative goes on while the request waits."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent, Organisation
from burgerkracht.core.transitions import transition
from burgerkracht.core.validation.reasons import is_reason
from initiatives import support_rules as rules
from initiatives.models import Initiative
from initiatives.support_enums import SUPPORT_TRANSITIONS, RuleDomain, SupportStatus
from initiatives.support_models import (
    JagerAppointment,
    SupportHandoff,
    SupportRequest,
    validate_person_address,
    validate_person_name,
)


def _person(name: str, email: str, user) -> tuple[str, str]:
    """The decider as a person: a name and an e-mail address that is not a shared mailbox."""
    if user is not None:
        name, email = name or user.get_full_name() or "", email or user.email or ""
    name, email = " ".join((name or "").split()), (email or "").strip().lower()
    try:
        validate_person_name(name)
        validate_person_address(email)
    except ValidationError as error:
        raise DomainError(error.messages[0]) from error
    if "@" not in email:
        raise DomainError(_("Give the e-mail address of the person who decides."))
    return name, email


def _locked(request: SupportRequest) -> SupportRequest:
    return (
        SupportRequest.objects.select_for_update(of=("self",))
        .select_related("initiative", "holder_organisation")
        .get(pk=request.pk)
    )


@transaction.atomic
def ask_support(
    *, by, initiative: Initiative, question: str, domain: str, organisation: Organisation,
    decider_name: str = "", decider_email: str = "", decider_user=None,
) -> SupportRequest:  # fmt: skip
    """A new request from the initiative to `organisation`, with its responsible decider."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not rules.can_ask_support(by, initiative):
        raise DomainError(_("You cannot ask for support for this initiative."))
    question = (question or "").strip()
    if not question:
        raise DomainError(_("Say what you ask."))
    if domain not in RuleDomain.values:
        raise DomainError(_("Choose a rule domain."))
    name, email = _person(decider_name, decider_email, decider_user)
    now = timezone.now()
    request = SupportRequest.objects.create(
        initiative=initiative, question=question, domain=domain, organisation=organisation,
        holder_name=name, holder_email=email, holder_user=decider_user,
        holder_organisation=organisation, held_since=now, asked_at=now, asked_by=by,
    )  # fmt: skip
    AuditEvent.record(
        subject=request, actor=by, action="support.asked",
        data={"initiative": initiative.pk, "domain": domain, "organisation": organisation.pk,
              "decider": name},
    )  # fmt: skip
    return request


@transaction.atomic
def hand_over_request(
    *, request: SupportRequest, by, to_name: str = "", to_email: str = "", to_user=None,
    to_organisation: Organisation | None = None, note: str = "",
) -> SupportRequest:  # fmt: skip
    """The request passes from its holder to another person (and organisation): recorded with
    the date and who passed it. The days at the new holder count from now."""
    request = _locked(request)
    if not rules.can_handle_support(by, request):
        raise DomainError(_("You cannot pass this request on."))
    name, email = _person(to_name, to_email, to_user)
    organisation = to_organisation or request.holder_organisation
    if name == request.holder_name and organisation.pk == request.holder_organisation_id:
        raise DomainError(_("The request is already with this person."))
    now = timezone.now()
    handoff = SupportHandoff.objects.create(
        request=request, at=now, by=by, from_name=request.holder_name,
        from_organisation=request.holder_organisation, to_name=name, to_email=email,
        to_organisation=organisation, note=(note or "").strip(),
    )  # fmt: skip
    transition(
        request, SupportStatus.HANDED_OVER, table=SUPPORT_TRANSITIONS, by=by,
        action="support.handed_over", reason=handoff.note,
        stamps={"holder_name": name, "holder_email": email, "holder_user": to_user,
                "holder_organisation": organisation, "held_since": now},
        data={"from_holder": handoff.from_name, "to_holder": name, "organisation": organisation.pk},
        update_fields=(),
    )  # fmt: skip
    return request


@transaction.atomic
def answer_request(*, request: SupportRequest, by, answer: str, what_it_took: str = ""):
    """The answer came: recorded with what it took (who was needed, how long, what helped)."""
    request = _locked(request)
    if not rules.can_handle_support(by, request):
        raise DomainError(_("You cannot record the answer to this request."))
    answer = (answer or "").strip()
    if not is_reason(answer):
        raise DomainError(_("Write down the answer in a sentence."))
    transition(
        request, SupportStatus.ANSWERED, table=SUPPORT_TRANSITIONS, by=by,
        action="support.answered",
        stamps={"answer": answer, "what_it_took": (what_it_took or "").strip(),
                "closed_at": timezone.now(), "closed_by": by},
        data={"days": request.days_open()}, update_fields=(),
    )  # fmt: skip
    return request


@transaction.atomic
def withdraw_request(*, request: SupportRequest, by, reason: str) -> SupportRequest:
    """No longer needed (the initiative found another way): with a reason."""
    request = _locked(request)
    if not rules.can_handle_support(by, request):
        raise DomainError(_("You cannot withdraw this request."))
    reason = (reason or "").strip()
    if not is_reason(reason):
        raise DomainError(_("Say in a sentence why the request is withdrawn."))
    transition(
        request, SupportStatus.WITHDRAWN, table=SUPPORT_TRANSITIONS, by=by, reason=reason,
        action="support.withdrawn",
        stamps={"withdrawn_reason": reason, "closed_at": timezone.now(), "closed_by": by},
        update_fields=(),
    )  # fmt: skip
    return request


@transaction.atomic
def appoint_jager(
    *, initiative: Initiative, by, jager, mandate: str, money_limit: Decimal | None = None,
    departments=(),
) -> JagerAppointment:  # fmt: skip
    """A coordinator appoints a facilitator or coordinator jager on the initiative, with a
    visible mandate; the jager before (if any) stops being jager."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not rules.can_appoint_jager(by, initiative):
        raise DomainError(_("You cannot appoint a jager on this initiative."))
    if not rules.may_be_jager(jager):
        raise DomainError(_("A jager is a facilitator or a facilitator coordinator."))
    mandate = (mandate or "").strip()
    if not is_reason(mandate):
        raise DomainError(_("Describe in a sentence what the jager may arrange."))
    if money_limit is not None and money_limit < 0:
        raise DomainError(_("The amount cannot be negative."))
    now = timezone.now()
    before = JagerAppointment.objects.select_for_update().filter(
        initiative=initiative, ended_at__isnull=True
    )
    previous = [a.jager_id for a in before]
    before.update(ended_at=now)
    appointment = JagerAppointment.objects.create(
        initiative=initiative, jager=jager, mandate=mandate, money_limit=money_limit,
        appointed_at=now, appointed_by=by,
    )  # fmt: skip
    appointment.departments.set(departments)
    AuditEvent.record(
        subject=initiative, actor=by, action="initiative.jager_appointed",
        data={"jager": jager.pk, "previous": previous, "money_limit": str(money_limit or ""),
              "departments": sorted(d.pk for d in departments)},
    )  # fmt: skip
    return appointment
