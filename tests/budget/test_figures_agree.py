"""Issue #22 §3: the share of finished grants that reached their result is computed once here
from the rows, by the portal's one rounding rule written out (a whole percent, halves up), and
every page that shows it says exactly that: the public results page, the Samen Sterk page and
the Samen Sterk report (whose sections the annual report prints). 4 of 6 is 67 % everywhere;
before, the public pages rounded down to 66 %."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from budget.models import Accountability
from burgerkracht.core.reports import percent
from tests.budget.report_helpers import make_grant, settle
from tests.factories import UserFactory, open_line

pytestmark = pytest.mark.django_db
REPORT = reverse("core:report", args=["samen-sterk"])


@pytest.mark.parametrize(
    ("part", "whole", "want"),
    [(4, 6, 67), (1, 8, 13), (1, 3, 33), (0, 5, 0), (5, 5, 100), (0, 0, None)],
)
def test_the_one_rounding_rule(part, whole, want):
    assert percent(part, whole) == want


def test_the_reached_share_is_the_same_on_every_page(client):
    line, _holder = open_line(allocation="9000.00")
    today = timezone.localdate()
    grants = [make_grant(line, amount="500.00", decided_on=today) for _ in range(6)]
    for n, grant in enumerate(grants):
        settle(grant, result="yes" if n < 4 else "no", participants=5)
    settled = Accountability.objects.filter(application__in=grants, status="settled")
    reached = settled.filter(result_reached="yes").count()
    exact = Decimal(100 * reached) / settled.count()
    want = int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    year = line.fund.starts_on.year

    results = client.get(reverse("budget:public-results"), {"jaar": year})
    samen_sterk = client.get(reverse("budget:samen-sterk"), {"jaar": year})
    client.force_login(UserFactory(role="read_only"))
    with translation.override("en"):
        report = client.get(REPORT, HTTP_ACCEPT_LANGUAGE="en")
        shown = {str(f.label): str(f.value) for s in report.context["sections"] for f in s.figures}

    assert (reached, settled.count(), want) == (4, 6, 67)
    assert results.context["figures"].reached_percent == want
    assert f"Dat is {want}% van de afgeronde initiatieven." in results.content.decode()
    assert f"Dat is {want}% van de afgeronde initiatieven." in samen_sterk.content.decode()
    assert shown["Reached their own intended result"] == f"{want}%"
