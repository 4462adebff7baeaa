"""Every message a resident can meet on the account pages and in our forms is Dutch.

A message is English when it matches one of the English msgids of Django's or allauth's
catalogues (placeholders match anything). Those catalogues list every text the packages can
show, so a msgid that the Dutch catalogues lack (as Django 5.2's new "too short" message)
shows up here as English text on the page.
"""

import html
import re
from functools import cache
from pathlib import Path

import allauth
import django
import polib
import pytest
from django import forms
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from budget.forms.followup import ReceiptForm
from burgerkracht.accounts.forms import DeleteAccountForm, ProfileForm
from burgerkracht.core.services import deliver_pending
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

CATALOGUES = [
    Path(django.__file__).parent / "conf/locale/en/LC_MESSAGES/django.po",
    Path(django.__file__).parent / "contrib/auth/locale/en/LC_MESSAGES/django.po",
    Path(allauth.__file__).parent / "locale/en/LC_MESSAGES/django.po",
]
PLACEHOLDER = re.compile(r"%\\\([a-z_]+\\\)[sdr]|%[sdr]|\\\{[a-z_]*\\\}")


def _pattern(msgid: str) -> str:
    return PLACEHOLDER.sub(".+?", re.escape(" ".join(msgid.split())))


@cache
def english() -> re.Pattern:
    """The English sentences of the packages: msgids of three words or more."""
    msgids = set()
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            for msgid in (entry.msgid, entry.msgid_plural):
                if len(msgid.split()) >= 3:
                    msgids.add(_pattern(msgid))
    return re.compile("|".join(sorted(msgids, key=len, reverse=True)))


def text_of(response) -> str:
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def assert_dutch(text: str, *expected: str) -> None:
    found = english().search(text)
    assert found is None, f"English text on a Dutch page: {found.group(0)!r}"
    for dutch in expected:
        assert dutch in text


def test_a_missing_dutch_msgid_is_caught():
    # The guard itself: Django's own English text is recognised, with its number filled in.
    assert english().search("This password is too short. It must contain at least 10 characters.")
    assert english().search("Dit wachtwoord is te kort.") is None


@pytest.mark.parametrize(
    ("password1", "password2", "dutch"),
    [
        ("kort", "kort", "Dit wachtwoord is te kort. Gebruik minstens 10 tekens."),
        ("1234567890123", "1234567890123", "Dit wachtwoord bevat alleen cijfers."),
        ("password123", "password123", "Dit wachtwoord is te algemeen."),
        ("nieuw@example.org", "nieuw@example.org", "lijkt te veel op"),
        ("een-heel-goed-wachtwoord", "een-ander-wachtwoord", "hetzelfde wachtwoord twee keer"),
    ],
)
def test_sign_up_password_errors_are_dutch(client, password1, password2, dutch):
    response = client.post(
        reverse("account_signup"),
        {"email": "nieuw@example.org", "password1": password1, "password2": password2},
    )

    assert response.status_code == 200
    assert_dutch(text_of(response), dutch)


def test_sign_up_field_errors_are_dutch(client):
    UserFactory(email="bestaat@example.org")
    empty = client.post(reverse("account_signup"), {})
    invalid = client.post(reverse("account_signup"), {"email": "geen-adres"})
    taken = client.post(
        reverse("account_signup"),
        {"email": "bestaat@example.org", "password1": "x" * 12, "password2": "x" * 12},
        follow=True,
    )

    assert_dutch(text_of(empty), "Dit veld is verplicht.")
    assert_dutch(text_of(invalid), "Voer een geldig e-mailadres in.")
    # allauth does not tell that the address exists (it mails its owner): the page is Dutch.
    assert_dutch(text_of(taken))


def test_login_failures_are_dutch(client):
    UserFactory(email="bewoner@example.org")
    wrong = client.post(
        reverse("account_login"), {"login": "bewoner@example.org", "password": "fout"}
    )
    unknown = client.post(
        reverse("account_login"), {"login": "niemand@example.org", "password": "fout"}
    )
    empty = client.post(reverse("account_login"), {})
    code = client.post(reverse("account_request_login_code"), {"email": "geen-adres"})

    for response in (wrong, unknown):
        assert_dutch(text_of(response), "e-mailadres en/of wachtwoord is niet correct.")
    assert_dutch(text_of(empty), "Dit veld is verplicht.")
    assert_dutch(text_of(code), "Voer een geldig e-mailadres in.")


