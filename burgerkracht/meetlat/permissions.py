"""Who may see and work on decisions. Pure predicates.

The role opens the register; what a person may do with one decision follows its subject
(the application, evaluation, advice answer or policy decision it is about): see
`subjects.py`, where each app registers the rules of its own subject.
"""

from burgerkracht.accounts.roles import DECISION_EDITOR_ROLES, DECISION_VIEWER_ROLES, Role
from burgerkracht.meetlat.subjects import rules_for


def can_view_decisions(user) -> bool:
    return user.is_authenticated and user.has_role(*DECISION_VIEWER_ROLES)


def can_edit_decisions(user) -> bool:
    return user.is_authenticated and user.has_role(*DECISION_EDITOR_ROLES)


def can_view_decision(user, decision) -> bool:
    rules, subject = rules_for(decision)
    return can_view_decisions(user) and rules.can_view(user, subject)


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
