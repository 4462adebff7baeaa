import pytest
from django.urls import reverse

from tests.security.matrix import MATRIX

pytestmark = pytest.mark.django_db

URL_NAMES = [*sorted(MATRIX), "not-found", "admin:index"]


def _url(name, world):
    if name == "not-found":
        return "/bestaat-niet/"
    entry = MATRIX.get(name)
    return reverse(name, kwargs=entry.url_kwargs(world) if entry else {})


def _assert_security_headers(response):
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("name", URL_NAMES)
def test_every_response_carries_security_headers_anonymous(client, world, name):
    _assert_security_headers(client.get(_url(name, world), secure=True))


@pytest.mark.parametrize("name", URL_NAMES)
def test_every_response_carries_security_headers_logged_in(client, world, name):
    client.force_login(world.facilitator)

    _assert_security_headers(client.get(_url(name, world), secure=True))


def test_plain_http_is_redirected_to_https_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/", secure=False)

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"


def test_production_settings_are_secure_without_any_environment():
    import subprocess
    import sys

    code = (
        "from burgerkracht.settings import base as b; "
        "print(b.DEBUG, b.SESSION_COOKIE_SECURE, b.CSRF_COOKIE_SECURE, b.SECURE_SSL_REDIRECT, "
        "b.SECURE_HSTS_SECONDS, b.SESSION_ENGINE)"
    )
    # The two settings production cannot guess: the secret and the database.
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SECRET_KEY": "only-this-is-set",
        "DATABASE_URL": "postgres://portal@db.example/burgerkracht",
    }
    without_database = subprocess.run(
        [sys.executable, "-c", code], env={k: v for k, v in env.items() if k != "DATABASE_URL"},
        capture_output=True,
        text=True,
    )  # fmt: skip

    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()

    assert without_database.returncode != 0
    assert "DATABASE_URL" in without_database.stderr

    assert out == [
        "False",
        "True",
        "True",
        "True",
        "31536000",
        "django.contrib.sessions.backends.db",
    ]
