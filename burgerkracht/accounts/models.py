"""The user: e-mail is the login; roles are groups (see roles.py)."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from burgerkracht.accounts.roles import OVERSEER_ROLES, POST_QUEUE_ROLES, STAFF_ROLES, Role
from burgerkracht.core.privacy.fields import EncryptedTextField


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    # Empty (NULL) for a resident without e-mail whom a professional registered (SC-11): such
    # a person has no login and gets every letter and notice by post.
    email = models.EmailField(_("e-mail address"), unique=True, null=True, blank=True)
    full_name = models.CharField(_("name"), max_length=150, blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    street_address = models.CharField(_("street and house number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    by_post = models.BooleanField(
        _("send me letters and notices by post"),
        default=False,
        help_text=_("Instead of by e-mail. We need your postal address for this."),
    )
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )
    notify_messages = models.BooleanField(_("e-mail me when I get a message"), default=True)
    notify_status = models.BooleanField(
        _("e-mail me when something I submitted changes"), default=True
    )
    notify_reminders = models.BooleanField(
        _("e-mail me reminders of dates and deadlines"), default=True
    )
    is_staff = models.BooleanField(
        _("may use the technical management screens"),
        default=False,
        help_text=_("Only for administrators of the portal."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    erased_at = models.DateTimeField(_("account deleted at"), null=True, blank=True)
    # DigiD (accounts/oidc): the BSN encrypted, and a keyed hash of it to find the person
    # again (oidc/claims.py, bsn_hash). Shown only masked, never logged (docs/privacy.md).
    bsn = EncryptedTextField(_("BSN"), blank=True)
    bsn_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # eHerkenning: the organisation the person last logged in for, from the broker's claims.
    kvk_number = models.CharField(_("KvK number"), max_length=8, blank=True)
    branch_number = models.CharField(_("branch number"), max_length=12, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_ci_unique",
                violation_error_message=_("There is already an account with this e-mail address."),
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.email or str(_("resident without e-mail"))

    @property
    def masked_bsn(self) -> str:
        """The BSN as it may be shown: the last four digits only (*****1234)."""
        return f"*****{self.bsn[-4:]}" if self.bsn else ""

    @property
    def gets_post(self) -> bool:
        """Letters and notices go by post: no e-mail address, or the person chose post."""
        return self.by_post or not self.email

    @property
    def postal_lines(self) -> list[str]:
        """The address block of a letter: name, street, postal code and town."""
        lines = [self.full_name, self.street_address, f"{self.postal_code}  {self.city}".strip()]
        return [line for line in lines if line]

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else (self.email or "")

    @cached_property
    def role_names(self) -> frozenset[str]:
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_names & set(roles))

    @cached_property
    def has_second_factor(self) -> bool:
        """Whether the person has set up an authenticator app (TOTP)."""
        from allauth.mfa.models import Authenticator

        return Authenticator.objects.filter(user=self, type=Authenticator.Type.TOTP).exists()

    @property
    def is_municipal_staff(self) -> bool:
        return bool(self.role_names & STAFF_ROLES)

    # What core asks about a person's roles: core may not import accounts (accounts stands on
    # it), so it asks the user (settings.AUTH_USER_MODEL) instead of naming role sets.

    @property
    def sees_post_queue(self) -> bool:
        """The post queue (core.postal.queue): its facilitators and who oversees them."""
        return self.has_role(*POST_QUEUE_ROLES)

    @property
    def sees_every_post_item(self) -> bool:
        """Every letter in the post queue, not only those of one's own initiatives."""
        return self.has_role(*OVERSEER_ROLES)

    @property
    def has_roles_beyond_resident(self) -> bool:
        """Whether "Your roles" says anything: a resident is not told "Your roles: Resident"."""
        return any(role != Role.RESIDENT for role in self.role_names)

    @property
    def requires_mfa(self) -> bool:
        """Staff roles and anyone who may open the technical screens need a second factor."""
        return self.is_municipal_staff or self.is_staff or self.is_superuser

    @property
    def roles(self) -> list[Role]:
        return [Role(name) for name in sorted(self.role_names) if name in Role.values]


