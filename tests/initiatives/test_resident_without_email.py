"""SC-11: a professional registers with a resident without e-mail; the resident takes over."""

import re

import pytest
from django.contrib.auth.forms import SetPasswordForm
from django.core import mail

from budget import permissions as budget_permissions
from budget import selectors as budget_selectors
from budget import services as budget_services
from burgerkracht.accounts import claim
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent
from burgerkracht.core.services import deliver_pending
from initiatives import assisted, permissions, services
from initiatives.enums import Channel, InitiativeStatus
from tests.factories import STEP_DATA, UserFactory, open_line

pytestmark = pytest.mark.django_db

ADDRESS = {"street_address": "Stadhuisplein 1", "postal_code": "1315 hr", "city": "Almere"}


def _assisted_draft(professional):
    return services.start_initiative(
        by=professional, assisted=True, title="Koffie op het plein", channel=Channel.PHONE
    )


def _register(initiative, professional, **overrides):
    values = {"full_name": "Fatima Bakr", **ADDRESS, "channel": Channel.PHONE, "consent": True}
    return assisted.register_resident_without_email(
        initiative=initiative, by=professional, **{**values, **overrides}
    )


def test_the_resident_becomes_the_accepted_lead_without_login():
    professional = UserFactory(role="professional")
    initiative = _assisted_draft(professional)
    resident = _register(initiative, professional)
    assert resident.email is None and not resident.has_usable_password()
    assert resident.has_role("resident") and resident.gets_post
    assert resident.postal_lines == ["Fatima Bakr", "Stadhuisplein 1", "1315 HR  Almere"]
    initiative.refresh_from_db()
    assert initiative.channel == Channel.PHONE
    assert initiative.consent_recorded_by == professional
    assert assisted.offline_lead(initiative) == resident
    assert permissions.acts_for_resident(professional, initiative)
    assert permissions.can_submit(professional, initiative)
    assert AuditEvent.objects.filter(action="initiative.consent_recorded").exists()
    assert str(UserFactory.build(email=None, full_name=""))  # a name, never None


def test_registering_again_corrects_the_same_resident():
    professional = UserFactory(role="professional")
    initiative = _assisted_draft(professional)
    first = _register(initiative, professional)
    second = _register(initiative, professional, full_name="Fatima Bakr-Amrani")
    assert first.pk == second.pk
    assert initiative.initiators.filter(left_at__isnull=True).count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"consent": False}, "toestemming"),
        ({"channel": Channel.ONLINE}, "Kies hoe"),
        ({"street_address": "", "phone": ""}, "postadres of een telefoonnummer"),
        ({"full_name": " "}, "naam"),
    ],
)
def test_refusals(overrides, message):
    professional = UserFactory(role="professional")
    initiative = _assisted_draft(professional)
    with pytest.raises(DomainError, match=message):
        _register(initiative, professional, **overrides)


def test_only_the_professional_of_this_initiative():
    professional = UserFactory(role="professional")
    initiative = _assisted_draft(professional)
    with pytest.raises(DomainError):
        _register(initiative, UserFactory(role="professional"))


def test_the_professional_applies_and_sends_in_for_the_resident():
    professional = UserFactory(role="professional")
    line, _holder = open_line(allocation="5000.00")
    budget_services.open_fund(by=UserFactory(role="administrator"), fund=line.fund)
    initiative = _assisted_draft(professional)
    _register(initiative, professional)
    initiative.refresh_from_db()
    assert initiative in budget_selectors.initiatives_to_apply_for(professional)
    application = budget_services.start_application(by=professional, initiative=initiative)
    assert budget_permissions.can_edit_application(professional, application)
    for step, data in STEP_DATA.items():
        budget_services.save_application_step(
            application=application, by=professional, step=step, data=data
        )
    application = budget_services.submit_application(application=application, by=professional)
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.SUBMITTED
    assert budget_permissions.can_view_application(professional, application)
    assert application in budget_selectors.applications_followed(professional)
    assert not budget_permissions.can_view_application(
        UserFactory(role="professional"), application
    )


def test_the_consent_form_is_a_pdf():
    professional = UserFactory(role="professional", full_name="Wijkteam Wim")
    initiative = _assisted_draft(professional)
    _register(initiative, professional)
    assert assisted.consent_form_pdf(initiative=initiative).startswith(b"%PDF")


