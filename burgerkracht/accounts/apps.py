from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "burgerkracht.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from burgerkracht.accounts import (
            data_export,
            retention,  # noqa: F401  (registers its kinds)
        )

        data_export.register("saved_filters", _saved_filters)


def _saved_filters(user) -> list[dict]:
    """An official's saved filters of the lists (burgerkracht/core/saved_filters.py)."""
    from burgerkracht.core.models import SavedFilter

    return [
        {"list": s.list_key, "name": s.name, "filter": s.query, "created": s.created_at.isoformat()}
        for s in SavedFilter.objects.filter(owner=user).order_by("pk")
    ]
