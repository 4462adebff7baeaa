from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdviceConfig(AppConfig):
    name = "advice"
    verbose_name = _("Advice register")

    def ready(self) -> None:
        from advice import reminders
        from burgerkracht.core import reminders as core_reminders

        for source in reminders.SOURCES:
            core_reminders.register(source)
