"""P5: the reminder sweep over the scale data set's due items, then an immediate second one.

Every planned interim evaluation of a running grant is made due today for its first "soon"
reminder (REMINDER_EVALUATION_SOON_DAYS), next to whatever else is due. The sweep is timed
as the beat runs it: collect, write the rows, hand them to the broker (the worker is not
running, so sending does not compete). Prints JSON. This changes the database: run it last.
"""

import json
import sys
import time
from datetime import timedelta

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from budget.reminders import EVALUATION_SOON, EvaluationReminders  # noqa: E402
from burgerkracht.core.messaging import reminders  # noqa: E402
from burgerkracht.core.models import OutboxMessage, Reminder  # noqa: E402

today = timezone.localdate()
items = EvaluationReminders().base(EVALUATION_SOON)
due_items = items.update(
    planned_on=today + timedelta(days=max(settings.REMINDER_EVALUATION_SOON_DAYS))
)
rows_before, mail_before = Reminder.objects.count(), OutboxMessage.objects.count()

start = time.perf_counter()
first = reminders.sweep(today)
first_seconds = time.perf_counter() - start
rows_after_first = Reminder.objects.count()
start = time.perf_counter()
second = reminders.sweep(today)
second_seconds = time.perf_counter() - start

sys.stdout.write(
    json.dumps(
        {
            "due_items": due_items,
            "first": first.as_dict(),
            "first_seconds": first_seconds,
            "rows_written": rows_after_first - rows_before,
            "second": second.as_dict(),
            "second_seconds": second_seconds,
            "second_rows": Reminder.objects.count() - rows_after_first,
            "mail": OutboxMessage.objects.count() - mail_before,
        }
    )
    + "\n"
)
