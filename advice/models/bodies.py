"""The advisory bodies, their members and organisations, what they represent, and their
signals from practice."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from advice.enums import BodyKind, MemberRole
from burgerkracht.core.models import Organisation, TimeStampedModel


class AdvisoryBody(TimeStampedModel):
    """The ASD, the BO+, and any other body (Wmo-raad, cliëntenraad) — data, not code."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=20, unique=True)
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=BodyKind.choices)
    description = models.TextField(_("what the body does"), blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("advisory body")
        verbose_name_plural = _("advisory bodies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return reverse("advice:body-detail", args=[self.slug])


class Theme(models.Model):
    """A vraagstuk the advice work is organised around (armoede, eenzaamheid, ...)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class TargetGroup(models.Model):
    """A group of residents an organisation speaks for (ouderen, jeugd, minima, ...)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("group of residents")
        verbose_name_plural = _("groups of residents")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class BodyOrganisation(TimeStampedModel):
    """An organisation that takes part in a body (a BO+ member organisation), with the
    themes it works on and the groups it represents."""

    body = models.ForeignKey(
        AdvisoryBody, on_delete=models.CASCADE, related_name="organisations",
        verbose_name=_("advisory body"),
    )  # fmt: skip
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="bodies",
        verbose_name=_("organisation"),
    )  # fmt: skip
    themes = models.ManyToManyField(Theme, blank=True, verbose_name=_("themes"))
    groups = models.ManyToManyField(TargetGroup, blank=True, verbose_name=_("groups it represents"))
    joined_on = models.DateField(_("member since"), null=True, blank=True)
    left_on = models.DateField(_("member until"), null=True, blank=True)

    class Meta:
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "organisation"], name="body_organisation_once")
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class Membership(TimeStampedModel):
    """A person in a body. Several memberships per person are allowed ("dubbele petten")
    and shown, so they stay discussable (BR-57)."""

    body = models.ForeignKey(
        AdvisoryBody, on_delete=models.CASCADE, related_name="memberships",
        verbose_name=_("advisory body"),
    )  # fmt: skip
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships",
        verbose_name=_("person"),
    )  # fmt: skip
    role = models.CharField(
        _("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    organisation = models.ForeignKey(
        BodyOrganisation, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="representatives", verbose_name=_("on behalf of"),
    )  # fmt: skip
    started_on = models.DateField(_("since"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body", "user__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "user"], condition=Q(ended_on__isnull=True),
                name="one_current_membership_per_body",
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.user} ({self.body})"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None


class Signal(TimeStampedModel):
    """A signal from practice (ENT-65): what an organisation, OCO or resident sees going wrong.
    Several signals can be the basis of one advice."""

    body = models.ForeignKey(
        AdvisoryBody, on_delete=models.PROTECT, related_name="signals",
        verbose_name=_("advisory body"),
    )  # fmt: skip
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="signals", verbose_name=_("theme")
    )
    organisation = models.ForeignKey(
        BodyOrganisation, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="signals", verbose_name=_("organisation"),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what happens"))
    is_structural = models.BooleanField(_("a structural problem"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("recorded by"),
    )  # fmt: skip
    advice = models.ForeignKey(
        "advice.Advice", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="signals", verbose_name=_("contributed to advice"),
    )  # fmt: skip
    # Where it came from, when it was an obstacle on an initiative (no import of that app).
    source_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id"], condition=Q(source_id__isnull=False),
                name="one_signal_per_source",
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("advice:signal-detail", args=[self.pk])
