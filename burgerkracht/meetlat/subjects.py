"""Who may act on a decision follows its subject (issue #23).

A decision record is about something another app owns: a grant application, an interim
evaluation (the continuation decision), the answer to an advice, a policy decision. Meetlat
cannot import those apps (they depend on it), so each app registers the rules of its own
subject here in its `AppConfig.ready`, reusing its own `can_*` predicates. All rules are pure:

- `can_view(user, subject)`: read the decision, its checks and its PDF;
- `visible(user)`: the same as a filter: a queryset of the subjects `user` may view, or None
  when `can_view` allows every subject (`permissions.decisions_visible_to`, docs/decisions/0022;
  tests/security/test_visibility_agrees.py checks that both agree). Rules without it keep
  their decisions out of `decisions_visible_to` altogether;
- `can_prepare(user, subject)`: fill in the draft (its text, the triad, the Meetlat);
- `can_finalise(user, subject)`: make it final; re-checked inside `finalise_decision`;
- `can_reflect(user, subject)`: write the later reflection (principle 6) once it is final;
- `own_workflow`: the subject's app makes the decision final in its own step (publishing
  the grant, deciding the continuation, publishing the answer), which also moves the
  subject on; the Meetlat's own "make final" page is then closed, or the subject would be
  stuck behind a decision that is final while its own step never ran;
- `audit_read(user, subject, purpose)`: writes the read of a person's data, when it is one.

A decision whose subject has no registered rules is treated as the register's own: only the
person who entered it may work on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

Rule = Callable[[Any, Any], bool]
# The subjects a person may view, as a queryset; None: every one.
Visible = Callable[[Any], "models.QuerySet | None"]


def _never(user: Any, subject: Any) -> bool:
    return False


def _no_audit(user: Any, subject: Any, purpose: str) -> None:
    return None


@dataclass(frozen=True)
class SubjectRules:
    can_view: Rule
    can_prepare: Rule
    can_finalise: Rule
    can_reflect: Rule = _never
    own_workflow: bool = True
    audit_read: Callable[[Any, Any, str], None] = _no_audit
    visible: Visible | None = None


_REGISTRY: dict[str, SubjectRules] = {}


def register(model: type[models.Model], rules: SubjectRules) -> None:
    _REGISTRY[model._meta.label_lower] = rules


def registered() -> frozenset[str]:
    return frozenset(_REGISTRY)


def registered_rules() -> dict[str, SubjectRules]:
    """The rules per subject model (its `label_lower`)."""
    return dict(_REGISTRY)


def _is_owner(user: Any, decision: Any) -> bool:
    return user.is_authenticated and decision.created_by_id == user.pk


def owner_has_left(decision: Any) -> bool:
    """The decision's owner (who entered it) is gone: deactivated, erased or deleted."""
    owner = decision.created_by
    return owner is None or not owner.is_active or owner.erased_at is not None


def takes_over_reflection(user: Any, decision: Any) -> bool:
    """Continuity (decision record 0018): when a policy decision's owner has left, the
    advice coordinators (who keep the register of policy decisions) write its reflection
    and get its reminders."""
    from burgerkracht.accounts.roles import Role

    return (
        user.is_authenticated
        and user.has_role(Role.ADVICE_COORDINATOR)
        and owner_has_left(decision)
    )


def owned(decision_of: Callable[[Any], Any]) -> SubjectRules:
    """Rules for a subject that is its author's: readable by all decision staff, prepared,
    made final and reflected on by who entered the decision (its owner); the reflection
    passes to the advice coordinators when the owner has left."""

    def owner(user: Any, subject: Any) -> bool:
        return _is_owner(user, decision_of(subject))

    def reflects(user: Any, subject: Any) -> bool:
        decision = decision_of(subject)
        return _is_owner(user, decision) or takes_over_reflection(user, decision)

    return SubjectRules(
        can_view=lambda user, subject: True,
        can_prepare=owner,
        can_finalise=owner,
        can_reflect=reflects,
        own_workflow=False,
        visible=lambda user: None,
    )


OWNED_BY_AUTHOR = owned(lambda decision: decision)
POLICY = owned(lambda policy: policy.decision)


def rules_for(decision: Any) -> tuple[SubjectRules, Any]:
    """The rules of the decision's subject and the subject itself (the decision itself when
    it has none: then its author owns it)."""
    if decision.subject_type_id is not None:
        rules = _REGISTRY.get(decision.subject_type.model_class()._meta.label_lower)
        subject = decision.subject
        if rules is not None and subject is not None:
            return rules, subject
    return OWNED_BY_AUTHOR, decision
