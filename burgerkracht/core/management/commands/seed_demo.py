from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from burgerkracht.seeding.demo import core as demo


class Command(BaseCommand):
    help = "Create demo data and one login per role (idempotent; refuses when DEBUG is off)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the logins.")
        parser.add_argument(
            "--once",
            action="store_true",
            help="Seed only a database that never got the demo data (make run); a later run "
            "keeps what people changed and only prints the logins.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo only runs with DEBUG on: it creates known passwords.")
        if options["once"] and demo.was_seeded():
            logins = demo.existing_logins()
            self.stdout.write("Demo data from an earlier run kept (seed_demo --once).")
        else:
            demo.seed_reference_data()
            demo.seed_logo()
            logins = demo.seed_users()
            for module in demo.APP_DEMOS:
                import_module(module).seed()
            demo.mark_seeded()
        if options["quiet_logins"]:
            return
        self.stdout.write(self.style.SUCCESS("Demo data ready. Logins (password for all):"))
        self.stdout.write(f"  password: {demo.DEMO_PASSWORD}")
        for login in logins:
            self.stdout.write(f"  {login.email:<34} {login.role}")
            if login.totp_secret:
                self.stdout.write(f"      TOTP secret: {login.totp_secret}")
                self.stdout.write(f"      recovery codes: {' '.join(login.recovery_codes)}")
        self.stdout.write(
            "Staff logins ask for a code: add the TOTP secret to an authenticator app, use a "
            "recovery code once, or run `python manage.py demo_totp <e-mail>` for the current code."
        )
