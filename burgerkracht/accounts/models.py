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