class ClaimCode(models.Model):
    """A one-time code with which a resident without e-mail takes over their account (SC-11).

    Only a hash of the code is stored: the code itself is printed once, on the claim letter."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="claim_codes", verbose_name=_("resident")
    )
    code_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    created_at = models.DateTimeField(_("made at"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("claim code")
        verbose_name_plural = _("claim codes")

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"

    @property
    def is_valid(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()


class AssuranceLevel(models.TextChoices):
    """DigiD's levels of assurance (betrouwbaarheidsniveaus), lowest first."""

    BASIS = "basis", _("Basis")
    MIDDEN = "midden", _("Midden")
    SUBSTANTIEEL = "substantieel", _("Substantieel")
    HOOG = "hoog", _("Hoog")

    @classmethod
    def rank(cls, level: str) -> int:
        """0 for no level (not logged in with DigiD), 1 for basis … 4 for hoog."""
        return cls.values.index(level) + 1 if level in cls.values else 0


class LoginMethod(models.Model):
    """A way to log in through an OpenID Connect broker: DigiD, eHerkenning or the staff's
    single sign-on. Data, set by an administrator; the client secret is never stored here but
    read from the environment (`OIDC_<KIND>_SECRET`, see `secret_variable`)."""

    class Kind(models.TextChoices):
        DIGID = "digid", _("DigiD (residents)")
        EHERKENNING = "eherkenning", _("eHerkenning (organisations)")
        STAFF = "staff", _("Single sign-on (municipal staff)")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, unique=True)
    enabled = models.BooleanField(
        _("switched on"), default=False, help_text=_("Only switched-on methods are offered.")
    )
    label = models.CharField(
        _("button text"), max_length=80, help_text=_('For example "Inloggen met DigiD".')
    )
    server_url = models.URLField(
        _("discovery URL of the broker"),
        max_length=300,
        help_text=_(
            "The issuer, or its /.well-known/openid-configuration address. The client secret "
            "comes from the environment variable named below, never from here."
        ),
    )
    client_id = models.CharField(_("client id"), max_length=200)
    scope = models.CharField(
        _("scopes"), max_length=300, default="openid", help_text=_("Separated by spaces.")
    )
    claim_bsn = models.CharField(_("claim with the BSN"), max_length=100, default="bsn")
    claim_kvk = models.CharField(_("claim with the KvK number"), max_length=100, default="kvk")
    claim_branch = models.CharField(
        _("claim with the branch number"), max_length=100, default="vestigingsnummer", blank=True
    )
    claim_organisation = models.CharField(
        _("claim with the organisation's name"), max_length=100, blank=True
    )
    claim_level = models.CharField(
        _("claim with the level of assurance"),
        max_length=100,
        default="acr",
        help_text=_("Its value is a level (basis, midden …) or the SAML class of one."),
    )
    claim_name = models.CharField(_("claim with the name"), max_length=100, default="name")
    claim_email = models.CharField(
        _("claim with the e-mail address"), max_length=100, default="email", blank=True
    )
    second_factor_amr = models.CharField(
        _("amr values that count as a second factor"),
        max_length=300,
        default="mfa otp hwk swk sms",
        blank=True,
        help_text=_("Staff only. Separated by spaces."),
    )
    second_factor_acr = models.CharField(
        _("acr values that count as a second factor"),
        max_length=300,
        default="http://schemas.openid.net/pape/policies/2007/06/multi-factor",
        blank=True,
        help_text=_("Staff only. Separated by spaces."),
    )
    claim_roles = models.CharField(
        _("claim with roles"),
        max_length=100,
        blank=True,
        help_text=_("Staff only, optional: the portal's roles are then taken from this claim."),
    )
    role_mapping = models.JSONField(
        _("roles per claim value"),
        default=dict,
        blank=True,
        help_text=_('Staff only, for example {"sg-subsidie": "facilitator"}.'),
    )
    level_initiative = models.CharField(
        _("DigiD level to send in an initiative"),
        max_length=20,
        choices=AssuranceLevel.choices,
        default=AssuranceLevel.BASIS,
    )
    level_application = models.CharField(
        _("DigiD level to send in a Samen Sterk application"),
        max_length=20,
        choices=AssuranceLevel.choices,
        default=AssuranceLevel.MIDDEN,
    )

    class Meta:
        verbose_name = _("login method")
        verbose_name_plural = _("login methods")
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.label or self.get_kind_display()

    @property
    def secret_variable(self) -> str:
        return f"OIDC_{self.kind.upper()}_SECRET"

    def values(self, field: str) -> set[str]:
        return set(getattr(self, field).split())
