from allauth import urls as allauth_urls
from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from burgerkracht.accounts.oidc import views as oidc_views

# The Django admin logs in through allauth, so staff MFA applies there too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("Burgerkracht management")
admin.site.site_title = _("Burgerkracht management")

# allauth's URLs without its deprecated social/ redirects (this portal never had them).
ALLAUTH_PATTERNS = [p for p in allauth_urls.urlpatterns if not str(p.pattern).startswith("social/")]

urlpatterns = [
    path("", include("burgerkracht.core.urls")),
    path("", include("initiatives.urls")),
    path("", include("budget.urls")),
    path("profiel/", include("burgerkracht.accounts.urls")),
    path("account/overnemen/", include("burgerkracht.accounts.claim_urls")),
    path("besluiten/", include("burgerkracht.meetlat.urls")),
    path("adviezen/", include("advice.urls")),
    path("inloggen/", include("burgerkracht.accounts.oidc.urls")),
    # allauth's OpenID Connect callback, with the checks of accounts/oidc (same address)
    path(
        "accounts/oidc/<str:provider_id>/login/callback/",
        oidc_views.callback,
        name="openid_connect_callback",
    ),
    path("accounts/", include(ALLAUTH_PATTERNS)),
    path("i18n/", include("django.conf.urls.i18n")),
    path(settings.ADMIN_URL, admin.site.urls),
]

handler403 = "burgerkracht.core.views.permission_denied"
handler404 = "burgerkracht.core.views.page_not_found"
