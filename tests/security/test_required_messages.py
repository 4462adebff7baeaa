"""Every resident's form says, when a required field is left empty, which field and what to
do ("Vul 'Wat is het doel?' in."), never Django's bare "Dit veld is verplicht." (issue #24)."""

from __future__ import annotations

import pytest
from django.utils import translation

import budget.forms.application as budget_application
import initiatives.forms as initiatives
from tests.security.form_registry import REGISTRY, label

# The resident's forms: every saved step of the intake, the application and the follow-up
# (they share initiatives.StepForm), and starting an application and adding a file.
RESIDENT_FORMS = sorted(
    (
        form_class
        for form_class in REGISTRY
        if issubclass(form_class, initiatives.StepForm)
        or form_class in (budget_application.NewApplicationForm, budget_application.AttachmentForm)
    ),
    key=label,
)
BARE = "Dit veld is verplicht."


def test_the_resident_forms_are_found():
    assert budget_application.MoneyForm in RESIDENT_FORMS
    assert initiatives.Step1Form in RESIDENT_FORMS
    assert len(RESIDENT_FORMS) >= 10


@pytest.mark.parametrize("form_class", RESIDENT_FORMS, ids=label)
def test_a_required_field_left_empty_names_itself(world, form_class):
    checked = 0
    with translation.override("nl"):
        for kwargs in REGISTRY[form_class].variants(world):
            if kwargs.get("partial"):
                continue
            form = form_class(data={}, files={}, **kwargs)
            form.is_valid()
            for name, field in form.fields.items():
                if not field.required:
                    continue
                errors = form.errors.get(name, [])
                assert errors, (form_class, name)
                assert BARE not in errors, (form_class, name)
                assert str(field.label).strip() in errors[0], (form_class, name, errors)
                checked += 1
    assert checked, form_class


def test_the_message_says_what_to_do():
    with translation.override("nl"):
        form = budget_application.GoalForm(data={})
        form.is_valid()
        assert form.errors["goal"] == ["Vul \u2018Wat is het doel?\u2019 in."]
        form = budget_application.NewApplicationForm(data={}, initiatives=[])
        form.is_valid()
        assert form.errors["initiative"][0].startswith("Kies een antwoord bij \u2018")


def test_the_error_summary_does_not_repeat_a_label_the_message_already_names():
    from django import forms
    from django.template.loader import render_to_string

    from burgerkracht.core.forms import NamedRequiredMixin

    class Form(NamedRequiredMixin, forms.Form):
        goal = forms.CharField(label="Wat is het doel?")
        amount = forms.IntegerField(label="Bedrag")

    with translation.override("nl"):
        form = Form(data={"goal": "", "amount": "veel"})
        assert not form.is_valid()
        html = render_to_string("nlds/errors.html", {"form": form})

    links = [line.strip() for line in html.splitlines() if "utrecht-link" in line]
    assert "Vul \u2018Wat is het doel?\u2019 in.</a>" in links[0]
    assert ">Wat is het doel?" not in links[0]  # the message names the field itself
    assert ">Bedrag: Voer een geheel getal in.</a>" in links[1]  # a message that does not
