"""allauth adapters: new accounts are residents; mail goes through the outbox as all mail does."""

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.models import Group

from burgerkracht.accounts.roles import Role
from burgerkracht.core.models import AuditEvent


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user.groups.add(Group.objects.get(name=Role.RESIDENT))
            AuditEvent.record(subject=user, actor=user, action="account.signed_up")
        return user
