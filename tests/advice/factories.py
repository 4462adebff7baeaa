"""Builders for the advice register. Everything goes through the services, so a test set-up
is a real history (audit trail, references, promises, evaluations)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from advice.enums import Adoption, BodyKind, MemberRole
from advice.models import Advice, AdvisoryBody, Membership, Theme
from advice.services import answer as answer_services
from advice.services import register
from tests.factories import UserFactory, complete_decision

BODY_DATA = {
    "asd": ("Adviesraad Sociaal Domein", "ASD", BodyKind.ASD),
    "bo-plus": ("Breed Overleg Plus", "BO+", BodyKind.BO_PLUS),
}
# Where an advice is, in order; advice_in() stops at the one asked for.
STAGES = ("concept", "final", "draft_answer", "approved", "answered", "closed")


def body(slug: str = "asd") -> AdvisoryBody:
    """The body of the data migration (re-made after a transactional test truncated it)."""
    name, short, kind = BODY_DATA[slug]
    return AdvisoryBody.objects.get_or_create(
        slug=slug, defaults={"name": name, "short_name": short, "kind": kind}
    )[0]


def theme(name: str = "Armoede") -> Theme:
    return Theme.objects.get_or_create(name=name)[0]


def member(slug: str = "asd", role: str = "asd_member", *, member_role: str = MemberRole.MEMBER,
           user: Any = None) -> Any:  # fmt: skip
    """A person with `role` who is a current member of body `slug`."""
    user = user or UserFactory(role=role)
    Membership.objects.create(body=body(slug), user=user, role=member_role)
    return user


def coordinator() -> Any:
    return UserFactory(role="advice_coordinator")


def advice_in(
    stage: str = "concept", *, body_slug: str = "asd", by: Any = None, coordinator_user: Any = None,
    recommendations: tuple[str, ...] = ("Maak een loket.", "Bel mensen terug.", "Evalueer."),
    adoptions: tuple[str, ...] = (Adoption.ADOPTED, Adoption.PARTLY, Adoption.NOT_ADOPTED),
    title: str = "Toegang tot ondersteuning", is_public: bool = False,
) -> Advice:  # fmt: skip
    """An unsolicited advice of `body_slug` at `stage` (see STAGES)."""
    by = by or member(body_slug)
    boss = coordinator_user or coordinator()
    advice = register.register_advice(
        by=by, body=body(body_slug), title=title, summary="Samenvatting van het advies."
    )
    register.save_recommendations(advice=advice, by=by, texts=list(recommendations))
    if stage == "concept":
        return advice
    advice = register.send_advice(advice=advice, by=by)
    register.set_contacts(advice=advice, by=boss, contact=boss, backup=coordinator())
    if is_public:
        register.set_public(advice=advice, by=boss, is_public=True)
    if stage == "final":
        return Advice.objects.get(pk=advice.pk)
    write_answer(advice, boss, adoptions)
    if stage == "draft_answer":
        return Advice.objects.get(pk=advice.pk)
    answer_services.approve_answer(advice=advice, by=boss)
    if stage == "approved":
        return Advice.objects.get(pk=advice.pk)
    answer_services.publish_answer(advice=advice, by=boss)
    if stage == "answered":
        return Advice.objects.get(pk=advice.pk)
    evaluate(Advice.objects.get(pk=advice.pk), boss)
    return Advice.objects.get(pk=advice.pk)


def write_answer(advice: Advice, by: Any, adoptions: tuple[str, ...]) -> None:
    """A complete draft answer: every recommendation answered with reasons where needed, a
    promise for every (partly) adopted one, and a complete decision record."""
    answer = answer_services.start_answer(advice=advice, by=by)
    for rec, adoption in zip(advice.recommendations.order_by("number"), adoptions, strict=False):
        answer_services.answer_recommendation(
            recommendation=rec, by=by, adoption=adoption,
            reason="" if adoption == Adoption.ADOPTED else "Omdat het budget al vastligt.",
        )  # fmt: skip
        if adoption in (Adoption.ADOPTED, Adoption.PARTLY):
            answer_services.add_promise(
                advice=advice, by=by, recommendation=rec, text=f"We doen: {rec.text}",
                department="Sociaal Domein", owner=by,
                due_on=timezone.localdate() + timedelta(days=90),
            )  # fmt: skip
    complete_decision(answer.decision, by)


def evaluate(advice: Advice, by: Any, held_on: date | None = None) -> None:
    from advice.services import followup

    evaluation = advice.evaluation
    followup.save_evaluation(
        evaluation=evaluation, by=by, held_on=held_on or timezone.localdate(),
        participants="ASD en aanspreekpunt", what_happened="Het loket is er.",
        effect="Minder mensen vallen tussen wal en schip.", body_appraisal="Goed opgepakt.",
        verdicts={p.pk: ("kept", "") for p in advice.promises.all()},
    )  # fmt: skip
    followup.complete_evaluation(evaluation=evaluation, by=by)


def advice_request(*, by: Any = None, body_slug: str = "asd", days: int = 60, **fields: Any):
    """A request for advice with `days` between request and deadline."""
    today = timezone.localdate()
    fields = {
        "subject": "Nieuwe Wmo-verordening", "question": "Wat vindt u van de verordening?",
        "department": "Sociaal Domein", "requested_on": today,
        "deadline": today + timedelta(days=days), **fields,
    }  # fmt: skip
    if days < 42:
        fields.setdefault("pressure_reason", "Het college besluit voor het reces.")
        fields.setdefault("time_agreement", "Eén avond met het BO+.")
    return register.request_advice(by=by or coordinator(), body=body(body_slug), **fields)
