"""The letter texts in the management screens (issue #26): only administrators see, write,
preview and activate them; a save is a new version; a bad placeholder is refused in Dutch."""

import subprocess

import pytest
from django.urls import reverse

from budget.models import LetterText
from budget.services.letter_texts import ensure_default_letter_texts
from burgerkracht.core.models import AuditEvent
from tests.factories import UserFactory
from tests.security.matrix import ADMIN_ONLY, ANONYMOUS, ROLES

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:budget_lettertext_changelist"


@pytest.fixture(autouse=True)
def texts():
    ensure_default_letter_texts()


def _objection():
    return LetterText.objects.get(block="objection", language="nl", is_active=True)


def _pages():
    text = _objection()
    return [
        reverse(CHANGELIST),
        reverse("admin:budget_lettertext_add"),
        reverse("admin:budget_lettertext_change", args=[text.pk]),
        reverse("admin:budget_lettertext_preview", args=[text.pk]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_reach_the_letter_texts_and_the_preview(client, role):
    if role != ANONYMOUS:
        client.force_login(UserFactory(role=role))
    for url in _pages():
        response = client.get(url, follow=True)
        if role == ANONYMOUS:
            assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
        else:
            assert response.status_code == ADMIN_ONLY[role], url


@pytest.mark.parametrize("role", [r for r in ROLES if r not in (ANONYMOUS, "administrator")])
def test_nobody_else_can_post_a_text_or_activate_one(client, role):
    client.force_login(UserFactory(role=role))
    client.post(reverse("admin:budget_lettertext_add"),
                {"block": "objection", "language": "nl", "body": "Anders."})  # fmt: skip
    client.post(reverse(CHANGELIST), {"action": "make_active", "_selected_action": [1]})
    assert LetterText.objects.count() == 12
    assert not LetterText.objects.filter(body="Anders.").exists()


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(role="administrator"))
    return client


def test_a_save_with_an_unknown_placeholder_is_refused_in_dutch(admin_client):
    response = admin_client.post(
        reverse("admin:budget_lettertext_add"),
        {"block": "objection", "language": "nl", "body": "Binnen {termijn} weken."},
    )
    assert response.status_code == 200
    assert "{termijn} is geen gegeven dat in een brief kan staan" in response.content.decode()
    assert LetterText.objects.count() == 12


def test_editing_makes_a_new_version_that_is_used_after_activating(admin_client):
    old = _objection()
    response = admin_client.post(
        reverse("admin:budget_lettertext_change", args=[old.pk]),
        {"body": "Niet eens? Binnen {bezwaartermijn_weken} weken.", "reason": "Korter."},
    )
    assert response.status_code == 302
    new = LetterText.objects.get(block="objection", language="nl", version=2)
    assert new.body == "Niet eens? Binnen {bezwaartermijn_weken} weken." and not new.is_active
    old.refresh_from_db()
    assert old.is_active and old.body != new.body  # the old version never changes
    assert AuditEvent.objects.filter(action="letter_text.write", reason="Korter.").exists()

    preview = admin_client.get(reverse("admin:budget_lettertext_preview", args=[new.pk]))
    assert preview["Content-Type"] == "application/pdf"
    result = subprocess.run(
        ["pdftotext", "-", "-"], input=preview.content, capture_output=True, check=True
    )
    assert "Niet eens? Binnen 6 weken." in " ".join(result.stdout.decode().split())
    assert not LetterText.objects.get(pk=new.pk).is_active  # a preview changes nothing

    admin_client.post(reverse(CHANGELIST), {"action": "make_active", "_selected_action": [new.pk]})
    assert _objection() == new
    assert AuditEvent.objects.filter(action="letter_text.activate").count() == 1


def test_two_versions_of_one_text_cannot_be_activated_at_once(admin_client):
    old = _objection()
    admin_client.post(reverse("admin:budget_lettertext_change", args=[old.pk]), {"body": "Twee."})
    new = LetterText.objects.get(block="objection", language="nl", version=2)
    admin_client.post(
        reverse(CHANGELIST), {"action": "make_active", "_selected_action": [old.pk, new.pk]}
    )
    assert _objection() == old


@pytest.mark.parametrize("block", ["grant", "rejection", "amendment", "amended_award", "closing"])
def test_every_block_has_a_preview(admin_client, block):
    for language in ("nl", "en"):
        text = LetterText.objects.get(block=block, language=language)
        response = admin_client.get(reverse("admin:budget_lettertext_preview", args=[text.pk]))
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
