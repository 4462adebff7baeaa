"""Demo data for `manage.py seed_demo`: a municipality, its districts, wijken, organisations
and one user per role. Idempotent: running it twice changes nothing.

Each app has its module beside this one (burgerkracht/seeding/demo/) with a `seed()`
function; the command calls them in the order of `APP_DEMOS`, which is the dependency order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.text import slugify

from burgerkracht.accounts.models import User
from burgerkracht.accounts.roles import STAFF_ROLES, Role
from burgerkracht.core.enums import OrganisationType
from burgerkracht.core.models import District, Municipality, Neighbourhood, Organisation

# Each domain app's demo data, in dependency order; each module has `seed()`.
APP_DEMOS = [
    "burgerkracht.seeding.demo.meetlat",
    "burgerkracht.seeding.demo.initiatives",
    "burgerkracht.seeding.demo.budget",
    "burgerkracht.seeding.demo.advice",
    "burgerkracht.seeding.demo.initiatives_post",
    "burgerkracht.seeding.demo.advice_dates",  # coming dates for every role's agenda (issue #27)
]

DEMO_PASSWORD = "Burgerkracht-demo-2026"  # noqa: S105 — printed for visitors; DEBUG only

DISTRICTS: dict[str, list[str]] = {
    "Stad": ["Stedenwijk", "Waterwijk", "Filmwijk", "Muziekwijk", "Kruidenwijk", "Centrum"],
    "Haven": ["Haven Centrum", "De Werven", "Overgooi"],
    "Buiten": ["Regenboogbuurt", "Bloemenbuurt", "Eilandenbuurt", "Stripheldenbuurt"],
    "Poort": ["Europakwartier", "Homeruskwartier", "Columbuskwartier"],
    "Hout": ["Vogelhorst", "Nobelhorst"],
}

ORGANISATIONS: list[tuple[str, str, bool, str]] = [
    ("Stichting WoonMere", OrganisationType.FOUNDATION, False, "Europakwartier"),
    ("Wijkteam Stedenwijk", OrganisationType.NEIGHBOURHOOD_TEAM, False, "Stedenwijk"),
    ("Wijkteam Poort", OrganisationType.NEIGHBOURHOOD_TEAM, False, "Homeruskwartier"),
    ("Stichting De Schoor", OrganisationType.CARE_WELFARE, True, "Centrum"),
    ("Cliëntenraad Samen", OrganisationType.CLIENT_ORGANISATION, True, "Centrum"),
    ("Vrijwilligerscentrale", OrganisationType.VOLUNTEER, True, "Centrum"),
    ("Ouderenbond Haven", OrganisationType.ASSOCIATION, True, "Haven Centrum"),
    ("Bewonersgroep Waterwijk", OrganisationType.RESIDENTS_GROUP, False, "Waterwijk"),
]

# One demo user per role: (e-mail, name, role, neighbourhood)
USERS: list[tuple[str, str, str, str]] = [
    ("bewoner@example.org", "Fatima de Bruin", Role.RESIDENT, "Stedenwijk"),
    ("facilitator@example.org", "Peter Jansen", Role.FACILITATOR, ""),
    ("coordinator@example.org", "Yvonne Kok", Role.FACILITATOR_COORDINATOR, ""),
    ("facilitator2@example.org", "Jeroen Dekker", Role.FACILITATOR, ""),
    ("zeggenschap@example.org", "Anouk Visser", Role.BUDGET_DECISION_HOLDER, ""),
    ("zeggenschap2@example.org", "Ahmed Yilmaz", Role.BUDGET_DECISION_HOLDER, ""),
    ("professional@example.org", "Mohamed El Amrani", Role.PROFESSIONAL, "Stedenwijk"),
    ("asd-lid@example.org", "Henk Smit", Role.ASD_MEMBER, "Waterwijk"),
    ("boplus@example.org", "Gerda Mulder", Role.BO_PLUS_REPRESENTATIVE, "Centrum"),
    ("asd-secretaris@example.org", "Ingrid Bakker", Role.ASD_SECRETARY, ""),
    ("advies-coordinator@example.org", "Ruud de Vries", Role.ADVICE_COORDINATOR, ""),
    ("raad@example.org", "Karin Hendriks", Role.READ_ONLY, ""),
    ("beheer@example.org", "Sanne Willems", Role.ADMINISTRATOR, ""),
]


@dataclass
class DemoLogin:
    email: str
    role: str
    totp_secret: str = ""
    recovery_codes: list[str] = field(default_factory=list)


@transaction.atomic
def seed_reference_data() -> None:
    municipality = Municipality.current()
    if municipality.pk is None:
        municipality.name = "Gemeente Almere"
        municipality.street_address = "Stadhuisplein 1, Almere"
        municipality.postal_address = "Postbus 200, 1300 AE Almere"
        municipality.phone = "14 036"
        municipality.email = "info@example.org"
        municipality.website = "https://www.example.org"
        municipality.privacy_officer_email = "privacy@example.org"
        municipality.letter_footer = "Gemeente Almere · Postbus 200 · 1300 AE Almere · 14 036"
        municipality.neighbourhood_budget_text = (
            "Wil je iets doen voor je straat of je hele wijk? Dan kun je ook geld vragen uit het "
            "wijkbudget. Daarover beslissen bewoners van de wijk samen."
        )
        municipality.neighbourhood_budget_url = "https://www.example.org/wijkbudgetten"
        municipality.full_clean()
        municipality.save()
    for district_name, neighbourhoods in DISTRICTS.items():
        district, _ = District.objects.get_or_create(
            slug=slugify(district_name), defaults={"name": district_name}
        )
        for neighbourhood in neighbourhoods:
            Neighbourhood.objects.get_or_create(
                slug=slugify(neighbourhood), defaults={"name": neighbourhood, "district": district}
            )
    for name, kind, bo_plus, neighbourhood in ORGANISATIONS:
        organisation, created = Organisation.objects.get_or_create(
            name=name,
            defaults={
                "type": kind,
                "is_bo_plus_member": bo_plus,
                "email": f"info@{slugify(name)}.example.org",
            },
        )
        if created:
            organisation.neighbourhoods.add(Neighbourhood.objects.get(name=neighbourhood))


# A made-up wordmark (no real municipal arms), so `make run` shows a logo in the header
# and on the letters.
DEMO_LOGO = Path(__file__).with_name("logo.svg")


def seed_logo() -> None:
    """Give the demo municipality its logo, unless it has one: through the admin's own
    form field, which checks the SVG and keeps it as the PNG that CairoSVG draws."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from burgerkracht.core.files import uploads

    municipality = Municipality.current()
    if municipality.logo:
        return
    field = uploads.SafeFileField(policy=uploads.LOGO)
    upload = SimpleUploadedFile(DEMO_LOGO.name, DEMO_LOGO.read_bytes(), "image/svg+xml")
    logo = field.clean(upload)
    municipality.logo.save(logo.name, logo, save=True)


