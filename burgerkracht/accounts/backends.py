"""Model permissions that follow from a role, computed rather than stored.

Administrators manage the reference data, users and roles in the management screens. Giving
that through a backend keeps it in code (reviewed, tested) instead of in permission rows an
administrator could lose or widen by accident.
"""

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
