import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command

from burgerkracht.accounts.models import User
from burgerkracht.accounts.roles import STAFF_ROLES, Role
from burgerkracht.core.models import District, Municipality, Neighbourhood, Organisation

pytestmark = pytest.mark.django_db


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError):
        call_command("seed_demo")


def test_seed_demo_is_idempotent_and_covers_every_role(settings, capsys):
    settings.DEBUG = True

    call_command("seed_demo")
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


def test_seed_demo_has_applications_in_every_status_and_both_choirs(settings):
    from budget.enums import ApplicationStatus
    from budget.models import Application

    settings.DEBUG = True

    call_command("seed_demo")

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


def test_seed_demo_has_grants_at_every_stage_after_the_decision(settings):
    from budget.enums import AccountabilityStatus, Continuation, EvaluationStatus
    from budget.models import Accountability, Evaluation

    settings.DEBUG = True

    call_command("seed_demo")

    decided = Evaluation.objects.filter(status=EvaluationStatus.DECIDED)
    assert set(decided.values_list("outcome", flat=True)) == set(Continuation.values)
    assert Evaluation.objects.filter(status=EvaluationStatus.RECORDED).exists()
    assert Evaluation.objects.filter(
        status=EvaluationStatus.PLANNED, visit_on__isnull=False
    ).exists()
    settled = Accountability.objects.filter(status=AccountabilityStatus.SETTLED)
    assert set(settled.values_list("result_reached", flat=True)) == {"yes", "no"}
    assert Accountability.objects.filter(status=AccountabilityStatus.SUBMITTED).count() == 1
