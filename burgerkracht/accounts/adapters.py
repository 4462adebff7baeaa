"""allauth adapters: new accounts are residents; mail goes through the outbox as all mail does."""

from types import SimpleNamespace
from urllib.parse import urlparse

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

from burgerkracht.accounts.roles import Role
from burgerkracht.core.messaging.notifications import on_site
from burgerkracht.core.models import AuditEvent, Municipality


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # The per-account limit slows a guesser down; the owner gets past it with a code.
        "too_many_login_attempts": gettext_lazy(
            "There were too many wrong passwords for this account. Wait a few minutes, or log "
            "in with a code that we send to your e-mail address (the button below)."
        ),
    }

    def get_client_ip(self, request):
        """allauth's choice (the socket's peer, or the address TRUSTED_PROXY_COUNT proxies
        back in X-Forwarded-For); a shorter X-Forwarded-For than configured did not come
        through all our proxies, so the peer is counted, never a server error."""
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            return request.META["REMOTE_ADDR"]

    def get_logout_redirect_url(self, request):
        """After a broker login, logging out goes on to the broker's logout (oidc/views.py)."""
        from burgerkracht.accounts.oidc import session as broker_session
        from burgerkracht.accounts.oidc.views import logged_out_url

        if broker_session.login_kind(request):
            return logged_out_url()
        return super().get_logout_redirect_url(request)

    def logout(self, request):
        from burgerkracht.accounts.oidc.views import LOGOUT_URL_KEY, broker_logout_url

        url = broker_logout_url(request)
        super().logout(request)
        if url:
            request.session[LOGOUT_URL_KEY] = url

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user.groups.add(Group.objects.get(name=Role.RESIDENT))
            AuditEvent.record(subject=user, actor=user, action="account.signed_up")
        return user

    def send_mail(self, template_prefix, email, context):
        # allauth signs its mails with the site's name; ours is the municipality's.
        site = SimpleNamespace(
            name=Municipality.current().name, domain=urlparse(settings.SITE_URL).netloc
        )
        # allauth builds its links (verify, reset, sign up) from the request's host; every
        # link in our mail points at SITE_URL instead, as the outbox's other mail does.
        links = {
            key: on_site(value)
            for key, value in context.items()
            if key.endswith("_url") and isinstance(value, str) and "://" in value
        }
        super().send_mail(template_prefix, email, {**context, **links, "current_site": site})
