"""Who may see it, once per thing (issue 28, docs/decisions/0022).

For every model a person can open, its `<things>_visible_to(user)` (the rule as a filter, used
by the lists, beside the predicate in the app's permissions module) holds exactly the objects
that its `can_view_*(user, obj)` predicate (the rule for one object, used by the pages)
allows: for every object of the permission matrix's world (tests/security/conftest.py) and
every person in it — anonymous, a fresh person of each role, the people tied to the objects,
the officials of the same role tied to another subject ("other_facilitator",
"other_holder"), and a few people with two roles.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from operator import attrgetter
from typing import Any
from unittest.mock import ANY

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from advice import permissions as advice_permissions
from budget import permissions as budget_permissions
from burgerkracht.accounts.models import User
from burgerkracht.accounts.roles import Role
from burgerkracht.meetlat import permissions as meetlat_permissions
from initiatives import permissions as initiative_permissions
from initiatives import support_rules
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PERMISSION_MODULES = (
    initiative_permissions,
    budget_permissions,
    advice_permissions,
    meetlat_permissions,
    support_rules,
)


def _model(label: str):
    from django.apps import apps

    return apps.get_model(label)


# The model, the predicate for one object of it and the rule as a filter, side by side in the
# app's permissions module. The advice evaluation's predicate takes the advice it belongs to.
CASES: dict[str, tuple[str, Callable[[Any, Any], bool], Callable[[Any], Any]]] = {
    "initiative": (
        "initiatives.Initiative",
        initiative_permissions.can_view_initiative,
        initiative_permissions.initiatives_visible_to,
    ),
    "story": (
        "initiatives.Story",
        initiative_permissions.can_view_story,
        initiative_permissions.stories_visible_to,
    ),
    "lesson": (
        "initiatives.Lesson",
        initiative_permissions.can_view_lesson,
        initiative_permissions.lessons_visible_to,
    ),
    "support_request": (
        "initiatives.SupportRequest",
        support_rules.can_view_support,
        support_rules.support_visible_to,
    ),
    "application": (
        "budget.Application",
        budget_permissions.can_view_application,
        budget_permissions.applications_visible_to,
    ),
    "evaluation": (
        "budget.Evaluation",
        budget_permissions.can_view_evaluation,
        budget_permissions.evaluations_visible_to,
    ),
    "accountability": (
        "budget.Accountability",
        budget_permissions.can_view_accountability,
        budget_permissions.accountabilities_visible_to,
    ),
    "advice": (
        "advice.Advice",
        advice_permissions.can_view_advice,
        advice_permissions.advices_visible_to,
    ),
    "advice_request": (
        "advice.AdviceRequest",
        advice_permissions.can_view_request,
        advice_permissions.advice_requests_visible_to,
    ),
    "promise": (
        "advice.Promise",
        advice_permissions.can_view_promise,
        advice_permissions.promises_visible_to,
    ),
    "agenda": (
        "advice.Agenda",
        advice_permissions.can_view_agenda,
        advice_permissions.agendas_visible_to,
    ),
    "meeting": (
        "advice.Meeting",
        advice_permissions.can_view_meeting,
        advice_permissions.meetings_visible_to,
    ),
    "advice_evaluation": (
        "advice.AdviceEvaluation",
        lambda user, evaluation: advice_permissions.can_view_evaluation(user, evaluation.advice),
        advice_permissions.advice_evaluations_visible_to,
    ),
    "decision": (
        "meetlat.Decision",
        meetlat_permissions.can_view_decision,
        meetlat_permissions.decisions_visible_to,
    ),
}
# Each `can_view_<thing>(user, obj)` predicate, and the case above that checks it.
PREDICATES = {
    "initiatives.permissions.can_view_initiative": "initiative",
    "initiatives.permissions.can_view_story": "story",
    "initiatives.permissions.can_view_lesson": "lesson",
    "initiatives.support_rules.can_view_support": "support_request",
    "budget.permissions.can_view_application": "application",
    "budget.permissions.can_view_evaluation": "evaluation",
    "budget.permissions.can_view_accountability": "accountability",
    "advice.permissions.can_view_advice": "advice",
    "advice.permissions.can_view_request": "advice_request",
    "advice.permissions.can_view_promise": "promise",
    "advice.permissions.can_view_agenda": "agenda",
    "advice.permissions.can_view_meeting": "meeting",
    "advice.permissions.can_view_evaluation": "advice_evaluation",
    "burgerkracht.meetlat.permissions.can_view_decision": "decision",
}

# The people tied to the world's objects (World and AdviceWorld relations).
TIED = (
    "lead", "co", "facilitator", "draft_lead", "holder", "professional", "assistant",
    "other_facilitator", "other_holder",
    "adv.asd_member", "adv.asd_secretary", "adv.bo_member", "adv.coordinator",
    "adv.promise_owner", "adv.vip_member", "adv.agenda_owner",
)  # fmt: skip
# People with two hats: a tie through one role, and a second role besides.
TWO_ROLES = (
    ("lead", Role.FACILITATOR_COORDINATOR),
    ("facilitator", Role.BUDGET_DECISION_HOLDER),
    ("holder", Role.FACILITATOR),
    ("professional", Role.FACILITATOR),
    ("adv.asd_member", Role.READ_ONLY),
    ("adv.promise_owner", Role.ASD_MEMBER),
)


def _fresh(user) -> User:
    """The person as a request would load them: nothing cached from an earlier test."""
    return User.objects.get(pk=user.pk)


def people(world) -> Iterator[tuple[str, Any]]:
    yield "anonymous", AnonymousUser()
    for role in Role.values:
        yield f"role:{role}", UserFactory(role=role)
    for relation in TIED:
        yield relation, _fresh(attrgetter(relation)(world))
    for relation, role in TWO_ROLES:
        person = _fresh(attrgetter(relation)(world))
        person.groups.add(Group.objects.get_or_create(name=role)[0])
        yield f"{relation}+{role}", _fresh(person)


def compare(
    objects: list, predicate: Callable[[Any, Any], bool], visible: Callable[[Any], Any], world
) -> dict[str, tuple[set[int], set[int]]]:
    """Per person: the pks `visible(user)` (a queryset) lists, and those `predicate` allows."""
    return {
        name: (
            set(visible(user).values_list("pk", flat=True)),
            {obj.pk for obj in objects if predicate(user, obj)},
        )
        for name, user in people(world)
    }


def disagreements(outcome: dict[str, tuple[set[int], set[int]]]) -> list[str]:
    return [
        f"{name}: only in visible_to {sorted(listed - allowed)}, "
        f"only by the predicate {sorted(allowed - listed)}"
        for name, (listed, allowed) in outcome.items()
        if listed != allowed
    ]


@pytest.fixture
def corners(world):
    """Corners of the rules the world leaves out, added for this test only (its savepoint is
    rolled back): an application sent in to a line, which the line's holders may not see
    until it is past "sent in"; a decider who is no holder of the line (removed from it,
    SC-15); a commitment on its own owned by a body's member, which only its owner (and the
    municipality) may see."""
    from budget.models import Application
    from tests.advice.agenda_factories import commitment

    Application.objects.filter(pk=world.app_submitted.pk).update(line=world.line)
    Application.objects.filter(pk=world.app_granted.pk).update(decider=world.other_holder)
    commitment(by=world.adv.coordinator, owner=world.adv.asd_member)


@pytest.mark.usefixtures("corners")
@pytest.mark.parametrize("case", sorted(CASES))
def test_visible_to_agrees_with_the_predicate(world, case):
    label, predicate, visible = CASES[case]
    model = _model(label)
    objects = list(model.objects.order_by("pk"))

    outcome = compare(objects, predicate, visible, world)

    assert disagreements(outcome) == []
    # The world has objects that some people see and others do not, so the two are compared
    # on both answers.
    seen = [len(allowed) for _listed, allowed in outcome.values()]
    assert max(seen) > 0, f"nobody may see any {case}"
    assert min(seen) < len(objects), f"everybody may see every {case}"


def test_the_check_finds_a_rule_restated_wrongly(world):
    """A queryset that restates the rule a little wrongly is caught: one that forgets the
    coordinator, one that forgets the professionals asked for advice."""
    from budget.models import Application

    objects = list(Application.objects.order_by("pk"))
    predicate = budget_permissions.can_view_application

    def forgets_the_coordinator(user):
        if budget_permissions.is_coordinator(user):
            return Application.objects.filter(budget_permissions.applicant_q(user))
        return budget_permissions.applications_visible_to(user)

    def forgets_the_advisors(user):
        return budget_permissions.applications_visible_to(user).exclude(
            budget_permissions.advisor_q(user)
        )

    first = disagreements(compare(objects, predicate, forgets_the_coordinator, world))
    second = disagreements(compare(objects, predicate, forgets_the_advisors, world))

    assert any(m.startswith("role:facilitator_coordinator:") for m in first)
    assert any(m.startswith("professional:") for m in second)


def test_every_view_predicate_has_a_queryset():
    """A new `can_view_<thing>(user, obj)` needs its `<things>_visible_to` and a case here."""
    found = {
        f"{module.__name__}.{name}"
        for module in PERMISSION_MODULES
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if name.startswith("can_view_")
        and function.__module__ == module.__name__
        and len(inspect.signature(function).parameters) == 2
    }

    assert found == set(PREDICATES)
    assert set(PREDICATES.values()) == set(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_filter_sits_beside_the_predicate_and_takes_a_queryset(case):
    """The rule for one and for many in the same module; the filter narrows a queryset it is
    given (a list that selects its own columns first) and starts from all when given none."""
    label, predicate, visible = CASES[case]
    model = _model(label)
    module = inspect.getmodule(visible)

    assert module in PERMISSION_MODULES
    assert predicate.__module__ == module.__name__ or case == "advice_evaluation"
    assert list(inspect.signature(visible).parameters) == ["user", ANY]
    assert visible(AnonymousUser(), model.objects.none()).model is model