def test_password_change_errors_are_dutch(client):
    client.force_login(UserFactory(email="bewoner@example.org"))
    url = reverse("account_change_password")
    wrong_old = client.post(
        url, {"oldpassword": "fout", "password1": "x" * 12, "password2": "x" * 12}
    )
    short = {"oldpassword": PASSWORD, "password1": "kort", "password2": "kort"}
    too_short = client.post(url, short)
    changed = client.post(
        url,
        {"oldpassword": PASSWORD, "password1": "nieuw-lang-ww-1", "password2": "nieuw-lang-ww-1"},
        follow=True,
    )

    assert_dutch(text_of(wrong_old), "Geef je huidige wachtwoord op.")
    assert_dutch(text_of(too_short), "Dit wachtwoord is te kort. Gebruik minstens 10 tekens.")
    assert_dutch(text_of(changed), "Wachtwoord wijziging geslaagd.")


def test_password_reset_is_dutch_from_request_to_new_password(client):
    UserFactory(email="vergeten@example.org")
    invalid = client.post(reverse("account_reset_password"), {"email": "geen-adres"})
    sent = client.post(
        reverse("account_reset_password"), {"email": "vergeten@example.org"}, follow=True
    )
    deliver_pending()
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    form_page = client.get(link.group(1), follow=True)
    too_short = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1),
        {"password1": "kort", "password2": "kort"},
    )
    bad_key = client.get("/accounts/password/reset/key/1-ongeldig/", follow=True)

    assert_dutch(text_of(invalid), "Voer een geldig e-mailadres in.")
    assert_dutch(text_of(sent))
    assert_dutch(text_of(too_short), "Dit wachtwoord is te kort. Gebruik minstens 10 tekens.")
    assert_dutch(text_of(bad_key))
    assert "Dit wachtwoord is te kort" not in mail.outbox[0].body


def test_email_verification_pages_are_dutch(client):
    client.post(
        reverse("account_signup"),
        {"email": "nieuw@example.org", "password1": "x" * 12, "password2": "x" * 12},
    )
    sent = client.get(reverse("account_email_verification_sent"))
    bad_key = client.get(reverse("account_confirm_email", args=["ongeldig"]))
    deliver_pending()

    assert_dutch(text_of(sent))
    assert_dutch(text_of(bad_key))
    assert english().search(" ".join(mail.outbox[0].body.split())) is None


class EveryKind(forms.Form):
    """Django's own field errors, as any of our forms can raise them."""

    email = forms.EmailField()
    name = forms.CharField(max_length=5)
    number = forms.IntegerField(min_value=1)
    amount = forms.DecimalField(max_digits=4, decimal_places=2)
    day = forms.DateField()
    kind = forms.ChoiceField(choices=[("a", "A")])
    upload = forms.FileField()


def _errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def test_form_field_errors_are_dutch():
    with translation.override("nl"):
        every = EveryKind(
            data={"email": "x", "name": "te lang", "number": "0", "amount": "123,456",
                  "day": "gisteren", "kind": "b"},
            files={"upload": SimpleUploadedFile("leeg.pdf", b"")},
        )  # fmt: skip
        required = DeleteAccountForm(data={})
        profile = ProfileForm(data={"full_name": "x" * 300, "neighbourhood": "999999"})
        empty = ReceiptForm(files={"file": SimpleUploadedFile("bon.pdf", b"")})
        wrong = ReceiptForm(files={"file": SimpleUploadedFile("bon.pdf", b"MZ\x90\x00" * 50)})

        texts = [_errors(f) for f in (every, required, profile, empty, wrong)]

    for text in texts:
        assert text
        assert_dutch(text)
    assert "Voer een geldig e-mailadres in." in texts[0]
    assert "Het verstuurde bestand is leeg." in texts[0]
    assert "Selecteer een geldige keuze. Deze keuze is niet beschikbaar." in texts[2]
    assert "Zorg dat deze waarde niet meer dan 150 tekens bevat" in texts[2]
