import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command
from django.test import override_settings

from burgerkracht.accounts.models import User
from burgerkracht.accounts.roles import STAFF_ROLES, Role
from burgerkracht.core.models import District, Municipality, Neighbourhood, Organisation
from tests.module_data import built_once

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _seeded(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, _seed_demo)


def _seed_demo():
    with override_settings(DEBUG=True):
        call_command("seed_demo")


@pytest.fixture
def seeded(_seeded, db):
    """`manage.py seed_demo` on the empty database, run once for this module (it takes a third
    of a minute); each test reads it in its own savepoint."""


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError):
        call_command("seed_demo")


def test_seed_demo_is_idempotent_and_covers_every_role(seeded, settings, capsys):
    settings.DEBUG = True

    counts = [
        Model.objects.count()
        for Model in (Municipality, District, Neighbourhood, Organisation, User, Authenticator)
    ]
    call_command("seed_demo")
    again = [
        Model.objects.count()
        for Model in (Municipality, District, Neighbourhood, Organisation, User, Authenticator)
    ]

    assert counts == again
    roles = {name for user in User.objects.all() for name in user.role_names}
    assert roles == set(Role.values)
    staff_without_mfa = [
        u.email
        for u in User.objects.all()
        if u.role_names & STAFF_ROLES
        and not Authenticator.objects.filter(user=u, type="totp").exists()
    ]
    assert staff_without_mfa == []
    output = capsys.readouterr().out
    assert "TOTP secret:" in output
    assert "recovery codes:" in output


def test_seed_demo_has_applications_in_every_status_and_both_choirs(seeded):
    from budget.enums import ApplicationStatus
    from budget.models import Application

    statuses = set(Application.objects.values_list("status", flat=True))
    assert statuses == set(ApplicationStatus.values)
    dementia = Application.objects.get(initiative__title="Koor voor mensen met geheugenproblemen")
    seniors = Application.objects.get(initiative__title="Seniorenkoor De Zonnebloem")
    assert dementia.status == ApplicationStatus.GRANTED
    assert dementia.award.amount == dementia.granted_amount
    assert "middel" in dementia.decision.reasons
    assert seniors.status == ApplicationStatus.REJECTED
    assert seniors.decision.reasons and seniors.alternatives
    assert {letter.kind for letter in Application.objects.get(pk=seniors.pk).letters.all()} == {
        "rejection"
    }


def test_seed_demo_has_grants_at_every_stage_after_the_decision(seeded):
    from budget.enums import AccountabilityStatus, Continuation, EvaluationStatus
    from budget.models import Accountability, Evaluation

    decided = Evaluation.objects.filter(status=EvaluationStatus.DECIDED)
    assert set(decided.values_list("outcome", flat=True)) == set(Continuation.values)
    assert Evaluation.objects.filter(status=EvaluationStatus.RECORDED).exists()
    assert Evaluation.objects.filter(
        status=EvaluationStatus.PLANNED, visit_on__isnull=False
    ).exists()
    settled = Accountability.objects.filter(status=AccountabilityStatus.SETTLED)
    assert set(settled.values_list("result_reached", flat=True)) == {"yes", "no"}
    assert Accountability.objects.filter(status=AccountabilityStatus.SUBMITTED).count() == 1
