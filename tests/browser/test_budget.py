"""The budget screens in the browser: axe for every role on every page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budget import services
from burgerkracht.accounts.roles import Role
from tests.factories import UserFactory, open_line

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fund():
    from budget.models import LineType

    LineType.objects.get_or_create(name="Stedelijk")
    line, holder = open_line(allocation="1000.00", name="Wijk A")
    other, _ = open_line(fund=line.fund, allocation="500.00", holders=[holder], name="Wijk B")
    admin = UserFactory(role="administrator")
    services.open_fund(by=admin, fund=line.fund)
    services.approve_award(by=holder, line=line, amount=Decimal("250.00"), description="Koor")
    services.reallocate(by=admin, from_line=line, to_line=other, amount=Decimal("100.00"),
                        reason="Meer aanvragen in wijk B",
                        approved_by=UserFactory(role="facilitator_coordinator"))  # fmt: skip
    return line.fund


@pytest.mark.parametrize("role", Role.values)
def test_budget_pages_for_every_role(role, page, live_server, login, assert_accessible, fund):
    login(UserFactory(role=role))
    line = fund.lines.first()
    for url in (
        reverse("budget:fund-list"),
        reverse("budget:overview", args=[fund.pk]),
        reverse("budget:integrity-log", args=[fund.pk]),
        reverse("budget:fund-create"),
        reverse("budget:line-create", args=[fund.pk]),
        reverse("budget:fund-open", args=[fund.pk]),
        reverse("budget:reallocate", args=[fund.pk]),
        reverse("budget:holders", args=[line.pk]),
    ):
        page.goto(live_server.url + url)
        assert_accessible(page, f"{role} {url}")
