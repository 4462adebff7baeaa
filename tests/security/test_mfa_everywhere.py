"""S5: every page of the portal asks a staff member without a second factor to set one up
first; only the set-up itself, logging out and the public information pages stay open."""

import pytest
from django.urls import reverse

from burgerkracht.accounts.middleware import ALLOWED_PREFIXES
from burgerkracht.accounts.roles import STAFF_ROLES, Role
from tests.factories import UserFactory
from tests.security.matrix import MATRIX

pytestmark = pytest.mark.django_db


def _staff_role_for(entry) -> str:
    """The staff role that may open the page (or the facilitator, for a page none may)."""
    allowed = [r for r in sorted(STAFF_ROLES) if entry.expected.get(r) == 200]
    return allowed[0] if allowed else Role.FACILITATOR


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_every_page_of_the_portal_asks_staff_for_the_second_factor_first(
    client, world, figure, url_name
):
    entry = MATRIX[url_name]
    url = reverse(url_name, kwargs=entry.url_kwargs(world))
    client.force_login(UserFactory(role=_staff_role_for(entry), with_mfa=False))

    response = client.get(url)

    if url.startswith(ALLOWED_PREFIXES):
        assert response.get("Location") != reverse("mfa_activate_totp")
    else:
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
        figure("S5", pages=1, reached_without_second_factor=0)
