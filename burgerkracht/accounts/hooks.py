"""What this app adds to the core: discovered and called once by
burgerkracht.core.apps.discover_hooks() (as Django's admin discovers admin.py)."""

from importlib import import_module


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from burgerkracht.accounts.permissions import can_use_admin
    from burgerkracht.core.ui.navigation import MenuEntry
    from burgerkracht.core.ui.navigation import register as menu

    menu(MenuEntry(_("Management"), "admin:index", 90, can_use_admin))
    from burgerkracht.accounts import data_export

    import_module("burgerkracht.accounts.retention")  # registers its kinds
    data_export.register("saved_filters", _saved_filters)
    _finish_broker_logins()


def _finish_broker_logins() -> None:
    """A login through a broker (DigiD, eHerkenning, SSO) records its identity on the account
    and in the session once allauth has logged the person in (accounts/oidc/services.py)."""
    from allauth.account.signals import user_logged_in

    from burgerkracht.accounts.oidc.services import finish_login

    def receiver(sender, request, user, **kwargs):
        finish_login(request, user, kwargs.get("sociallogin"))

    user_logged_in.connect(receiver, weak=False, dispatch_uid="accounts.oidc.finish_login")


def _saved_filters(user) -> list[dict]:
    """An official's saved filters of the lists (burgerkracht/core/filters/saved.py)."""
    from burgerkracht.core.models import SavedFilter

    return [
        {"list": s.list_key, "name": s.name, "filter": s.query, "created": s.created_at.isoformat()}
        for s in SavedFilter.objects.filter(owner=user).order_by("pk")
    ]
