"""Partners' contributions (F-S17, BR-38): what a partner organisation promised an
initiative (hours, a location, a professional) and whether it delivered, judged on the
residents' scale. Imported in initiatives/models.py; only initiatives/partners.py writes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.models import Organisation, TimeStampedModel
from initiatives.enums import ContributionKind, Delivered


class PartnerContribution(TimeStampedModel):
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE,
        related_name="partner_contributions", verbose_name=_("initiative"),
    )  # fmt: skip
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="contributions",
        verbose_name=_("partner organisation"),
    )  # fmt: skip
    kind = models.CharField(_("kind of contribution"), max_length=14,
                            choices=ContributionKind.choices)  # fmt: skip
    promised = models.TextField(_("what was promised"))
    hours = models.PositiveIntegerField(_("hours promised"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("recorded by"),
    )  # fmt: skip
    # The judgement: blank until someone judged it (at an interim evaluation or on the page).
    delivered = models.CharField(_("delivered?"), max_length=8, choices=Delivered.choices,
                                 blank=True)  # fmt: skip
    delivered_note = models.TextField(_("what was delivered"), blank=True)
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("judged by"),
    )  # fmt: skip
    judged_at = models.DateTimeField(_("judged at"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner's contribution")
        verbose_name_plural = _("partners' contributions")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(delivered="", judged_at__isnull=True)
                | (~Q(delivered="") & Q(judged_at__isnull=False)),
                name="contribution_judged_at_iff_delivered",
            ),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gt=0), name="contribution_hours_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return f"{self.initiative.get_absolute_url()}#partners"
