from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "burgerkracht.accounts"
    label = "accounts"
    # Not "Accounts": allauth's app (the e-mail addresses) has that name in the admin.
    verbose_name = _("Users and login methods")
