"""`manage.py use_test_broker`: the README's try-out of DigiD, eHerkenning and staff SSO with
`make run` beside `make broker`."""

import pytest
from django.core.management import CommandError, call_command

from burgerkracht.accounts.models import LoginMethod

pytestmark = pytest.mark.django_db


def test_it_switches_the_three_on_against_the_given_broker(settings):
    settings.DEBUG = True

    call_command("use_test_broker", issuer="http://127.0.0.1:8901")

    methods = {m.kind: m for m in LoginMethod.objects.all()}
    assert set(methods) == {"digid", "eherkenning", "staff"}
    assert all(m.enabled and m.server_url == "http://127.0.0.1:8901" for m in methods.values())


def test_the_test_officials_get_a_role(settings):
    """The test broker's officials (tests/oidc/users.mjs) are in the group
    `subsidies-behandelaars`; without a role from it, "Inloggen als medewerker" only says
    "the portal does not know you yet"."""
    settings.DEBUG = True

    call_command("use_test_broker")

    staff = LoginMethod.objects.get(kind="staff")
    assert staff.claim_roles == "groups"
    assert staff.role_mapping == {"subsidies-behandelaars": "facilitator"}


def test_not_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("use_test_broker")
