"""Point the portal's DigiD, eHerkenning and staff SSO at the test broker of `make broker`
(tests/oidc), for a try-out with `make run`. DEBUG only: the test broker logs anyone in."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from burgerkracht.accounts.models import LoginMethod
from burgerkracht.accounts.roles import Role

LABELS = {
    LoginMethod.Kind.DIGID: "Inloggen met DigiD",
    LoginMethod.Kind.EHERKENNING: "Inloggen met eHerkenning",
    LoginMethod.Kind.STAFF: "Inloggen als medewerker",
}

# The test broker's officials are in this group (tests/oidc/users.mjs); without a role from
# it the portal knows neither of them and "Inloggen als medewerker" goes nowhere.
STAFF_ROLES = {
    "claim_roles": "groups",
    "role_mapping": {"subsidies-behandelaars": Role.FACILITATOR.value},
}


class Command(BaseCommand):
    help = "Switch DigiD, eHerkenning and staff SSO on against `make broker` (DEBUG only)."

    def add_arguments(self, parser):
        parser.add_argument("--issuer", default="http://127.0.0.1:8900")
        parser.add_argument("--off", action="store_true", help="switch the three off again")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("use_test_broker only runs with DEBUG on.")
        for kind, label in LABELS.items():
            method, _created = LoginMethod.objects.update_or_create(
                kind=kind,
                defaults={
                    "enabled": not options["off"],
                    "label": label,
                    "server_url": options["issuer"],
                    "client_id": kind,
                    "scope": "openid profile email",
                    "claim_organisation": "organisation_name" if kind == "eherkenning" else "",
                    **(STAFF_ROLES if kind == LoginMethod.Kind.STAFF else {}),
                },
            )
            state = "off" if options["off"] else f"on, secret from {method.secret_variable}"
            self.stdout.write(f"{label}: {options['issuer']} ({state})")
