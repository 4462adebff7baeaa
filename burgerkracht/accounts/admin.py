import os

from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from burgerkracht.accounts.models import LoginMethod, User

# allauth's social-account screens: the brokers are LoginMethod rows (below), tokens are never
# stored, and a DigiD link shows on the user as the masked BSN.
for _model in (SocialApp, SocialToken, SocialAccount):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "date_joined"]
    list_filter = ["is_active", "is_staff", "groups"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["date_joined", "last_login", "erased_at", "masked_bsn"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "phone", "neighbourhood")}),
        (_("Post"), {"fields": ("street_address", "postal_code", "city", "by_post")}),
        (_("Notifications"), {"fields": ("notify_messages", "notify_status", "notify_reminders")}),
        (_("Roles"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (
            _("DigiD and eHerkenning"),
            {"fields": ("masked_bsn", "kvk_number", "branch_number", "organisation_name")},
        ),
        (_("Dates"), {"fields": ("date_joined", "last_login", "erased_at")}),
    )

    @admin.display(description=_("BSN"))
    def masked_bsn(self, obj):
        return obj.masked_bsn  # never in full

    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(LoginMethod)
class LoginMethodAdmin(admin.ModelAdmin):
    """DigiD, eHerkenning and the staff's SSO: the broker's address and client id, the claim
    names and the levels. The client secret is in the environment, never here."""

    list_display = ["kind", "label", "enabled", "server_url", "client_id", "secret_set"]
    list_filter = ["enabled"]
    fieldsets = (
        (None, {"fields": ("kind", "enabled", "label")}),
        (_("Broker"), {"fields": ("server_url", "client_id", "scope", "secret_variable")}),
        (
            _("Claims"),
            {
                "fields": (
                    "claim_bsn", "claim_level", "claim_kvk", "claim_branch",
                    "claim_organisation", "claim_name", "claim_email",
                )
            },
        ),
        (_("DigiD level per action"), {"fields": ("level_initiative", "level_application")}),
        (
            _("Staff: second factor and roles"),
            {"fields": ("second_factor_amr", "second_factor_acr", "claim_roles", "role_mapping")},
        ),
    )  # fmt: skip
    readonly_fields = ["secret_variable"]

    @admin.display(description=_("environment variable with the client secret"))
    def secret_variable(self, obj):
        return obj.secret_variable if obj.pk else _("OIDC_<KIND>_SECRET")

    @admin.display(boolean=True, description=_("secret set"))
    def secret_set(self, obj):
        return bool(os.environ.get(obj.secret_variable))
