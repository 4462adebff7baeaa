from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

# The Django admin logs in through allauth, so staff MFA applies there too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("Burgerkracht management")
admin.site.site_title = _("Burgerkracht management")

urlpatterns = [
    path("", include("burgerkracht.core.urls")),
    path("", include("initiatives.urls")),
    path("", include("budget.urls")),
    path("profiel/", include("burgerkracht.accounts.urls")),
    path("account/overnemen/", include("burgerkracht.accounts.claim_urls")),
    path("besluiten/", include("burgerkracht.meetlat.urls")),
    path("adviezen/", include("advice.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path(settings.ADMIN_URL, admin.site.urls),
]

handler403 = "burgerkracht.core.views.permission_denied"
handler404 = "burgerkracht.core.views.page_not_found"
