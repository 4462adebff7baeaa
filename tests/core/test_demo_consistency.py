"""The demo data (seed_demo, what `make run` shows) looks like a real portal: the demo
municipality has a logo, in the header and on its letters, set as the admin sets one (an
SVG kept as the PNG it draws); and what is done is done on a date in the past."""

import pytest
from django.urls import reverse
from django.utils import timezone

from budget.enums import EvaluationStatus
from budget.models import Evaluation
from burgerkracht.core.files.pdf import logo_data_url
from burgerkracht.core.models import Municipality
from tests.demo_data import seed_demo

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_logo_and_no_evaluation_done_in_the_future(client):
    seed_demo()

    municipality = Municipality.current()
    assert municipality.logo.name.endswith(".png")
    with municipality.logo.open("rb") as file:
        assert file.read().startswith(b"\x89PNG")
    assert logo_data_url(municipality).startswith("data:image/png;base64,")
    home = client.get(reverse("core:home")).content.decode()
    assert f'class="portal-header__logo" src="{reverse("core:logo")}"' in home
    assert client.get(reverse("core:logo"))["Content-Type"] == "image/png"

    done = Evaluation.objects.filter(
        status__in=[EvaluationStatus.RECORDED, EvaluationStatus.DECIDED]
    )
    assert done.exists()
    today = timezone.localdate()
    assert [(e.pk, e.held_on) for e in done if e.held_on > today] == []
    assert [(e.pk, e.planned_on) for e in done if e.planned_on > today] == []
