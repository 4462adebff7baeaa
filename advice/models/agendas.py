"""An agenda handed to the municipality by a working group (SC-10, the Lokale Inclusie Agenda):
a list of topics the college promised to carry out, in phases. Its promises are ordinary
promises (advice.models.followup.Promise) with `agenda` set."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from advice.models.bodies import AdvisoryBody
from burgerkracht.core.models import TimeStampedModel


class Agenda(TimeStampedModel):
    """Who handed it in is an advisory body (a working group such as ViP is registered as a
    body of kind "other"), so its current members follow the progress — and only they."""

    title = models.CharField(_("title"), max_length=200)
    body = models.ForeignKey(
        AdvisoryBody, on_delete=models.PROTECT, related_name="agendas",
        verbose_name=_("handed in by"),
    )  # fmt: skip
    handed_to = models.CharField(_("handed to"), max_length=200)
    handed_over_on = models.DateField(_("handed over on"))
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("registered by"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")
        ordering = ["-handed_over_on", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("advice:agenda-detail", args=[self.pk])
