"""Who may see and work on decisions. Pure predicates.

The role opens the register; what a person may do with one decision follows its subject
(the application, evaluation, advice answer or policy decision it is about): see
`subjects.py`, where each app registers the rules of its own subject.
"""

from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from burgerkracht.accounts.roles import DECISION_EDITOR_ROLES, DECISION_VIEWER_ROLES, Role
from burgerkracht.meetlat.subjects import registered_rules, rules_for


def can_view_decisions(user) -> bool:
    return user.is_authenticated and user.has_role(*DECISION_VIEWER_ROLES)


def can_edit_decisions(user) -> bool:
    return user.is_authenticated and user.has_role(*DECISION_EDITOR_ROLES)


def can_view_decision(user, decision) -> bool:
    rules, subject = rules_for(decision)
    return can_view_decisions(user) and rules.can_view(user, subject)


def decisions_visible_to(user, decisions: QuerySet | None = None) -> QuerySet:
    """can_view_decision as a filter on `decisions` (all by default), read as rules_for reads
    it: a decision without a subject, about a model without rules, or whose subject is gone
    is its author's and seen by all decision staff; one about a subject with rules is seen
    when the rules' `visible(user)` holds the subject (docs/decisions/0022)."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from burgerkracht.meetlat.models import Decision

    if decisions is None:
        decisions = Decision.objects.all()
    if not can_view_decisions(user):
        return decisions.none()
    rules = registered_rules()
    models = {label: apps.get_model(label) for label in rules}
    types = ContentType.objects.get_for_models(*models.values())
    seen = Q(subject_type__isnull=True) | ~Q(subject_type__in=list(types.values()))
    for label, rule in rules.items():
        model = models[label]
        every = model._default_manager.all()
        visible = rule.visible(user) if rule.visible is not None else every.none()
        if visible is None:
            seen |= Q(subject_type=types[model])
        else:
            gone = ~Q(subject_id__in=_ids(every))
            seen |= Q(subject_type=types[model]) & (Q(subject_id__in=_ids(visible)) | gone)
    return decisions.filter(seen)


def _ids(subjects: QuerySet) -> QuerySet:
    """The subjects' primary keys as text, as Decision.subject_id holds them."""
    return subjects.annotate(subject_pk=Cast("pk", CharField())).values("subject_pk")


def can_edit_decision(user, decision) -> bool:
    """Fill in the draft: whoever prepares or takes the decision about its subject."""
    if decision.is_final or not can_edit_decisions(user):
        return False
    rules, subject = rules_for(decision)
    return rules.can_prepare(user, subject)


def may_finalise(user, decision) -> bool:
    """The subject's own rule for making it final, wherever that happens (the service
    re-checks it under its lock)."""
    rules, subject = rules_for(decision)
    return can_edit_decisions(user) and rules.can_finalise(user, subject)


def can_finalise_here(user, decision) -> bool:
    """The Meetlat's "make final" page: closed when the subject's app does it in its own step."""
    rules, _subject = rules_for(decision)
    return not decision.is_final and not rules.own_workflow and may_finalise(user, decision)


def can_reflect(user, decision) -> bool:
    """Write the later reflection (principle 6): once, on a final decision, by who may
    reflect under its subject's rule (a policy decision: its owner, see `subjects.owned`)."""
    if not decision.is_final or decision.reflected_at is not None or not can_edit_decisions(user):
        return False
    rules, subject = rules_for(decision)
    return rules.can_reflect(user, subject)


def can_publish_meetlat(user) -> bool:
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR)
