"""Applications already waiting for a decision before deciders came get one by the rule for
new ones (budget migration 0017); decided applications are left alone."""

import importlib

import pytest
from django.apps import apps

from budget.enums import ApplicationStatus as S
from budget.models import Application
from tests.factories import UserFactory, application_in

pytestmark = pytest.mark.django_db
migration = importlib.import_module("budget.migrations.0017_decider_of_waiting_applications")


def test_a_waiting_application_gets_the_first_active_holder_by_name():
    waiting = application_in(S.AWAITING_DECISION)
    granted = application_in(S.GRANTED)
    line = waiting.line
    line.decision_holders.set([
        UserFactory(role="budget_decision_holder", full_name="Bram Bos"),
        UserFactory(role="budget_decision_holder", full_name="Aart Aal", is_active=False),
        UserFactory(role="budget_decision_holder", full_name="Bea Berg"),
    ])  # fmt: skip
    Application.objects.filter(pk__in=[waiting.pk, granted.pk]).update(decider=None)

    migration.pin_deciders(apps, None)

    # Aart Aal comes first by name but has left: Bea Berg (before Bram Bos) decides.
    assert Application.objects.get(pk=waiting.pk).decider.full_name == "Bea Berg"
    assert Application.objects.get(pk=granted.pk).decider is None
