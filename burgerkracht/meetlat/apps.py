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
        self.register_reflections()

    def register_reflections(self) -> None:
        """The later reflection (principle 6): reminders, agenda, "Mijn taken", dashboard."""
        from burgerkracht.core import calendar, dashboard, reminders, worklist
        from burgerkracht.meetlat import reflections
        from burgerkracht.meetlat import reminders as meetlat_reminders

        for source in meetlat_reminders.SOURCES:
            reminders.register(source)
        calendar.register(reflections.events_for)
        worklist.register(reflections.tasks_for)
        dashboard.register("meetlat/dashboard_reflections.html", reflections.dashboard_context)