def _ensure_second_factor(user: User) -> DemoLogin:
    login = DemoLogin(email=user.email, role="")
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is None:
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
    else:
        secret = decrypt(totp.data["secret"])
    login.totp_secret = secret
    login.recovery_codes = RecoveryCodes.activate(user).get_unused_codes()
    return login


# The audit trail (append-only) remembers that this database got its demo data, so that
# `seed_demo --once` (make run) seeds a database once and then leaves it as people changed it.
SEEDED = "demo.seeded"


def was_seeded() -> bool:
    from burgerkracht.core.models import AuditEvent

    return AuditEvent.objects.filter(action=SEEDED).exists()


def mark_seeded() -> None:
    from burgerkracht.core.models import AuditEvent

    if not was_seeded():
        AuditEvent.record(subject=Municipality.current(), actor=None, action=SEEDED)


def existing_logins() -> list[DemoLogin]:
    """The demo logins as they are now, changing nothing (a second `make run`)."""
    logins = []
    for email, _name, role, _neighbourhood in USERS:
        login = DemoLogin(email=email, role=str(Role(role).label))
        totp = Authenticator.objects.filter(user__email=email, type=Authenticator.Type.TOTP)
        codes = Authenticator.objects.filter(
            user__email=email, type=Authenticator.Type.RECOVERY_CODES
        ).first()
        if totp.exists():
            login.totp_secret = decrypt(totp.first().data["secret"])
        if codes is not None:
            login.recovery_codes = RecoveryCodes(codes).get_unused_codes()
        logins.append(login)
    return logins


@transaction.atomic
def seed_users() -> list[DemoLogin]:
    logins = []
    for email, name, role, neighbourhood in USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=name)
            if neighbourhood:
                user.neighbourhood = Neighbourhood.objects.get(name=neighbourhood)
            if role == Role.ADMINISTRATOR:
                user.is_staff = True
                user.is_superuser = True
            user.save()
        user.groups.add(Group.objects.get(name=role))
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        login = _ensure_second_factor(user) if role in STAFF_ROLES else DemoLogin(email, "")
        login.role = str(Role(role).label)
        logins.append(login)
    return logins
