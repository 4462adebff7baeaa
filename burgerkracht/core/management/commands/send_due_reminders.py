from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from burgerkracht.core.messaging.reminders import sweep


class Command(BaseCommand):
    help = "Write and send every due reminder now, in this process (no Celery broker needed)."

    def handle(self, *args, **options):
        # requeue_after=0: reminders already handed to a broker are sent here too; sending is
        # exactly once however many processes try, so this is always safe.
        result = sweep(synchronous=True, requeue_after=0)
        self.stdout.write(
            _(
                "%(created)d new reminder(s), %(sent)d sent, %(skipped)d not sent "
                "(no longer needed or switched off)."
            )
            % {
                "created": result.created,
                "sent": result.outcomes.get("sent", 0),
                "skipped": result.outcomes.get("skipped", 0),
            }
        )
