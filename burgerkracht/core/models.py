"""Reference data, the audit trail and the mail outbox: what every app stands on."""

from __future__ import annotations

import copy
import secrets
import time
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import (
    FileExtensionValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from burgerkracht.core.enums import OrganisationType
from burgerkracht.core.ui.colours import contrast_ratio


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


# A font's family name only: it is written into the theme stylesheet between quotes.
font_name = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9 \-]{0,59}$",
    _("Use letters, digits, spaces and hyphens only, for example Fira Sans."),
)


def woff2_file(file) -> None:
    """A WOFF2 font by its signature ("wOF2"), at most 1 MB: served as font/woff2."""
    if file.size > 1024 * 1024:
        raise ValidationError(_("The font file is larger than 1 MB."))
    file.seek(0)
    head = file.read(4)
    file.seek(0)
    if head != b"wOF2":
        raise ValidationError(_("This is not a WOFF2 font file."))


hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # followed by six hexadecimal digits.")
)


# Data, not a translation: the regulation is a Dutch legal text whatever the page's language.
DEFAULT_SUBSIDY_REGULATION = (
    "Subsidieregeling Samen Sterk 2026, artikel 4, en titel 4.2 van de Algemene wet bestuursrecht"
)


class Municipality(TimeStampedModel):
    """The gemeente that runs this portal: configuration, never code.

    There is exactly one row (a constraint on `singleton` guarantees it); `current()` returns
    an unsaved default when an administrator has not filled it in yet.
    """

    singleton = models.BooleanField(default=True, editable=False, unique=True)
    name = models.CharField(_("name"), max_length=120, default="Gemeente")
    logo = models.FileField(
        _("logo"),
        upload_to="public/logo/",
        blank=True,
        validators=[FileExtensionValidator(["png", "svg"])],
        help_text=_("PNG or SVG, shown in the header and on letters."),
    )
    primary_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        default="#1d4f91",
        validators=[hex_colour],
        help_text=_("Used for the header, buttons and links. White text must stay readable on it."),
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default="#ffbf47",
        validators=[hex_colour],
        help_text=_("Used for the keyboard focus outline."),
    )
    font_family = models.CharField(
        _("font"),
        max_length=60,
        blank=True,
        validators=[font_name],
        help_text=_(
            "The name of the municipality's font, for example Fira Sans. Upload the font file "
            "below, or the font only shows on devices that have it. Empty: the device's own "
            "font."
        ),
    )
    font_file = models.FileField(
        _("font file"),
        upload_to="public/font/",
        blank=True,
        validators=[FileExtensionValidator(["woff2"]), woff2_file],
        help_text=_("The font as a WOFF2 file (at most 1 MB), used for all text on the site."),
    )
    street_address = models.CharField(_("visiting address"), max_length=200, blank=True)
    postal_address = models.CharField(_("postal address"), max_length=200, blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    objection_weeks = models.PositiveSmallIntegerField(
        _("objection term in weeks"),
        default=6,
        validators=[MinValueValidator(6), MaxValueValidator(52)],
        help_text=_(
            "How many weeks residents have to object to a decision (at least the six weeks of "
            "the law). Used in the letters, the e-mails and the Samen Sterk page."
        ),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    privacy_officer_email = models.EmailField(_("e-mail of the privacy officer"), blank=True)
    letter_footer = models.TextField(_("letter footer"), blank=True)
    # The legal basis printed in every Samen Sterk decision letter (issue #24): a decision on
    # a subsidy names the rule it is taken under (Awb 4:23, 3:47).
    subsidy_regulation = models.CharField(
        _("legal basis of the Samen Sterk decisions"),
        max_length=300,
        default=DEFAULT_SUBSIDY_REGULATION,
        help_text=_(
            "The regulation the decision letters name, with the article, e.g. "
            "'Subsidieregeling Samen Sterk 2026, artikel 4'."
        ),
    )
    # Samen Sterk explained together with the wijkbudgetten (PP-08): shown on the Samen Sterk
    # page beside this year's figures; nothing is shown while both are empty.
    neighbourhood_budget_text = models.TextField(
        _("text about the neighbourhood budgets"),
        blank=True,
        help_text=_(
            "A few plain sentences on the Samen Sterk page about the neighbourhood budgets "
            "(wijkbudgetten) and how they differ from Samen Sterk."
        ),
    )
    neighbourhood_budget_url = models.URLField(
        _("link to the neighbourhood budgets"),
        blank=True,
        help_text=_("The web page where residents read about the neighbourhood budgets."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipality")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(singleton=True),
                name="municipality_singleton",
                violation_error_message=_("There is only one municipality."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # WCAG 2.1 AA 1.4.3: white text on the primary colour needs 4.5:1.
        if hex_colour.regex.match(self.primary_colour or ""):
            ratio = contrast_ratio(self.primary_colour, "#ffffff")
            if ratio < 4.5:
                raise ValidationError(
                    {
                        "primary_colour": _(
                            "White text on this colour has a contrast of %(ratio).1f:1. "
                            "Choose a darker colour (at least 4.5:1)."
                        )
                        % {"ratio": ratio}
                    }
                )

    @classmethod
    def current(cls) -> Municipality:
        """The row (or an unsaved default), kept per process for MUNICIPALITY_CACHE_SECONDS: every
        page shows the name, colours and logo, so this saves a query per request. A save or delete
        forgets it at once in this process (and again after the commit); other processes see a
        change within that time. Branding and addresses only: nothing here is money."""
        cached, expires = _current
        if cached is None or time.monotonic() >= expires:
            cached = cls.objects.first() or cls()
            _current[:] = [cached, time.monotonic() + MUNICIPALITY_CACHE_SECONDS]
        return copy.copy(cached)  # a caller may change its copy (a form, seed_demo)

    @staticmethod
    def forget_current() -> None:
        _current[:] = [None, 0.0]


MUNICIPALITY_CACHE_SECONDS = 60
_current: list = [None, 0.0]  # [Municipality or None, monotonic expiry]


@receiver([post_save, post_delete], sender=Municipality)  # also loaddata's raw saves
def _forget_municipality(**kwargs) -> None:
    Municipality.forget_current()
    transaction.on_commit(Municipality.forget_current)


class District(TimeStampedModel):
    """A stadsdeel."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Neighbourhood(TimeStampedModel):
    """A wijk: the level at which budgets, teams and public pages are organised."""

    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="neighbourhoods",
        verbose_name=_("district"),
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(TimeStampedModel):
    """A stichting, wijkteam, BO+ member organisation or any other partner."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    type = models.CharField(_("type"), max_length=30, choices=OrganisationType.choices)
    is_bo_plus_member = models.BooleanField(_("member of the Breed Overleg Plus"), default=False)
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, blank=True, related_name="organisations", verbose_name=_("neighbourhoods")
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def for_subject(self, subject: models.Model) -> AuditEventQuerySet:
        return self.filter(
            subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
        )

    def update(self, **kwargs: Any) -> int:
        # The only permitted change: forgetting who acted, when their account is erased.
        if set(kwargs) != {"actor"} or kwargs["actor"] is not None:
            raise AppendOnlyError
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError


class AppendOnlyError(Exception):
    """The audit trail is append-only."""


class AuditEvent(models.Model):
    """One line in the domain timeline: who did what to which record, and why.

    Append-only: the model refuses updates and deletes, and on PostgreSQL a trigger refuses
    them too (only nulling `actor` when an account is erased is allowed).
    """

    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("action"), max_length=80)
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("subject type")
    )
    subject_id = models.CharField(_("subject id"), max_length=64)
    subject = GenericForeignKey("subject_type", "subject_id")
    reason = models.TextField(_("why"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError

    @classmethod
    def record(
        cls,
        *,
        subject: models.Model,
        actor: Any,
        action: str,
        reason: str = "",
        data: dict[str, Any] | None = None,
    ) -> AuditEvent:
        """Write one event. `actor` may be None for the system (a scheduled job)."""
        return cls.objects.create(
            subject_type=ContentType.objects.get_for_model(subject),
            subject_id=str(subject.pk),
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            action=action,
            reason=reason,
            data=data or {},
        )


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(TimeStampedModel):
    """A person's private agenda feed (iCalendar). The token in its address is the only key,
    so a calendar program can subscribe without logging in; a new token ends the old link."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("person"),
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)

    class Meta:
        verbose_name = _("agenda link")
        verbose_name_plural = _("agenda links")

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("core:calendar-feed", args=[self.token])


class AnnualReport(models.Model):
    """One run of the annual report (jaarverslag) of a year, made as a PDF by a worker.

    Asking again makes a new run, so the figures of an earlier run stay as they were sent."""

    year = models.PositiveSmallIntegerField(_("year"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("asked for by"),
    )  # fmt: skip
    requested_at = models.DateTimeField(_("asked for at"), auto_now_add=True)
    pdf = models.FileField(_("PDF"), upload_to="private/reports/", blank=True)
    generated_at = models.DateTimeField(_("made at"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["requested_by", "year"],
                condition=models.Q(generated_at=None),
                name="one_pending_annual_report_per_person_and_year",
            )
        ]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")

    def __str__(self) -> str:
        return f"{self.year}"


# The models of the outbox and the reminders (messaging/), the post queue (postal/) and the
# saved filters (filters/) live beside their code; importing them here registers them.
from burgerkracht.core.filters.models import SavedFilter  # noqa: E402, F401
from burgerkracht.core.messaging.models import OutboxMessage, OutboxMessageQuerySet, Reminder  # noqa: E402, F401
from burgerkracht.core.postal.models import PostItem  # noqa: E402, F401
