from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetlatConfig(AppConfig):
    name = "burgerkracht.meetlat"
    label = "meetlat"
    verbose_name = _("Meetlat and decisions")
