import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from burgerkracht.accounts.models import User
from burgerkracht.core.models import AuditEvent, OutboxMessage
from burgerkracht.core.services import deliver_pending
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _sign_up(client, email="nieuw@example.org"):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "password1": "een-heel-goed-wachtwoord",
            "password2": "een-heel-goed-wachtwoord",
        },
    )


def test_sign_up_creates_a_resident_and_queues_verification_mail(client):
    response = _sign_up(client)

    user = User.objects.get(email="nieuw@example.org")
    assert response.status_code == 302
    assert user.role_names == frozenset({"resident"})
    assert OutboxMessage.objects.filter(to=["nieuw@example.org"]).count() == 1
    assert AuditEvent.objects.for_subject(user).get().action == "account.signed_up"


def test_verification_link_from_the_mail_confirms_the_address(client, settings):
    settings.SITE_URL = "https://portal.example.org"
    _sign_up(client)
    deliver_pending()
    link = re.search(
        r"https://portal\.example\.org(/accounts/confirm-email/[^\s]+)", mail.outbox[0].body
    )

    client.post(link.group(1))

    assert EmailAddress.objects.get(email="nieuw@example.org").verified is True


def test_links_in_account_mail_follow_site_url_not_the_host_that_served_the_page(client, settings):
    """Production: SITE_URL, whatever Host header reached the server; make run: SITE_URL is
    http://localhost:<PORT> (settings/dev.py, tests/core/test_make_run.py)."""
    settings.SITE_URL = "https://portal.example.org"
    UserFactory(email="vergeten@example.org")
    client.defaults["HTTP_HOST"] = "127.0.0.1"
    _sign_up(client)
    client.post(reverse("account_reset_password"), {"email": "vergeten@example.org"})
    client.post(reverse("account_reset_password"), {"email": "onbekend@example.org"})
    deliver_pending()

    bodies = {message.to[0]: message.body for message in mail.outbox}
    links = {to: re.findall(r"https?://[^\s/]+/[^\s]*", body) for to, body in bodies.items()}
    assert set(links) == {"nieuw@example.org", "vergeten@example.org", "onbekend@example.org"}
    assert all(links.values()), links
    assert {link.split("/accounts/")[0] for found in links.values() for link in found} == {
        "https://portal.example.org"
    }
    assert "127.0.0.1" not in "".join(bodies.values())


def test_unverified_user_cannot_log_in(client):
    UserFactory(email="onbevestigd@example.org", verified_email=False)

    response = client.post(
        reverse("account_login"), {"login": "onbevestigd@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_verified_resident_logs_in_and_lands_on_dashboard(client):
    UserFactory(email="bewoner@example.org", role="resident")

    response = client.post(
        reverse("account_login"), {"login": "bewoner@example.org", "password": PASSWORD}
    )

    assert response["Location"] == reverse("core:dashboard")


def test_email_login_is_case_insensitive(client):
    UserFactory(email="bewoner@example.org", role="resident")

    response = client.post(
        reverse("account_login"), {"login": "Bewoner@Example.org", "password": PASSWORD}
    )

    assert response["Location"] == reverse("core:dashboard")


def test_staff_login_asks_for_second_factor(client):
    UserFactory(email="ambtenaar@example.org", role="facilitator")

    response = client.post(
        reverse("account_login"), {"login": "ambtenaar@example.org", "password": PASSWORD}
    )

    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_login_by_code_from_the_mail_logs_in(client):
    user = UserFactory(email="code@example.org", role="resident")
    client.post(reverse("account_request_login_code"), {"email": "code@example.org"})
    deliver_pending()
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", mail.outbox[0].body).group(1)

    client.post(reverse("account_confirm_login_code"), {"code": code})

    assert client.session["_auth_user_id"] == str(user.pk)


def test_mails_are_signed_with_the_municipality_name(client):
    from burgerkracht.core.models import Municipality

    Municipality.objects.create(name="Gemeente Voorbeeld")
    _sign_up(client)
    deliver_pending()

    assert "Gemeente Voorbeeld" in mail.outbox[0].body
    assert "testserver!" not in mail.outbox[0].body


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "10/m/ip,3/5m/key"})
def test_failed_logins_are_throttled_per_account(client):
    UserFactory(email="doelwit@example.org", role="resident")
    for _ in range(3):
        client.post(reverse("account_login"), {"login": "doelwit@example.org", "password": "fout"})

    response = client.post(
        reverse("account_login"), {"login": "doelwit@example.org", "password": PASSWORD}
    )

    assert response.status_code == 200  # the form again, with the throttle message
    assert "_auth_user_id" not in client.session


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "10/m/ip,3/5m/key"})
def test_the_owner_of_a_throttled_account_gets_in_with_a_code_by_mail(client):
    """Five wrong passwords from a stranger slow the account down; they are no wall for its
    owner, who is told to log in with a code and can."""
    user = UserFactory(email="doelwit@example.org", role="resident")
    for _ in range(3):
        client.post(reverse("account_login"), {"login": user.email, "password": "fout"})

    refused = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("account_request_login_code"), {"email": user.email})
    deliver_pending()
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", mail.outbox[-1].body).group(1)
    client.post(reverse("account_confirm_login_code"), {"code": code})

    assert "log dan in met een code" in refused.content.decode()
    assert client.session["_auth_user_id"] == str(user.pk)


def _fail_from(client, addresses, **headers):
    for n, address in enumerate(addresses):
        client.post(
            reverse("account_login"),
            {"login": f"ander{n}@example.org", "password": "fout"},
            HTTP_X_FORWARDED_FOR=address,
            **headers,
        )


@override_settings(
    ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip,100/5m/key"}, ALLAUTH_TRUSTED_PROXY_COUNT=1
)
def test_behind_a_trusted_proxy_the_limit_counts_the_client_not_the_proxy(client):
    """All requests come from the proxy's socket; without the setting three wrong passwords
    from anywhere would lock everyone out."""
    user = UserFactory(email="doelwit@example.org", role="resident")
    _fail_from(client, ["10.0.0.1", "10.0.0.1", "10.0.0.1"])

    still_refused = client.post(
        reverse("account_login"),
        {"login": user.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="10.0.0.1",
    )
    assert "_auth_user_id" not in client.session
    client.post(
        reverse("account_login"),
        {"login": user.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="spoofed, 10.0.0.2",
    )

    assert still_refused.status_code in (200, 429)
    assert client.session["_auth_user_id"] == str(user.pk)


@override_settings(
    ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip,100/5m/key"}, ALLAUTH_TRUSTED_PROXY_COUNT=2
)
def test_a_shorter_x_forwarded_for_than_configured_counts_the_peer(client):
    user = UserFactory(email="doelwit@example.org", role="resident")
    _fail_from(client, ["10.0.0.1", "10.0.0.2", "10.0.0.3"])

    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="10.0.0.4",
    )

    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip,100/5m/key"})
def test_failed_logins_are_throttled_per_ip_whatever_x_forwarded_for_says(client):
    UserFactory(email="doelwit@example.org", role="resident")
    for n in range(3):
        client.post(
            reverse("account_login"),
            {"login": f"ander{n}@example.org", "password": "fout"},
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        )

    response = client.post(
        reverse("account_login"),
        {"login": "doelwit@example.org", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="10.0.0.99",
    )

    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)
