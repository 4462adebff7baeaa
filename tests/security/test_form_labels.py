"""Every form of the registry, rendered in Dutch: no label says "(niet verplicht)" twice.

The NL DS template pack (templates/nlds/field.html) adds "(niet verplicht)" to the label of
every field that is not required; labels must not say it themselves.
"""

from __future__ import annotations

import re

import pytest
from crispy_forms.utils import render_crispy_form
from django.urls import reverse
from django.utils import translation

from tests.security.form_registry import REGISTRY, label

LABEL = re.compile(r"<(label|legend)\b[^>]*>(.*?)</\1>", re.S)
OPTIONAL = "niet verplicht"


def labels(html: str) -> list[str]:
    return [" ".join(re.sub(r"<[^>]+>", " ", inner).split()) for _tag, inner in LABEL.findall(html)]


def test_labels_are_found_and_the_pack_marks_optional_fields():
    from burgerkracht.accounts.forms import DeleteAccountForm

    with translation.override("nl"):
        found = labels(render_crispy_form(DeleteAccountForm()))

    assert "Waarom wil je stoppen? (niet verplicht)" in found
    assert all(text.count(OPTIONAL) <= 1 for text in found)


@pytest.mark.parametrize("form_class", sorted(REGISTRY, key=label), ids=label)
def test_no_label_says_optional_twice(world, form_class):
    doubled = []
    with translation.override("nl"):
        for kwargs in REGISTRY[form_class].variants(world):
            html = render_crispy_form(form_class(**kwargs))
            doubled += [text for text in labels(html) if text.count(OPTIONAL) > 1]

    assert doubled == []


def test_labels_that_views_give_to_forms_do_not_say_it_twice(world, client):
    """Views that pass their own question to a reason form: the question says nothing extra."""
    pages = [
        (world.lead, reverse("budget:withdraw", args=[world.app_submitted.pk])),
        (world.facilitator, reverse("budget:assess-complete", args=[world.app_assessment.pk])),
        (world.lead, reverse("budget:accountability-submit", args=[world.accountability.pk])),
        (world.lead, reverse("accounts:delete")),
    ]
    found = []
    for user, url in pages:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        found += labels(response.content.decode())

    optional = [text for text in found if OPTIONAL in text]
    assert len(optional) >= len(pages)
    assert [text for text in optional if text.count(OPTIONAL) > 1] == []