def _claim(initiative, professional, email="fatima@example.org"):
    code = claim.make_claim_code(user=assisted.offline_lead(initiative), by=professional)
    claim.request_claim(code=code.lower().replace("-", " "), email=email)
    deliver_pending()
    body = [m for m in mail.outbox if m.to == [email]][-1].body
    return re.search(r"/account/overnemen/bevestigen/([^/\s]+)/", body).group(1)


def test_the_resident_takes_over_the_same_account():
    professional = UserFactory(role="professional")
    initiative = _assisted_draft(professional)
    resident = _register(initiative, professional)
    token = _claim(initiative, professional)
    form = SetPasswordForm(
        resident,
        {"new_password1": "Een-lang-wachtwoord-2026", "new_password2": "Een-lang-wachtwoord-2026"},
    )
    assert form.is_valid()
    user = claim.confirm_claim(token=token, password_form=form)
    assert user.pk == resident.pk
    user.refresh_from_db()
    assert user.email == "fatima@example.org" and not user.gets_post
    assert user.check_password("Een-lang-wachtwoord-2026")
    assert permissions.is_lead(user, initiative)
    with pytest.raises(DomainError):  # the link works once
        claim.read_token(token)


def test_a_code_works_once_and_a_new_one_replaces_it():
    professional = UserFactory(role="professional")
    initiative = _assisted_draft(professional)
    resident = _register(initiative, professional)
    old = claim.make_claim_code(user=resident, by=professional)
    claim.make_claim_code(user=resident, by=professional)
    with pytest.raises(DomainError):
        claim.request_claim(code=old, email="x@example.org")
    with pytest.raises(DomainError):
        claim.request_claim(code="AAAA-BBBB-CCCC", email="x@example.org")
    assert not resident.claim_codes.filter(code_hash__contains="-").exists()


def test_a_taken_address_is_refused():
    professional = UserFactory(role="professional")
    initiative = _assisted_draft(professional)
    resident = _register(initiative, professional)
    other = UserFactory(role="resident")
    code = claim.make_claim_code(user=resident, by=professional)
    with pytest.raises(DomainError, match="al een account"):
        claim.request_claim(code=code, email=other.email.upper())


def test_erasing_a_resident_without_email_clears_the_address_and_the_codes():
    from burgerkracht.accounts.services import delete_account

    professional = UserFactory(role="professional")
    initiative = _assisted_draft(professional)
    resident = _register(initiative, professional)
    claim.make_claim_code(user=resident, by=professional)
    delete_account(user=resident, by=None)
    resident.refresh_from_db()
    assert (resident.full_name, resident.street_address, resident.city) == ("", "", "")
    assert not resident.claim_codes.exists()


def test_an_assisted_registration_is_with_a_professional_unless_said_otherwise():
    professional = UserFactory(role="professional")
    assert services.start_initiative(by=professional, assisted=True, title="x").channel == (
        Channel.PROFESSIONAL
    )
    resident = UserFactory(role="resident")
    assert services.start_initiative(by=resident, title="y").channel == Channel.ONLINE


def test_a_letter_to_a_resident_without_email_carries_the_postal_address():
    from types import SimpleNamespace

    from budget.services import letters

    professional = UserFactory(role="professional")
    line, _holder = open_line(allocation="5000.00")
    budget_services.open_fund(by=UserFactory(role="administrator"), fund=line.fund)
    initiative = _assisted_draft(professional)
    _register(initiative, professional)
    initiative.refresh_from_db()
    application = budget_services.start_application(by=professional, initiative=initiative)
    lead = initiative.initiators.get(role="lead")
    head = letters._letterhead(SimpleNamespace(application=application, kind="grant"), lead)
    assert head["recipient_lines"] == ["Fatima Bakr", "Stadhuisplein 1", "1315 HR  Almere"]


def test_not_logging_in_does_not_erase_a_resident_without_email_while_the_initiative_runs():
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from burgerkracht.core.privacy.purge import purge
    from initiatives.models import Initiative

    professional = UserFactory(role="professional")
    running = _assisted_draft(professional)
    resident = _register(running, professional)
    ended = _assisted_draft(professional)
    stopped = _register(ended, professional, full_name="Kees Bakr")
    Initiative.objects.filter(pk=ended.pk).update(
        status=InitiativeStatus.ENDED, result="reached", submitted_at=timezone.now(),
        ended_at=timezone.now(),
    )  # fmt: skip

    with time_machine.travel(timezone.now() + timedelta(days=4 * 365), tick=False):
        purge()

    resident.refresh_from_db()
    stopped.refresh_from_db()
    assert (resident.erased_at, resident.full_name) == (None, "Fatima Bakr")
    assert stopped.erased_at is not None and stopped.full_name == ""
