"""The advice part of the permission-matrix world: one object per page kind, and the people
tied to them. Matrix entries reach it as `world.adv`: `kwargs=lambda w: {"pk": w.adv.final.pk}`
and `own={"adv.asd_member": 200, "adv.bo_member": 403}` (dotted relation names)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from advice.enums import MemberRole
from advice.models import Advice
from advice.services import followup, register
from tests.advice.factories import advice_in, advice_request, body, coordinator, member, theme


@dataclass
class AdviceWorld:
    asd_member: Any  # member of the ASD (role asd_member)
    asd_secretary: Any  # secretary of the ASD (role asd_secretary)
    bo_member: Any  # representative in the BO+ (role bo_plus_representative)
    coordinator: Any  # advice coordinator who is the contact person of the advices
    promise_owner: Any  # owns the open promises of `answered`
    asd: Any
    bo_plus: Any
    concept: Advice  # ASD concept
    other_concept: Advice  # BO+ concept: ASD members must not see it
    final: Advice  # ASD, final, no answer yet
    draft_answer: Advice  # ASD, the answer is an internal draft
    approved: Advice  # ASD, the answer approved, not published
    answered: Advice  # ASD, answer published, public, promises open, evaluation planned
    closed: Advice  # ASD, evaluated and closed, public
    advice_request: Any  # open request to the ASD
    promise: Any  # an open promise of `answered`
    evaluation: Any  # the planned evaluation of `answered`
    meeting: Any  # a meeting of the college with the ASD
    signal: Any  # a BO+ signal
    vip_member: Any = None  # member of the working group ViP, which handed in `agenda`
    agenda: Any = None  # the Lokale Inclusie Agenda of ViP (SC-10)
    agenda_promise: Any = None  # an open topic of `agenda`, owned by `agenda_owner`
    agenda_owner: Any = None


def build_advice_world() -> AdviceWorld:
    asd_member = member("asd", "asd_member")
    asd_secretary = member("asd", "asd_secretary", member_role=MemberRole.SECRETARY)
    bo_member = member("bo-plus", "bo_plus_representative", member_role=MemberRole.REPRESENTATIVE)
    boss = coordinator()
    kwargs = {"by": asd_member, "coordinator_user": boss}
    answered = advice_in("answered", is_public=True, **kwargs)
    promise = answered.promises.order_by("pk").first()
    from tests.advice import agenda_factories as agendas

    lia = agendas.agenda(by=boss)
    topic = agendas.agenda_promise(lia, by=boss)
    return AdviceWorld(
        vip_member=agendas.vip_member(),
        agenda=lia,
        agenda_promise=topic,
        agenda_owner=topic.owner,
        asd_member=asd_member,
        asd_secretary=asd_secretary,
        bo_member=bo_member,
        coordinator=boss,
        promise_owner=promise.owner,
        asd=body("asd"),
        bo_plus=body("bo-plus"),
        concept=advice_in("concept", **kwargs),
        other_concept=advice_in("concept", body_slug="bo-plus", by=bo_member),
        final=advice_in("final", **kwargs),
        draft_answer=advice_in("draft_answer", **kwargs),
        approved=advice_in("approved", **kwargs),
        answered=answered,
        closed=advice_in("closed", is_public=True, **kwargs),
        advice_request=advice_request(by=boss),
        promise=promise,
        evaluation=answered.evaluation,
        meeting=followup.plan_meeting(
            by=boss, body=body("asd"), date=answered.received_on, title="Overleg college-ASD"
        ),
        signal=register.record_signal(
            by=bo_member,
            body=body("bo-plus"),
            theme=theme(),
            title="Lange wachttijd",
            description="Mensen wachten maanden op een keukentafelgesprek.",
        ),
    )
