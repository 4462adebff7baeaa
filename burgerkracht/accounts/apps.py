from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "burgerkracht.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.account.signals import user_logged_in

        from burgerkracht.accounts.oidc.services import finish_login

        def _finish_login(sender, request, user, **kwargs):
            finish_login(request, user, kwargs.get("sociallogin"))

        user_logged_in.connect(_finish_login, weak=False, dispatch_uid="accounts.oidc.finish_login")
