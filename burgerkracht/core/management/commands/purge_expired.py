"""Apply the retention table now: `manage.py purge_expired [--dry-run]`."""

from django.core.management.base import BaseCommand

from burgerkracht.core.privacy import retention
from burgerkracht.core.privacy.purge import purge


class Command(BaseCommand):
    help = "Delete or anonymise personal data past its retention period (docs/privacy.md)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be removed."
        )

    def handle(self, *args, dry_run=False, **options):
        counts = purge(dry_run=dry_run)
        width = max(len(key) for key in counts)
        for kind in retention.table():
            self.stdout.write(f"{kind.key:<{width}}  {counts[kind.key]:>7}  ({kind.days} days)")
        total = sum(counts.values())
        self.stdout.write(f"{'total':<{width}}  {total:>7}" + ("  (dry run)" if dry_run else ""))
