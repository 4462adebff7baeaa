"""`manage.py seed_scale` refuses a database without the demo's reference data (issue #10).
Apart from tests/core/test_seed_scale.py, whose tests share the demo data of their module."""

import pytest
from django.core.management import CommandError

from burgerkracht.accounts.models import User
from tests.core.test_seed_scale import counts, seed_scale

pytestmark = pytest.mark.django_db


def test_seed_scale_refuses_without_the_demo_reference_data(settings):
    settings.DEBUG = False
    before = (counts(), User.objects.count())

    with pytest.raises(CommandError) as refused:
        seed_scale()

    message = str(refused.value)
    assert message.startswith("The demo reference data is missing (bewoner@example.org, ")
    assert message.endswith("). Run `python manage.py seed_demo` first.")
    assert (counts(), User.objects.count()) == before
