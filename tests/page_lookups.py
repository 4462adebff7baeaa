"""How the catalogue in tests/pages.py finds a page's object in the *current* database.

Every lookup relies only on what `manage.py seed_demo` makes and takes the oldest match (the
lowest pk), so bulk rows added later (`seed_scale`, factories) never change which object a
page shows. The app models are imported inside each function: the catalogue is imported
before Django is set up (tests/bench).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from tests.page_logins import FACILITATOR, HOLDER, RESIDENT


def first(queryset: QuerySet, what: str) -> Any:
    found = queryset.order_by("pk").first()
    if found is None:
        raise LookupError(f"no {what} in this database (run seed_demo first)")
    return found


def user(email: str):
    from burgerkracht.accounts.models import User

    return User.objects.get(email=email)


def waiting_change():
    from budget.models import BudgetChange

    return first(BudgetChange.objects.filter(status="proposed"), "budget change to approve")


def pk(find: Callable[[], Any]) -> Callable[[], dict[str, Any]]:
    return lambda: {"pk": find().pk}


# --- lookups: "an application in assessment facilitated by facilitator@example.org" ------------


def initiatives():
    from initiatives.models import Initiative

    return Initiative.objects


def active_initiative_led_by(email: str):
    return first(
        initiatives().filter(
            status="active",
            initiators__user__email=email,
            initiators__role="lead",
            initiators__left_at__isnull=True,
        ),
        f"active initiative led by {email}",
    )


def active_initiative_facilitated_by(email: str):
    return first(
        initiatives().filter(status="active", facilitator__email=email),
        f"active initiative facilitated by {email}",
    )


def published_initiative():
    return first(initiatives().published(), "published initiative")


def stories():
    from initiatives.models import Story

    return Story.objects


def published_story():
    return first(stories().filter(status="published"), "published story")


def published_lesson():
    from initiatives.models import Lesson

    return first(Lesson.objects.filter(status="published"), "published lesson")


def waiting_story():
    return first(stories().filter(status="submitted"), "story waiting for a look")


def neighbourhood_of(email: str) -> dict[str, Any]:
    return {"slug": user(email).neighbourhood.slug}


def year_of_first_grant_in_neighbourhood_of(email: str) -> dict[str, Any]:
    """?jaar= of the wijk's first grant (the default year may hold none of its grants)."""
    grant = (
        applications()
        .filter(award__isnull=False, neighbourhood=user(email).neighbourhood)
        .select_related("fund")
        .order_by("pk")
        .first()
    )
    return {"jaar": grant.fund.starts_on.year} if grant else {}


def applications():
    from budget.models import Application

    return Application.objects


def application_facilitated(status: str, email: str = FACILITATOR):
    return first(
        applications().filter(status=status, initiative__facilitator__email=email),
        f"{status} application facilitated by {email}",
    )


def application_led(status: str, email: str = RESIDENT):
    return first(
        applications().filter(
            status=status,
            initiative__initiators__user__email=email,
            initiative__initiators__role="lead",
            initiative__initiators__left_at__isnull=True,
        ),
        f"{status} application of an initiative led by {email}",
    )


def application_held(status: str, email: str = HOLDER):
    return first(
        applications().filter(status=status, line__decision_holders__email=email),
        f"{status} application on a line held by {email}",
    )


def evaluation(status: str, email: str = FACILITATOR):
    from budget.models import Evaluation

    return first(
        Evaluation.objects.filter(status=status, application__initiative__facilitator__email=email),
        f"{status} evaluation facilitated by {email}",
    )


def accountability(status: str, email: str = FACILITATOR):
    from budget.models import Accountability

    return first(
        Accountability.objects.filter(
            status=status, application__initiative__facilitator__email=email
        ),
        f"{status} accountability facilitated by {email}",
    )


def accountability_led(status: str, email: str = RESIDENT):
    from budget.models import Accountability

    return first(
        Accountability.objects.filter(
            status=status,
            application__initiative__initiators__user__email=email,
            application__initiative__initiators__role="lead",
            application__initiative__initiators__left_at__isnull=True,
        ),
        f"{status} accountability of an initiative led by {email}",
    )


def fund():
    from budget.models import Fund

    return first(Fund.objects.filter(status="open"), "open fund")


def decision(**filters):
    from burgerkracht.meetlat.models import Decision

    return first(Decision.objects.filter(status="final", **filters), "final decision")


def advice(status: str, **filters):
    from advice.models import Advice

    return first(Advice.objects.filter(status=status, **filters), f"{status} advice")


def public_advice():
    from advice.selectors import public_advices

    return first(public_advices(), "public advice")


def advice_request():
    from advice.models import AdviceRequest

    return first(AdviceRequest.objects.all(), "advice request")


def agenda():
    from advice.models import Agenda

    return first(Agenda.objects.all(), "agenda")


def promise():
    from advice.models import Promise

    return first(Promise.objects.filter(status__in=("new", "on_track")), "open promise")


def advice_signal():
    from advice.models import Signal

    return first(Signal.objects.all(), "signal")


def meeting():
    from advice.models import Meeting

    return first(Meeting.objects.all(), "meeting")


def payment_import_of(email: str):
    from budget.models import PaymentImport

    return first(
        PaymentImport.objects.filter(created_by__email=email), f"confirmation file of {email}"
    )


def factsheet_number() -> dict[str, Any]:
    from advice.models import FactsheetVersion

    return {"number": first(FactsheetVersion.objects.all(), "factsheet version").number}


def open_support_request():
    """A support request of the demo's Servicepunt (SC-07) that was passed on."""
    from initiatives.support_models import SupportRequest

    return first(SupportRequest.objects.filter(status="handed_over"), "passed-on support request")
