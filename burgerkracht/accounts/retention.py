"""The accounts' rows of the retention table (registered by accounts/hooks.py)."""

from __future__ import annotations

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from burgerkracht.accounts.models import User
from burgerkracht.accounts.services import delete_account
from burgerkracht.core.models import CalendarFeed, Reminder
from burgerkracht.core.privacy.purge import Run
from burgerkracht.core.privacy.retention import Action, Kind, exempt, register


def _offline_and_taking_part():
    """Residents without e-mail (SC-11) cannot log in, so not logging in says nothing while
    they take part in an initiative that has not ended (by its status value: this app does
    not import the initiatives app). Once it ends, the period has long passed."""
    return User.objects.filter(
        email__isnull=True,
        initiator_roles__left_at__isnull=True,
        initiator_roles__initiative__status__in=("draft", "submitted", "active", "paused"),
    ).values("pk")


def purge_inactive_accounts(run: Run) -> int:
    """Erase accounts nobody logged in to for the whole period (never a superuser: the portal
    must keep someone who can manage it). No warning mail goes out first: logging in once
    resets the period, and the privacy statement says so."""
    stale = (
        User.objects.filter(is_active=True, erased_at__isnull=True, is_superuser=False)
        .alias(last_used=Coalesce("last_login", "date_joined"))
        .filter(last_used__lt=run.cutoff)
        .exclude(pk__in=_offline_and_taking_part())
    )
    if run.dry_run:
        return stale.count()
    erased = 0
    for user in stale.only("pk").iterator():
        delete_account(user=user, by=None, reason="retention: not used for the retention period")
        erased += 1
    return erased


def purge_erased_leftovers(run: Run) -> int:
    """What `delete_account` leaves and nobody needs: the agenda link and reminders."""
    erased = Q(user__erased_at__lt=run.cutoff)
    count = run.delete(CalendarFeed.objects.filter(erased))
    return count + run.delete(Reminder.objects.filter(recipient__erased_at__lt=run.cutoff))


register(
    Kind(
        key="inactive_accounts",
        label=_("Accounts that are not used"),
        default_days=3 * 365,
        starts=_("the last login (or the sign-up, without a login)"),
        action=Action.ERASE,
        reason="An account nobody uses only holds contact details; records the municipality "
        "must keep stay, without the name.",
        purge=purge_inactive_accounts,
        order=20,
        personal={
            "accounts.User": (
                "email",
                "full_name",
                "phone",
                "street_address",
                "postal_code",
                "city",
                "neighbourhood",
            ),
            "account.EmailAddress": ("email",),
            "mfa.Authenticator": ("data",),
        },
    )
)
register(
    Kind(
        key="erased_accounts",
        label=_("Agenda link and reminders of a deleted account"),
        default_days=0,
        starts=_("the account is deleted"),
        action=Action.DELETE,
        reason="Erasure removes the person; these rows only served them.",
        purge=purge_erased_leftovers,
        order=30,
        personal={"core.CalendarFeed": ("token",), "core.Reminder": ("recipient",)},
    )
)
exempt(
    "accounts.ClaimCode",
    "Only the hash of a one-time code and its dates (SC-11); deleted with the account's erasure.",
)
exempt(
    "accounts.LoginMethod",
    "Configuration of the DigiD, eHerkenning and SSO brokers; no personal data.",
)
