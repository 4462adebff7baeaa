"""The demo (make run) fills the public results pages: figures, a chart, stories."""

import pytest
from django.urls import reverse

from budget.models import Accountability
from burgerkracht.seeding.demo.budget_public import FINISHED, HIDDEN
from tests.demo_data import seed_demo

pytestmark = pytest.mark.django_db


def test_seed_demo_gives_the_results_pages_stories_in_several_neighbourhoods(client):
    seed_demo()
    shared = Accountability.objects.filter(
        story_public=True, status="settled", application__initiative__publication_consent=True
    )

    overview = client.get(reverse("budget:public-results"))
    html = overview.content.decode()

    assert overview.status_code == 200
    assert overview.context["chart"] is not None
    assert shared.values("application__neighbourhood").distinct().count() >= 3
    assert [title for title, *_ in FINISHED if title not in html] == []
    assert HIDDEN not in html
    neighbourhood = shared.first().application.neighbourhood
    page = client.get(reverse("budget:public-results-neighbourhood", args=[neighbourhood.slug]))
    assert page.context["funded"] and page.context["stories"]
    samen_sterk = client.get(reverse("budget:samen-sterk"))
    assert samen_sterk.context["figures"].initiatives >= len(FINISHED)
