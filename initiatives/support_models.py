"""Support requests (WF-6, F-S04, SC-07, SC-08): an initiative asks a department or partner
organisation for something, a named person decides, each hand-off is recorded, and a jager
with a visible mandate chases what waits. Imported in initiatives/models.py. Statuses follow
support_enums.SUPPORT_TRANSITIONS; only the services in initiatives/support.py change them."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.models import Organisation, TimeStampedModel
from initiatives.support_enums import WAITING, RuleDomain, SupportStatus

# The first part of an e-mail address that belongs to a team or a desk, not to a person
# ("een persoon, geen mailbox"): the decider must be someone who can be asked by name.
SHARED_MAILBOXES = frozenset({
    "info", "post", "postbus", "contact", "secretariaat", "secretariat", "gemeente", "balie",
    "loket", "klantcontact", "servicedesk", "helpdesk", "support", "noreply", "no-reply",
    "office", "admin", "team", "receptie", "administratie", "vergunningen", "algemeen",
})  # fmt: skip


def validate_person_address(email: str) -> None:
    """Refuse a shared mailbox as the address of the responsible decider."""
    local = (email or "").split("@", 1)[0].strip().lower()
    if local in SHARED_MAILBOXES:
        raise ValidationError(
            _("This is the address of a mailbox. Give the address of the person who decides."),
            code="mailbox",
        )


def validate_person_name(name: str) -> None:
    """A person's name has at least a first name and a surname (or initial and surname)."""
    if len((name or "").split()) < 2:
        raise ValidationError(
            _("Give the first name and surname of the person who decides."), code="name"
        )


def escalation_days() -> int:
    """Days without an answer after which a request escalates to the jager and the
    coordinators (settings.SUPPORT_ESCALATION_DAYS, default 42: six weeks)."""
    return int(settings.SUPPORT_ESCALATION_DAYS)


class SupportRequest(TimeStampedModel):
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="support_requests",
        verbose_name=_("initiative"),
    )  # fmt: skip
    question = models.TextField(_("what do you ask?"))
    domain = models.CharField(_("rule domain"), max_length=20, choices=RuleDomain.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="support_requests",
        verbose_name=_("department or partner organisation"),
    )  # fmt: skip
    # The current holder: at first the responsible decider; a hand-off changes it.
    holder_name = models.CharField(_("responsible decider"), max_length=200,
                                   validators=[validate_person_name])  # fmt: skip
    holder_email = models.EmailField(_("e-mail address of the decider"),
                                     validators=[validate_person_address])  # fmt: skip
    holder_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("decider's account"),
    )  # fmt: skip
    holder_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("organisation of the holder"),
    )  # fmt: skip
    held_since = models.DateTimeField(_("with this holder since"), default=timezone.now)
    asked_at = models.DateTimeField(_("asked on"), default=timezone.now, db_index=True)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("asked by"),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=12, choices=SupportStatus.choices, default=SupportStatus.OPEN,
        db_index=True,
    )  # fmt: skip
    answer = models.TextField(_("the answer"), blank=True)
    what_it_took = models.TextField(_("what it took"), blank=True)
    closed_at = models.DateTimeField(_("answered or withdrawn on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("recorded by"),
    )  # fmt: skip
    withdrawn_reason = models.TextField(_("why it was withdrawn"), blank=True)

    class Meta:
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        ordering = ["asked_at", "pk"]
        indexes = [models.Index(fields=["status", "asked_at"])]
        constraints = [
            models.CheckConstraint(condition=~Q(question=""), name="support_has_question"),
            models.CheckConstraint(condition=~Q(holder_name=""), name="support_has_decider"),
            models.CheckConstraint(
                condition=~Q(status=SupportStatus.ANSWERED) | (~Q(answer="")
                                                              & Q(closed_at__isnull=False)),
                name="support_answered_has_answer",
            ),
            models.CheckConstraint(
                condition=Q(status__in=WAITING) | Q(closed_at__isnull=False),
                name="support_closed_has_date",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.question[:60]

    def get_absolute_url(self) -> str:
        return reverse("initiatives:support", args=[self.pk])

    @property
    def is_waiting(self) -> bool:
        return self.status in WAITING

    def is_overdue(self, today: date) -> bool:
        """Waiting for an answer longer than the escalation threshold (the "Late" badge)."""
        asked = timezone.localdate(self.asked_at)
        return self.is_waiting and asked <= today - timedelta(days=escalation_days())

    def days_open(self, now=None) -> int:
        """Days since it was asked, until the answer (or now while it waits)."""
        end = self.closed_at or now or timezone.now()
        return (timezone.localdate(end) - timezone.localdate(self.asked_at)).days

    def days_with_holder(self, now=None) -> int:
        end = self.closed_at or now or timezone.now()
        return (timezone.localdate(end) - timezone.localdate(self.held_since)).days


class SupportHandoff(models.Model):
    """One pass of a request from one holder to the next (SC-08: director → teamleider →
    team meeting). Append-only."""

    request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="handoffs",
        verbose_name=_("support request"),
    )  # fmt: skip
    at = models.DateTimeField(_("passed on"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("recorded by"),
    )  # fmt: skip
    from_name = models.CharField(_("from"), max_length=200)
    from_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("from organisation"),
    )
    to_name = models.CharField(_("to"), max_length=200)
    to_email = models.EmailField(_("e-mail address"))
    to_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("to organisation")
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("hand-off")
        verbose_name_plural = _("hand-offs")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_name} → {self.to_name}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A hand-off is append-only: it cannot be changed.")
        super().save(*args, **kwargs)


class JagerAppointment(models.Model):
    """A facilitator or coordinator appointed jager on an initiative, with a visible mandate
    (SC-07: "zichzelf een vrije rol gunde"). One current jager per initiative; appointing a
    new one ends the appointment before it."""

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        related_name="jagers",
        verbose_name=_("initiative"),
    )
    jager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="jager_appointments",
        verbose_name=_("jager"),
    )  # fmt: skip
    mandate = models.TextField(_("what the jager may arrange"))
    money_limit = models.DecimalField(
        _("money up to (euro)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    departments = models.ManyToManyField(
        Organisation, blank=True, related_name="+",
        verbose_name=_("departments and partners the jager may call on"),
    )  # fmt: skip
    appointed_at = models.DateTimeField(_("appointed on"), default=timezone.now)
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("appointed by"),
    )  # fmt: skip
    ended_at = models.DateTimeField(_("ended on"), null=True, blank=True)

    class Meta:
        verbose_name = _("jager")
        verbose_name_plural = _("jagers")
        ordering = ["-appointed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative"], condition=Q(ended_at__isnull=True),
                name="one_current_jager_per_initiative",
            ),
            models.CheckConstraint(condition=~Q(mandate=""), name="jager_has_mandate"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return str(self.jager)
