"""Model permissions that follow from a role, computed rather than stored.

Administrators manage the reference data, users and roles in the management screens. Giving
that through a backend keeps it in code (reviewed, tested) instead of in permission rows an
administrator could lose or widen by accident.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from allauth.mfa.models import Authenticator
from django.contrib.auth import backends
from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Exists, OuterRef

from burgerkracht.accounts.models import User
from burgerkracht.accounts.roles import Role

ADMINISTRATOR_APPS = frozenset({"core", "accounts", "auth", "account", "mfa", "advice"})


class RolePermissionBackend:
    def authenticate(self, request, **credentials):
        return None  # authentication is allauth's job

    def _is_administrator(self, user) -> bool:
        return bool(user.is_active and user.is_authenticated and user.has_role(Role.ADMINISTRATOR))

    def has_perm(self, user, perm: str, obj=None) -> bool:
        app_label = perm.split(".", 1)[0]
        return self._is_administrator(user) and app_label in ADMINISTRATOR_APPS

    def has_module_perms(self, user, app_label: str) -> bool:
        return self._is_administrator(user) and app_label in ADMINISTRATOR_APPS


class SignedInUserMixin:
    """The signed-in person of every request, with their roles and whether they have a
    second factor in the same query: every page asks both (the navigation, the permission
    checks, StaffMfaRequiredMiddleware), which would otherwise be two more queries."""

    def get_user(self, user_id):
        user = (
            User._default_manager.annotate(
                loaded_roles=ArraySubquery(
                    Group.objects.filter(user=OuterRef("pk")).values("name")
                ),
                loaded_totp=Exists(
                    Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
                ),
            )
            .filter(pk=user_id)
            .first()
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        user.__dict__["role_names"] = frozenset(user.loaded_roles)  # the cached_property
        user.__dict__["has_second_factor"] = user.loaded_totp
        return user


class ModelBackend(SignedInUserMixin, backends.ModelBackend):
    pass


class AuthenticationBackend(SignedInUserMixin, AllauthBackend):
    pass
