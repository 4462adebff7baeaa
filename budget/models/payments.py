"""Payment orders for the finance department, and the paid confirmations that come back
(SC-12 "Waar blijft ons geld?"). A tranche is ordered once and paid once; the order keeps the
rows it was exported with, so downloading it again gives the same file."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.privacy.fields import EncryptedTextField


class PaymentOrder(models.Model):
    """One export to the finance department: the tranches in it are "betaalopdracht
    verstuurd". `rows` is the exported content (IBANs included), encrypted at rest."""

    created_at = models.DateTimeField(_("sent on"), auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("sent by"),
    )  # fmt: skip
    rows = EncryptedTextField(_("the exported rows"))

    class Meta:
        verbose_name = _("payment order")
        verbose_name_plural = _("payment orders")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"BO-{self.created_at.year}-{self.pk:05d}"


class PaymentImport(models.Model):
    """A file of paid confirmations from the bank: read and previewed first, applied once on
    confirmation. `rows` is what was read; `summary` what applying it did."""

    created_at = models.DateTimeField(_("read on"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("read by"),
    )  # fmt: skip
    filename = models.CharField(_("file"), max_length=200)
    rows = models.JSONField(_("rows read"), default=list)
    confirmed_at = models.DateTimeField(_("applied on"), null=True, blank=True)
    summary = models.JSONField(_("what it did"), default=dict, blank=True)

    class Meta:
        verbose_name = _("payment confirmation file")
        verbose_name_plural = _("payment confirmation files")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True, summary={}) | Q(confirmed_at__isnull=False),
                name="payment_import_summary_after_confirmation",
            )
        ]

    def __str__(self) -> str:
        return self.filename
