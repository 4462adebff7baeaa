from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "burgerkracht.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from burgerkracht import checks  # noqa: F401  (registers the system checks)
        from burgerkracht.core import retention_kinds  # noqa: F401  (registers its kinds)
