"""Payment orders for the finance department and the bank's paid confirmations (SC-12), and
the residents' bank account. Views are thin: check, bind, call one service, redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View

from budget import payment_files, payment_selectors, permissions, services
from budget.forms.payments import BankAccountForm, ConfirmationFileForm
from budget.views.base import ApplicationMixin
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb

PAYMENTS = gettext_lazy("Payment orders")
PAYMENTS_URL = "/samen-sterk/betalingen/"


class PaymentMixin(LoginRequiredMixin, UserPassesTestMixin, BreadcrumbsMixin):
    def test_func(self):
        return permissions.can_order_payments(self.request.user)


class PaymentOrdersView(PaymentMixin, TemplateView):
    """Ready to order (and what misses a bank account), sent and not yet paid, the orders
    sent before (to download again) and the confirmation files read."""

    template_name = "budget/payment_orders.html"

    def get_breadcrumbs(self):
        return [Crumb(PAYMENTS)]

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            **kwargs, ready=payment_selectors.ready_to_order(user),
            ordered=payment_selectors.ordered_for(user),
            orders=list(payment_selectors.orders_for(user)[:20]),
            imports=list(payment_selectors.imports_for(user)[:10]),
        )  # fmt: skip

    def post(self, request, *args, **kwargs):
        try:
            order = services.order_payments(by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(PAYMENTS_URL)
        messages.success(
            request,
            _("Payment order %(reference)s has been made. Download it and send it to the "
              "finance department.") % {"reference": order.reference},
        )  # fmt: skip
        return redirect(f"{PAYMENTS_URL}#orders")


class PaymentOrderFileView(PaymentMixin, View):
    """An order's file, CSV or XLSX: the same rows every time it is downloaded."""

    def get(self, request, pk: int, fmt: str):
        if fmt not in payment_files.MIME:
            raise Http404
        order = get_object_or_404(payment_selectors.orders_for(request.user).defer(None), pk=pk)
        content = services.order_download(by=request.user, order=order, fmt=fmt)
        response = HttpResponse(content, content_type=payment_files.MIME[fmt])
        response["Content-Disposition"] = f'attachment; filename="{order.reference}.{fmt}"'
        return response


class PaymentImportView(PaymentMixin, FormView):
    template_name = "budget/payment_import.html"
    form_class = ConfirmationFileForm

    def get_breadcrumbs(self):
        return [Crumb(PAYMENTS, PAYMENTS_URL), Crumb(_("Read paid confirmations"))]

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            payment_import = services.read_payment_file(
                by=self.request.user, filename=upload.name, content=upload.read()
            )
        except DomainError as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        return redirect("budget:payment-import-preview", pk=payment_import.pk)


class PaymentImportPreviewView(PaymentMixin, TemplateView):
    """Before confirming: what each row will do; afterwards: what it did."""

    template_name = "budget/payment_import_preview.html"

    @cached_property
    def payment_import(self):
        return get_object_or_404(
            payment_selectors.imports_for(self.request.user).defer(None), pk=self.kwargs["pk"]
        )

    def get_breadcrumbs(self):
        return [Crumb(PAYMENTS, PAYMENTS_URL), Crumb(self.payment_import.filename)]

    def get_context_data(self, **kwargs):
        imported, user = self.payment_import, self.request.user
        rows = imported.summary.get("rows", []) if imported.confirmed_at else (
            payment_selectors.preview(user, imported)
        )  # fmt: skip
        return super().get_context_data(
            **kwargs, payment_import=imported,
            rows=[{**row, "explanation": payment_selectors.explain(row)} for row in rows],
            to_pay=sum(1 for row in rows if row["outcome"] == "pay"),
            can_confirm=permissions.can_confirm_payment_import(user, imported),
        )  # fmt: skip

    def post(self, request, *args, **kwargs):
        try:
            done = services.confirm_payment_file(
                by=request.user, payment_import=self.payment_import
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            paid = done.summary["counts"].get("paid", 0)
            messages.success(request, ngettext(
                "Done: %(count)d payment marked as paid.",
                "Done: %(count)d payments marked as paid.", paid) % {"count": paid})  # fmt: skip
        return redirect(request.path)


def _may_change_bank_account(user, application) -> bool:
    return permissions.can_change_bank_account(
        user, application, ordered=payment_selectors.has_payment_order(application)
    )


class BankAccountView(ApplicationMixin, FormView):
    """The residents' bank account for the payments, until the first payment order."""

    template_name = "budget/application_form.html"
    form_class = BankAccountForm
    permission = staticmethod(_may_change_bank_account)
    title = gettext_lazy("Bank account for the payments")

    def get_initial(self):
        return {"iban": self.application.iban, "account_holder": self.application.account_holder}

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(self.title)]

    def get_context_data(self, **kwargs):
        intro = _("We pay the grant to this account. You can change it until the first "
                  "payment order goes to the finance department.")  # fmt: skip
        return super().get_context_data(**kwargs, title=self.title, intro=intro)

    def form_valid(self, form):
        try:
            services.change_bank_account(by=self.request.user, application=self.application,
                                         **form.cleaned_data)  # fmt: skip
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The bank account has been saved."))
        return redirect(reverse("budget:application", args=[self.application.pk]))
