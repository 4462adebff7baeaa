"""Re-encrypt every encrypted value with the first key of FIELD_ENCRYPTION_KEYS.

    manage.py rotate_encryption_keys --new-key   # print a fresh key, change nothing
    manage.py rotate_encryption_keys             # re-encrypt with the first key

The steps are in docs/operations.md: put the new key first, restart, run this, remove the
old key, restart.
"""

from django.core.management.base import BaseCommand

from burgerkracht.core.privacy import crypto
from burgerkracht.core.privacy.encryption import rotate_all


class Command(BaseCommand):
    help = "Re-encrypt all encrypted fields with the first key of FIELD_ENCRYPTION_KEYS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--new-key", action="store_true", help="Only print a newly generated key."
        )

    def handle(self, *args, new_key=False, **options):
        if new_key:
            self.stdout.write(crypto.new_key())
            return
        for label, count in rotate_all().items():
            self.stdout.write(f"{label}: {count} values re-encrypted")
