from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetlatConfig(AppConfig):
    name = "burgerkracht.meetlat"
    label = "meetlat"
    verbose_name = _("Meetlat and decisions")

    def ready(self) -> None:
        from burgerkracht.meetlat import (
            reports,  # noqa: F401  (registers the report)
            subjects,
        )
        from burgerkracht.meetlat.models import PolicyDecision

        subjects.register(PolicyDecision, subjects.POLICY)
