"""/account/overnemen/: a resident without e-mail takes over their account (SC-11). No login."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import FormView

from burgerkracht.accounts import claim
from burgerkracht.accounts.forms import ClaimStartForm
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb


class ClaimStartView(BreadcrumbsMixin, FormView):
    template_name = "accounts/claim_start.html"
    form_class = ClaimStartForm

    def get_breadcrumbs(self):
        return [Crumb(gettext_lazy("Take over your account"))]

    def form_valid(self, form):
        try:
            claim.request_claim(**form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        return self.render_to_response(
            self.get_context_data(form=form, sent_to=form.cleaned_data["email"])
        )


@method_decorator(never_cache, name="dispatch")
class ClaimConfirmView(BreadcrumbsMixin, FormView):
    template_name = "accounts/claim_confirm.html"
    form_class = SetPasswordForm

    def get_breadcrumbs(self):
        return [Crumb(gettext_lazy("Take over your account"))]

    def dispatch(self, request, *args, **kwargs):
        try:
            self.claim, self.email = claim.read_token(kwargs["token"])
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("claim:start")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.claim.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, email=self.email, resident=self.claim.user)

    def form_valid(self, form):
        try:
            claim.confirm_claim(token=self.kwargs["token"], password_form=form)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Your account is yours now. Log in with your e-mail address.")
        )
        return redirect("account_login")
