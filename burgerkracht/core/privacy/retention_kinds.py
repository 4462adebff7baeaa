"""The kinds of the retention table that core owns (imported by core/hooks.py)."""

from __future__ import annotations

from allauth.account.models import EmailConfirmation
from django.contrib.admin.models import LogEntry
from django.contrib.sessions.models import Session
from django.core import checks
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.enums import OutboxStatus, PostStatus
from burgerkracht.core.models import OutboxMessage, PostItem, Reminder
from burgerkracht.core.privacy import retention
from burgerkracht.core.privacy.purge import Run
from burgerkracht.core.privacy.retention import Action, Kind, exempt, register

checks.register(retention.check_settings)


def purge_sessions(run: Run) -> int:
    # Login codes of allauth live in the session too, so they go with it.
    return run.delete(Session.objects.filter(expire_date__lt=run.cutoff))


def purge_email_confirmations(run: Run) -> int:
    return run.delete(
        EmailConfirmation.objects.filter(
            Q(sent__lt=run.cutoff) | Q(sent__isnull=True, created__lt=run.cutoff)
        )
    )


def purge_outbox(run: Run) -> int:
    # Waiting mail is never removed; sent mail counts from sending, failed mail from writing.
    return run.delete(
        OutboxMessage.objects.filter(
            Q(status=OutboxStatus.SENT, sent_at__lt=run.cutoff)
            | Q(status=OutboxStatus.FAILED, created_at__lt=run.cutoff)
        )
    )


def purge_post(run: Run) -> int:
    # A letter waiting to be posted is never removed; a posted one counts from posting, a
    # cancelled one from writing. The timeline's "sent by post" line goes with it.
    done = PostItem.objects.filter(
        Q(status=PostStatus.POSTED, posted_at__lt=run.cutoff)
        | Q(status=PostStatus.CANCELLED, created_at__lt=run.cutoff)
    )
    run.drop_files(done, "pdf", clear=False)
    return run.delete(done)


def purge_reminders(run: Run) -> int:
    # The sweep never writes a reminder for a date more than REMINDER_CATCH_UP_DAYS back,
    # so an old row that is gone is not made again.
    return run.delete(Reminder.objects.filter(due_on__lt=run.cutoff.date()))


def purge_admin_log(run: Run) -> int:
    # The technical management screens log the name of what was changed (often a person's).
    return run.delete(LogEntry.objects.filter(action_time__lt=run.cutoff))


register(
    Kind(
        key="sessions",
        label=_("Login sessions (including one-time login codes)"),
        default_days=0,
        starts=_("the session expires"),
        action=Action.DELETE,
        reason="Only needed while someone is logged in; Django keeps expired rows otherwise.",
        purge=purge_sessions,
        order=10,
        personal={"sessions.Session": ("session_data",)},
    )
)
register(
    Kind(
        key="email_confirmations",
        label=_("Links to confirm an e-mail address"),
        default_days=7,
        starts=_("the link is sent"),
        action=Action.DELETE,
        reason="A confirmation link is useless after a few days.",
        purge=purge_email_confirmations,
        order=10,
        personal={"account.EmailConfirmation": ("key",)},
    )
)
register(
    Kind(
        key="outbox",
        label=_("E-mails we sent (addresses and text)"),
        default_days=90,
        starts=_("the e-mail is sent (or failed for good)"),
        action=Action.DELETE,
        reason="Long enough to answer 'did you send me that?'; the record itself keeps what "
        "was decided.",
        purge=purge_outbox,
        order=90,
        personal={
            "core.OutboxMessage": ("to", "cc", "bcc", "reply_to", "subject", "body", "html_body")
        },
    )
)
register(
    Kind(
        key="post",
        label=_("Letters we sent by post (addresses and text)"),
        default_days=90,
        starts=_("the letter is posted (or cancelled)"),
        action=Action.DELETE,
        reason="As the outbox: long enough to answer 'did you send me that?'; the record "
        "itself keeps what was decided.",
        purge=purge_post,
        order=90,
        personal={"core.PostItem": ("address_lines", "subject", "pdf", "recipient")},
    )
)
register(
    Kind(
        key="reminders",
        label=_("Reminders of dates and deadlines"),
        default_days=365,
        starts=_("the date the reminder was about"),
        action=Action.DELETE,
        reason="Shows operators for a year which reminders went out; after that no use.",
        purge=purge_reminders,
        order=90,
        personal={"core.Reminder": ("recipient",)},
    )
)
register(
    Kind(
        key="admin_log",
        label=_("Log of the technical management screens"),
        default_days=365,
        starts=_("the change"),
        action=Action.DELETE,
        reason="For tracing a mistake in the management screens; names what was changed.",
        purge=purge_admin_log,
        order=90,
        personal={"admin.LogEntry": ("object_repr", "change_message")},
    )
)

exempt("core.Municipality", "The municipality's own public contact details.")
exempt("core.HistoricalMunicipality", "History of the municipality's public details.")
exempt("core.District", "Reference data.")
exempt("core.Neighbourhood", "Reference data.")
exempt(
    "core.Organisation",
    "Partner organisations and their business contact, kept up to date by administrators "
    "for as long as the partnership lasts.",
)
exempt(
    "core.AuditEvent",
    "Append-only accountability trail: it records which fields changed, never their values; "
    "the actor is forgotten when an account is erased.",
)
exempt("core.AnnualReport", "Aggregate figures; asked for by staff in their role.")
exempt(
    "core.SavedFilter",
    "An official's own names for list filters; deleted with the account (cascade) and by "
    "its owner at any time.",
)

# The Meetlat: decision records are the municipality's archive (Archiefwet), written by
# officials; the applications they decide on are anonymised by their own rule.
DECISION_RECORD = "Decision record kept under the Archiefwet, written by officials in a role."
for _label in ("Decision", "HistoricalDecision", "PrincipleAnswer", "PolicyDecision"):
    exempt(f"meetlat.{_label}", DECISION_RECORD)
exempt("meetlat.MeetlatVersion", "Reference data: the versions of the Meetlat.")
exempt("meetlat.Principle", "Reference data: the principles of the Meetlat.")
