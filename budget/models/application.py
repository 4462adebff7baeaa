"""A Samen Sterk application: the residents' own result description and plan, the
facilitator's checks, the professional's advice, the decision holder's decision and the
letters. The status follows `APPLICATION_TRANSITIONS`; only the services change it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from budget.enums import DECIDED_STATUSES, OPEN_STATUSES, ApplicationStatus, LetterKind, Outcome
from budget.models.ledger import ZERO, Award, BudgetLine, Fund, money
from burgerkracht.core import references
from burgerkracht.core.models import Neighbourhood, TimeStampedModel
from burgerkracht.core.privacy.fields import EncryptedTextField
from burgerkracht.core.validation import kvk

MAX_SIGNS = 3
MAX_LEAD_RESIDENTS = 3


class ApplicationQuerySet(models.QuerySet["Application"]):
    def sent_in(self) -> ApplicationQuerySet:
        return self.exclude(status=ApplicationStatus.DRAFT)


class Application(TimeStampedModel):
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.PROTECT, related_name="applications",
        verbose_name=_("initiative"),
    )  # fmt: skip
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="applications")
    line = models.ForeignKey(
        BudgetLine, on_delete=models.PROTECT, null=True, blank=True, related_name="applications",
        verbose_name=_("budget line"),
    )  # fmt: skip
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("wijk"),
    )  # fmt: skip
    organisation_name = models.CharField(_("on behalf of (stichting)"), max_length=200, blank=True)
    # Before structured lead residents (LeadResident) existed: free text, kept for old drafts.
    residents_in_lead = EncryptedTextField(_("residents in the lead"), blank=True)
    # BR-05: an organisation applies only with the residents who lead it (LeadResident rows,
    # each invited as a co-initiator). The KvK number is checked by
    # burgerkracht.core.validation.kvk.
    on_behalf_of_organisation = models.BooleanField(_("on behalf of an organisation"),
                                                    default=False)  # fmt: skip
    kvk_number = models.CharField(
        _("KvK number"), max_length=8, blank=True, validators=[kvk.validate]
    )
    # Filled and locked by an eHerkenning login (issue #29): the KvK number, the branch when the
    # broker gives one, and the person who acted for the organisation.
    organisation_by_eherkenning = models.BooleanField(_("organisation from eHerkenning"),
                                                      default=False)  # fmt: skip
    branch_number = models.CharField(_("branch number"), max_length=12, blank=True)
    acting_person = models.CharField(_("acting for the organisation"), max_length=150, blank=True)
    # Step 1: the result description in the residents' own words (the yardstick).
    result_who = EncryptedTextField(_("who will take part?"), blank=True)
    result_how = EncryptedTextField(_("how will they take part and belong?"), blank=True)
    result_difference = models.TextField(_("what will be different?"), blank=True)
    # Step 2: goal and means.
    goal = models.TextField(_("goal"), blank=True)
    means = models.TextField(_("means"), blank=True)
    # Step 3: who takes part.
    expected_participants = models.PositiveIntegerField(
        _("expected participants"), null=True, blank=True
    )
    reach = EncryptedTextField(_("how you reach them"), blank=True)
    # Step 4: money.
    own_contribution = money(
        _("own contribution"), default=ZERO, validators=[MinValueValidator(ZERO)]
    )
    other_funds = money(_("other funds"), default=ZERO, validators=[MinValueValidator(ZERO)])
    other_funds_description = models.CharField(_("which other funds"), max_length=300, blank=True)
    requested_amount = money(
        _("requested amount"), null=True, blank=True, validators=[MinValueValidator(Decimal("1"))]
    )
    # Also step 4: where the money goes (SC-12). Editable until the first payment order.
    iban = EncryptedTextField(_("bank account (IBAN)"), blank=True)
    account_holder = EncryptedTextField(_("in the name of"), blank=True)
    # Step 5: time.
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    evaluation_wishes = models.TextField(_("when to look back together"), blank=True)
    # A one-off event (a festival on one day) gets one end evaluation after the event
    # instead of interim moments (BR-30 "tijdsduur"; budget/one_off.py).
    is_one_off = models.BooleanField(_("a one-off event"), default=False)
    event_on = models.DateField(_("date of the event"), null=True, blank=True)
    # Lifecycle.
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT, db_index=True,
    )  # fmt: skip
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("sent in at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications_created"
    )
    # The facilitator's checks: legal, administrative, financial. Never the welfare content.
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("checked by"),
    )  # fmt: skip
    is_complete = models.BooleanField(_("the application is complete"), default=False)
    legal_check = models.TextField(_("legal check"), blank=True)
    administrative_check = models.TextField(_("administrative check"), blank=True)
    financial_check = models.TextField(_("financial check"), blank=True)
    criterion_reasoning = models.TextField(
        _("the one criterion, against their own result description"), blank=True
    )
    proposed_amount = money(_("proposed amount"), null=True, blank=True)
    assessed_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    # The decision: an internal draft until it is published.
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices, blank=True)
    granted_amount = money(_("granted amount"), null=True, blank=True)
    alternatives = models.TextField(_("alternatives"), blank=True)
    evaluation_dates = models.JSONField(_("evaluation dates"), default=list, blank=True)
    accountability_due = models.DateField(_("accountability due"), null=True, blank=True)
    payment_schedule = models.JSONField(_("payment schedule"), default=list, blank=True)
    extra_agreements = models.TextField(_("other agreements"), blank=True)
    decision = models.OneToOneField(
        "meetlat.Decision", on_delete=models.PROTECT, null=True, blank=True,
        related_name="application",
    )  # fmt: skip
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The decision holder who decides this application: set when the check is complete and
    # it goes to the line's holders; kept when the line's holders change, until an approved
    # change reassigns it (SC-15).
    decider = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="applications_to_decide", verbose_name=_("decides"),
    )  # fmt: skip
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    award = models.OneToOneField(
        Award, on_delete=models.PROTECT, null=True, blank=True, related_name="application"
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "submitted_at"]),
            models.Index(fields=["line", "status"]),
            # The officials' queue, oldest first, and its count (target P2).
            models.Index(
                fields=["submitted_at"],
                condition=models.Q(submitted_at__isnull=False),
                name="application_sent_in",
            ),
            # The grants in a set of statuses as ids alone, read from the index (the
            # follow-up figures join evaluations and accountability to the running grants:
            # 50 ms → 11 ms at 50,000 applications, target P3).
            models.Index(fields=["status", "id"], name="application_status_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ApplicationStatus.DRAFT)
                | Q(status=ApplicationStatus.WITHDRAWN)
                | Q(submitted_at__isnull=False),
                name="application_sent_in_has_date",
                violation_error_message=_("An application that was sent in has a date."),
            ),
            models.CheckConstraint(
                condition=(Q(status__in=DECIDED_STATUSES) & Q(published_at__isnull=False))
                | (~Q(status__in=DECIDED_STATUSES) & Q(published_at__isnull=True)),
                name="application_decided_iff_published",
                violation_error_message=_("A decided application has a publication date."),
            ),
            models.CheckConstraint(
                condition=~Q(status=ApplicationStatus.REJECTED) | Q(award__isnull=True),
                name="application_rejected_has_no_award",
            ),
            models.CheckConstraint(
                condition=~Q(
                    status__in=[
                        ApplicationStatus.GRANTED,
                        ApplicationStatus.PARTLY_GRANTED,
                        ApplicationStatus.STOPPED,
                        ApplicationStatus.CLOSED,
                    ]
                )
                | Q(award__isnull=False),
                name="application_granted_has_award",
                violation_error_message=_("A granted application has an award."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.initiative)

    @property
    def reference(self) -> str:
        """The reference number quoted in pages, e-mails and letters (``SS-2026-00042``)."""
        return references.reference(references.APPLICATION, self)

    def get_absolute_url(self) -> str:
        return reverse("budget:application", args=[self.pk])

    @property
    def iban_masked(self) -> str:
        """The bank account as shown on pages: only its last four digits."""
        return f"{self.iban[:2]}•• •••• {self.iban[-4:]}" if self.iban else ""

    @property
    def total_costs(self) -> Decimal:
        return sum((line.amount for line in self.cost_lines.all()), ZERO)

    @property
    def evaluation_days(self) -> list[date]:
        """The evaluation dates as dates (stored as ISO text), for showing in the language."""
        return [date.fromisoformat(d) for d in self.evaluation_dates]

    @property
    def is_decided(self) -> bool:
        return self.status in DECIDED_STATUSES

    @property
    def is_open(self) -> bool:
        """Sent in and not decided or withdrawn yet."""
        return self.status in OPEN_STATUSES

    @property
    def leads(self) -> list:
        """The residents in the lead an organisation named (BR-05), from the rows annotated
        by application_selectors (no query) or else from the table."""
        rows = getattr(self, "lead_rows", None)
        if rows is None:
            return list(self.lead_residents.select_related("initiator"))
        return [LeadRow(**row) for row in rows]


def numbered(prefix: str, maximum: int) -> list[models.BaseConstraint]:
    """Rows numbered 1 to `maximum` within an application, each number once."""
    return [
        models.UniqueConstraint(fields=["application", "position"], name=f"{prefix}_position_once"),
        models.CheckConstraint(
            condition=Q(position__gte=1, position__lte=maximum), name=f"{prefix}_position_range"
        ),
    ]


@dataclass(frozen=True)
class LeadRow:
    """A resident in the lead as a page shows them (see Application.leads)."""

    name: str
    email: str
    has_accepted: bool


class LeadResident(models.Model):
    """A resident in the lead whom an organisation names when it applies (BR-05), invited
    as a co-initiator of the initiative; `initiator` is that invitation."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="lead_residents"
    )
    position = models.PositiveSmallIntegerField(_("number"))
    # A name and an address, like an initiator's: personal data, not a special category.
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    initiator = models.ForeignKey(
        "initiatives.Initiator", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("invitation"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("resident in the lead")
        verbose_name_plural = _("residents in the lead")
        ordering = ["position"]
        constraints = numbered("lead", MAX_LEAD_RESIDENTS)

    def __str__(self) -> str:
        return self.name or self.email

    @property
    def has_accepted(self) -> bool:
        return self.initiator is not None and self.initiator.is_active


class ResultSign(models.Model):
    """One of the one to three signs by which everyone will notice the result. The same
    signs come back at every evaluation and at the accountability afterwards."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="signs")
    position = models.PositiveSmallIntegerField(_("number"))
    text = models.CharField(_("sign"), max_length=500)

    class Meta:
        verbose_name = _("sign of the result")
        verbose_name_plural = _("signs of the result")
        ordering = ["position"]
        constraints = numbered("sign", MAX_SIGNS)

    def __str__(self) -> str:
        return self.text


class CostLine(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="cost_lines"
    )
    position = models.PositiveSmallIntegerField(_("number"))
    description = models.CharField(_("what for"), max_length=200)
    amount = money(_("amount"), validators=[MinValueValidator(Decimal("0.01"))])

    class Meta:
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["application", "position"], name="cost_position_once"),
            # Zero only after a continuation took the whole professional support off.
            models.CheckConstraint(condition=Q(amount__gte=0), name="cost_not_negative"),
        ]

    def __str__(self) -> str:
        return self.description


def attachment_path(instance: Attachment, filename: str) -> str:
    """Private storage, never under a guessable public URL; served through a view."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"private/applications/{instance.application_id}/{uuid.uuid4().hex}.{suffix}"


class Attachment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    # Receipts and photos sent with the accountability afterwards, next to the application's.
    for_accountability = models.BooleanField(_("with the accountability"), default=False)
    # A small PNG made on the server when the file is stored (budget/previews.py), beside the
    # file and as private as it; empty when the file cannot be previewed. Pages: PDFs only.
    preview = models.FileField(_("preview"), blank=True, max_length=200)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def description(self) -> str:
        """ "PDF, 2 pagina's, 340 kB" (budget/previews.py)."""
        from budget.previews import describe

        return describe(self)


class ProfessionalAdvice(models.Model):
    """Advice of a professional (wijkteam, opbouwwerk), asked by the facilitator and kept
    apart from the facilitator's own checks."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="professional_advice"
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="advice_requests",
        verbose_name=_("professional"),
    )  # fmt: skip
    question = models.TextField(_("question"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    text = models.TextField(_("advice"), blank=True)
    given_at = models.DateTimeField(_("given at"), null=True, blank=True)

    class Meta:
        verbose_name = _("professional advice")
        verbose_name_plural = _("professional advice")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(given_at__isnull=True, text="")
                | (Q(given_at__isnull=False) & ~Q(text="")),
                name="advice_given_has_text",
            )
        ]

    def __str__(self) -> str:
        return f"{self.professional}: {self.question[:40]}"


class Letter(models.Model):
    """A letter to the applicant. The row exists from publication; a worker renders the PDF
    once, stores it and mails it. Rendering again keeps the stored file."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(_("kind"), max_length=20, choices=LetterKind.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("why"), blank=True)
    # An amended award after a continuation decision (SC-14): the evaluation it follows.
    evaluation = models.ForeignKey(
        "budget.Evaluation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="letters", verbose_name=_("after the evaluation"),
    )  # fmt: skip
    file = models.FileField(_("PDF"), upload_to="private/letters/", blank=True)
    # The versions of the municipality's wording the letter was made with (issue #26).
    texts = models.ManyToManyField(
        "budget.LetterText", blank=True, related_name="letters", verbose_name=_("texts used")
    )
    generated_at = models.DateTimeField(_("made at"), null=True, blank=True)

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["generated_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.application})"

    @property
    def title(self) -> str:
        """What the letter is called: an amendment after an evaluation is the amended award
        (SC-14, "Gewijzigde toekenning")."""
        if self.kind == LetterKind.AMENDMENT and self.evaluation_id:
            return str(_("Amended award"))
        return self.get_kind_display()

    @property
    def filename(self) -> str:
        return f"{self.title.lower().replace(' ', '-')}-{self.pk}.pdf"
