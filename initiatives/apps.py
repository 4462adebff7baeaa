from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self) -> None:
        from burgerkracht.accounts import data_export
        from burgerkracht.core import dashboard, practice
        from initiatives import selectors, story_selectors
        from initiatives.practice import ObstacleProvider

        data_export.register("initiatives", selectors.export_for_user)
        data_export.register("stories", story_selectors.export_for_user)
        dashboard.register("initiatives/dashboard_panel.html", selectors.dashboard_context)
        practice.register(ObstacleProvider())
        import_module("initiatives.retention")  # registers its kinds of the retention table
