from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class Command(BaseCommand):
    help = "Print the current two-step code of a demo user (DEBUG only)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_totp only runs with DEBUG on.")
        authenticator = Authenticator.objects.filter(
            user__email=options["email"].lower(), type=Authenticator.Type.TOTP
        ).first()
        if authenticator is None:
            raise CommandError("That user has no two-step login.")
        secret = decrypt(authenticator.data["secret"])
        counter = int(timezone.now().timestamp()) // 30
        self.stdout.write(format_hotp_value(hotp_value(secret, counter)))
