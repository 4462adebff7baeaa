"""Marking a payment as paid: the tranche must be one of this application's award (or its
extra pushes), not merely of the same initiative (issue #23)."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from budget import services
from budget.models import Tranche
from tests.budget.followup_helpers import grant

pytestmark = pytest.mark.django_db


def _other_award_of_the_same_initiative(application, holder) -> Tranche:
    award = services.approve_award(
        by=holder, line=application.line, amount=Decimal("100.00"),
        description="Een andere toekenning", initiative=application.initiative,
    )  # fmt: skip
    return services.plan_tranche(
        by=holder, award=award, planned_on=date(2027, 3, 1), amount=Decimal("100.00")
    )


def test_a_tranche_of_another_award_of_the_same_initiative_is_not_found(client):
    application, holder, facilitator = grant()
    foreign = _other_award_of_the_same_initiative(application, holder)
    own = application.award.tranches.order_by("pk").first()
    client.force_login(facilitator)

    refused_get = client.get(reverse("budget:pay", args=[application.pk, foreign.pk]))
    refused_post = client.post(
        reverse("budget:pay", args=[application.pk, foreign.pk]), {"paid_on": "2027-03-01"}
    )
    allowed = client.get(reverse("budget:pay", args=[application.pk, own.pk]))

    foreign.refresh_from_db()
    assert (refused_get.status_code, refused_post.status_code) == (404, 404)
    assert foreign.paid_on is None
    assert allowed.status_code == 200
