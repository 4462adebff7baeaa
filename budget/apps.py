from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "budget"
    verbose_name = _("Samen Sterk budget")

    def ready(self) -> None:
        from budget import selectors
        from burgerkracht.accounts import data_export
        from burgerkracht.core import dashboard

        data_export.register("applications", selectors.export_for_user)
        dashboard.register("budget/dashboard_panel.html", selectors.dashboard_context)
