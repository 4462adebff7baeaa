"""A one-off event (SC-02: a festival on one day): one end evaluation after the event instead
of interim moments (BR-30: "Maak met elkaar afspraken over de tijdsduur en als dat niet kan,
afspraken over evaluatiemomenten" — an event's duration is its date), and the accountability
after that. Pure rules over an application; the decision services and forms apply them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from burgerkracht.core.ui.formatting import day

if TYPE_CHECKING:
    from budget.models import Application

# The end evaluation within three weeks after the event, while people still remember it and
# can tell whether they met again; the accountability three weeks after that.
END_EVALUATION_AFTER = timedelta(days=21)
ACCOUNTABILITY_AFTER = timedelta(days=42)


def end_evaluation_default(application: Application) -> date | None:
    if not application.is_one_off or application.event_on is None:
        return None
    return application.event_on + END_EVALUATION_AFTER


def accountability_default(application: Application) -> date | None:
    if not application.is_one_off or application.event_on is None:
        return None
    return application.event_on + ACCOUNTABILITY_AFTER


def dates_missing(application: Application) -> list[str]:
    """What the agreed dates of a one-off event lack: exactly one evaluation, after the
    event, and the accountability not before it. Empty for any other application."""
    if not application.is_one_off:
        return []
    days, event = application.evaluation_days, application.event_on
    missing = []
    if len(days) > 1:
        missing.append(_("for a one-off event, one end evaluation date and no interim dates"))
    if event is not None and days and min(days) <= event:
        missing.append(
            _("an end evaluation date after the event (%(date)s)") % {"date": day(event)}
        )
    due = application.accountability_due
    if event is not None and due is not None and due <= event:
        missing.append(_("an accountability date after the event"))
    return missing
