"""The language a test client reads the site in: the switch's cookie, as a visitor sets it.

The browser's Accept-Language is ignored (Dutch by default, issue #24)."""

from django.conf import settings


def in_language(client, language: str = "en"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client
