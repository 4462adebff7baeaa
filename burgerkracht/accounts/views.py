import json

from allauth.account.decorators import reauthentication_required
from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from burgerkracht.accounts import services
from burgerkracht.accounts.forms import DeleteAccountForm, ProfileForm
from burgerkracht.accounts.models import LoginMethod
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb


def _profile_trail(current: str) -> list[Crumb]:
    return [Crumb(gettext_lazy("My profile"), reverse("accounts:profile")), Crumb(current)]


class ProfileView(LoginRequiredMixin, BreadcrumbsMixin, TemplateView):
    template_name = "accounts/profile_detail.html"

    def get_breadcrumbs(self):
        return [Crumb(gettext_lazy("My profile"))]

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            **kwargs,
            profile=user,
            email_verified=EmailAddress.objects.filter(
                user=user, email__iexact=user.email, verified=True
            ).exists(),
            has_second_factor=user.has_second_factor,
            # A DigiD, eHerkenning or SSO account has no password: nothing to change (0039).
            has_password=user.has_usable_password(),
            offer_digid=not (user.bsn or user.kvk_number or user.is_municipal_staff)
            and LoginMethod.objects.filter(kind=LoginMethod.Kind.DIGID, enabled=True).exists(),
        )


class ProfileUpdateView(LoginRequiredMixin, BreadcrumbsMixin, FormView):
    template_name = "accounts/profile_form.html"
    form_class = ProfileForm

    def get_breadcrumbs(self):
        return _profile_trail(gettext_lazy("Change my details"))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.request.user}

    def form_valid(self, form):
        changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
        # The form's instance already carries the new values; start from the stored row.
        self.request.user.refresh_from_db()
        services.update_profile(user=self.request.user, by=self.request.user, **changes)
        messages.success(self.request, _("Your details have been saved."))
        return redirect("accounts:profile")


@method_decorator(never_cache, name="dispatch")
class DataExportView(LoginRequiredMixin, View):
    """The person's own data: never kept by a browser or proxy cache (private, no-store)."""

    def get(self, request):
        data = services.export_personal_data(user=request.user)
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="mijn-gegevens-{stamp}.json"'
        return response


def _deleting(request) -> bool:
    return bool(request.POST.get("confirm"))


# Deleting asks for the password (or second factor) again, unless the person confirmed it in
# the last five minutes (allauth's reauthentication); a form with errors is shown first.
@method_decorator(reauthentication_required(allow_get=True, enabled=_deleting), name="dispatch")
class DeleteAccountView(LoginRequiredMixin, BreadcrumbsMixin, FormView):
    """Residents and other outside accounts delete themselves; the municipality's staff are
    deactivated by an administrator, so what they did stays traceable to their role."""

    template_name = "accounts/account_delete.html"
    form_class = DeleteAccountForm

    def get_breadcrumbs(self):
        return _profile_trail(gettext_lazy("Delete my account"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, staff=self.request.user.is_municipal_staff)

    def post(self, request, *args, **kwargs):
        if request.user.is_municipal_staff:
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        user = self.request.user
        logout(self.request)
        services.delete_account(user=user, by=user, reason=form.cleaned_data["reason"])
        messages.success(self.request, _("Your account has been deleted."))
        return redirect("core:home")
