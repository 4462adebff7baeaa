from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from burgerkracht.core.services import deliver_pending


class Command(BaseCommand):
    help = "Deliver every due e-mail in the outbox now, without Celery."

    def handle(self, *args, **options):
        sent = deliver_pending(limit=10_000)
        self.stdout.write(_("%(count)d e-mail(s) delivered.") % {"count": sent})
