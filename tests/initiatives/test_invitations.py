"""An invitation is not a bearer token: only the resident it was sent to accepts it, before
it expires; an expired one is sent again to the same address (issue #23)."""

import re
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.services import deliver_pending
from initiatives import invitations
from tests.factories import InitiativeFactory, InitiatorFactory, UserFactory

pytestmark = pytest.mark.django_db

INVITED = "buur@example.org"


@pytest.fixture
def invitation():
    initiative = InitiativeFactory(active=True)
    return InitiatorFactory(
        initiative=initiative, user=None, email=INVITED, invited_at=timezone.now()
    )


def _later(days):
    return time_machine.travel(timezone.now() + timedelta(days=days))


def test_the_invited_resident_accepts(invitation):
    resident = UserFactory(email="Buur@Example.org", role="resident")

    invitations.accept_invitation(token=invitation.token, user=resident)

    invitation.refresh_from_db()
    assert invitation.user == resident


@pytest.mark.parametrize(
    "who",
    [
        pytest.param({"role": "resident"}, id="another resident with the link"),
        pytest.param({"role": "facilitator", "email": INVITED}, id="staff with that address"),
        pytest.param(
            {"role": "resident", "email": INVITED, "verified_email": False}, id="unverified"
        ),
    ],
)
def test_anyone_else_with_the_link_is_refused(invitation, who):
    person = UserFactory(**who)
    if who.get("verified_email") is False:
        EmailAddress.objects.create(user=person, email=person.email, verified=False, primary=True)

    with pytest.raises(DomainError):
        invitations.accept_invitation(token=invitation.token, user=person)

    invitation.refresh_from_db()
    assert (invitation.user, invitation.accepted_at) == (None, None)


def test_an_invitation_expires_after_the_configured_days(invitation, settings):
    settings.INVITATION_VALID_DAYS = 30
    resident = UserFactory(email=INVITED, role="resident")

    with _later(31), pytest.raises(DomainError, match="verlopen"):
        invitations.accept_invitation(token=invitation.token, user=resident)
    with _later(29):
        invitations.accept_invitation(token=invitation.token, user=resident)


def test_an_expired_invitation_is_sent_again_to_the_same_address_only(invitation):
    someone = UserFactory(role="resident")
    old_token = invitation.token
    with pytest.raises(DomainError):  # still valid: nothing to renew
        invitations.renew_invitation(token=old_token, by=someone)

    with _later(31):
        renewed = invitations.renew_invitation(token=old_token, by=someone)
        deliver_pending()

    sent = [m for m in mail.outbox if m.to == [INVITED]]
    assert [m for m in mail.outbox if m.to == [someone.email]] == []
    assert len(sent) == 1
    assert str(renewed.token) in sent[0].body
    assert renewed.token != old_token
    with _later(31):
        invitations.accept_invitation(
            token=renewed.token, user=UserFactory(email=INVITED, role="resident")
        )


def test_the_page_of_an_expired_invitation_offers_a_new_one(client, invitation):
    url = reverse("initiatives:invitation", args=[invitation.token])

    with _later(31):
        client.force_login(UserFactory(role="resident"))
        page = client.get(url).content.decode()
        response = client.post(url, {"renew": "1"}, follow=True)
        deliver_pending()
        gone = client.get(url).status_code
        body = next(m.body for m in mail.outbox if m.to == [INVITED])
        new_token = re.search(r"/initiatieven/uitnodiging/([0-9a-f-]{36})/", body).group(1)
        new = client.get(reverse("initiatives:invitation", args=[new_token])).status_code

    assert "Stuur mij een nieuwe uitnodiging" in page
    assert "Ja, ik doe mee" not in page
    assert response.redirect_chain[-1][0] == reverse("core:dashboard")
    assert (gone, new) == (404, 200)  # the old link is gone, the new one opens


def test_a_staff_member_with_the_link_sees_a_refusal_and_joins_nothing(client, invitation):
    client.force_login(UserFactory(role="facilitator", email=INVITED))
    url = reverse("initiatives:invitation", args=[invitation.token])

    response = client.post(url, follow=True)

    assert "Alleen een bewoner kan een uitnodiging aannemen" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.user is None
