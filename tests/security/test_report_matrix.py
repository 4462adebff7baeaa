"""The permission matrix of the reports behind the one URL `core:report`: every role, and
the people tied to the subject, per report slug in matrix_reports.REPORTS (issue #27: the
representation report moved there with the readers it had as a page)."""

from operator import attrgetter

import pytest
from django.urls import reverse

from tests.security.matrix import ROLES
from tests.security.matrix_reports import REPORTS
from tests.security.test_permission_matrix import _check, _client_for

pytestmark = pytest.mark.django_db

CASES = [(slug, role) for slug in sorted(REPORTS) for role in ROLES]
OWN_CASES = [(slug, relation) for slug in sorted(REPORTS) for relation in sorted(REPORTS[slug].own)]


@pytest.mark.parametrize(("slug", "role"), CASES)
def test_report_matrix(client, world, slug, role):
    response = _client_for(client, role).get(reverse("core:report", args=[slug]))

    _check(response, REPORTS[slug].expected[role])


@pytest.mark.parametrize(("slug", "relation"), OWN_CASES)
def test_report_matrix_own(client, world, slug, relation):
    client.force_login(attrgetter(relation)(world))

    response = client.get(reverse("core:report", args=[slug]))

    _check(response, REPORTS[slug].own[relation])


def test_the_old_representation_address_moves_permanently_to_the_report(client):
    response = client.get(reverse("advice:representation") + "?x=1")

    assert response.status_code == 301
    assert response["Location"] == reverse("core:report", args=["representation"]) + "?x=1"
