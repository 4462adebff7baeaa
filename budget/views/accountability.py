"""The accountability afterwards: its page, the residents' four steps (saved per step),
receipts and photos, sending it in, and the facilitator's review (ask for more, settle)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from budget import permissions, services
from budget.application_selectors import accountability_detail
from budget.enums import ACCOUNTABILITY_STEPS, AccountabilityStatus
from budget.forms.assessment import OptionalReasonForm, ReasonForm
from budget.forms.followup import ACCOUNTABILITY_FORMS, ReceiptForm, SettleForm
from budget.models import Accountability
from budget.services.accountability import STEP_FIELDS, accountability_missing, settlement
from budget.views.base import PartMixin, PartPageMixin, ReadAuditMixin, TitledPageMixin
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.ui.breadcrumbs import Crumb
from initiatives import permissions as initiative_permissions
from initiatives.enums import LessonSource
from initiatives.lesson_selectors import new_lesson_url

STEPS = dict(ACCOUNTABILITY_STEPS)


class AccountabilityMixin(PartMixin):
    permission = staticmethod(permissions.can_view_accountability)
    part_name = "accountability"

    @property
    def accountability(self) -> Accountability:
        return self.part

    part_title = gettext_lazy("Accountability afterwards")

    # Whether the page shows the settlement's figures: then the grant's money comes with the
    # application's query.
    with_money = False

    def load_part(self) -> Accountability:
        """With its application in one query: the page does not load it twice."""
        return accountability_detail(
            self.kwargs["pk"], parts=self.application_parts, viewer=self.request.user,
            with_money=self.with_money,
        )  # fmt: skip


class AccountabilityView(ReadAuditMixin, PartPageMixin, AccountabilityMixin, TemplateView):
    read_purpose = gettext_lazy("Viewing the accountability")
    template_name = "budget/accountability.html"
    application_parts = ("signs", "cost_lines", "attachments")
    with_money = True

    def get_context_data(self, **kwargs):
        user, a = self.request.user, self.accountability
        can_edit = permissions.can_edit_accountability(user, a)
        return super().get_context_data(
            **kwargs,
            steps=ACCOUNTABILITY_STEPS,
            can_edit=can_edit,
            can_review=permissions.can_review_accountability(user, a),
            missing=accountability_missing(a) if can_edit else [],
            reached={r.sign_id: r for r in a.sign_results.all()},
            spent={s.cost_line_id: s for s in a.spending.all()},
            files=[f for f in a.application.attachments.all() if f.for_accountability],
            figures=settlement(a),
            new_lesson_url=self.new_lesson_url(),
        )

    def new_lesson_url(self) -> str:
        """What others can learn from it, into the lessons library (F-S10): for the
        initiative's officials, once the residents sent it in."""
        a, user = self.accountability, self.request.user
        initiative = a.application.initiative
        official = initiative_permissions.is_facilitator(user, initiative) or (
            initiative_permissions.is_coordinator(user)
        )
        if a.status == AccountabilityStatus.OPEN or not official:
            return ""
        return new_lesson_url(initiative, LessonSource.ACCOUNTABILITY)


class StepView(AccountabilityMixin, FormView):
    template_name = "budget/accountability_step.html"
    permission = staticmethod(permissions.can_edit_accountability)

    @property
    def step(self) -> int:
        if self.kwargs["step"] not in ACCOUNTABILITY_FORMS:
            raise Http404
        return self.kwargs["step"]

    def get_form_class(self):
        return ACCOUNTABILITY_FORMS[self.step]

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "partial": "later" in self.request.POST}
        if self.step == 1:
            kwargs["signs"] = list(self.application.signs.all())
        if self.step == 3:
            kwargs["cost_lines"] = list(self.application.cost_lines.all())
        if self.step == 4:
            kwargs["ask_consent"] = not self.application.initiative.publication_consent
            kwargs["one_off"] = self.application.is_one_off
        return kwargs

    def get_initial(self):
        a = self.accountability
        initial = {name: getattr(a, name) for name in STEP_FIELDS.get(self.step, ())}
        if self.step == 1:
            initial.update({f"sign_{r.sign_id}": r.reached for r in a.sign_results.all()})
        if self.step == 3:
            for s in a.spending.all():
                initial.update(
                    {f"spent_{s.cost_line_id}": s.spent, f"note_{s.cost_line_id}": s.note}
                )
        return initial

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(STEPS[self.step])]

    def get_context_data(self, **kwargs):
        receipt_form = kwargs.pop("receipt_form", None)  # bound, when a file was refused
        if receipt_form is None:
            receipt_form = self.receipt_form()
        previous = (
            reverse("budget:accountability-step", args=[self.accountability.pk, self.step - 1])
            if self.step > 1 else ""
        )  # fmt: skip
        return super().get_context_data(
            **kwargs, step=self.step, total_steps=len(STEPS), step_title=STEPS[self.step],
            previous_url=previous,
            receipt_form=receipt_form,
            subject_line=_("Accountability afterwards"),
            back_url=self.accountability.get_absolute_url(),
            back_label=_("Back to the accountability"),
            files=[f for f in self.application.attachments.all() if f.for_accountability],
        )  # fmt: skip

    def receipt_form(self, **kwargs) -> ReceiptForm | None:
        if self.step != 3:
            return None
        action = reverse("budget:accountability-file", args=[self.accountability.pk])
        return ReceiptForm(action=action, **kwargs)

    def form_valid(self, form):
        data = form.values()
        if "later" in self.request.POST:
            data = {k: v for k, v in data.items() if v not in ("", None)}
            if "spending" in data:
                data["spending"] = {k: v for k, v in data["spending"].items() if v[0] is not None}
            if "signs" in data:
                data["signs"] = {k: v for k, v in data["signs"].items() if v}
        try:
            services.save_accountability_step(
                accountability=self.accountability, by=self.request.user, step=self.step, data=data
            )
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        if "later" in self.request.POST or self.step == len(STEPS):
            messages.success(self.request, _("Saved."))
            return redirect(self.accountability.get_absolute_url())
        return redirect("budget:accountability-step", self.accountability.pk, self.step + 1)


class ReceiptView(StepView):
    """POST only: add a receipt or photo from step 3 (the form lives on that page). A refused
    file shows step 3 again, with the error next to the file field and in its summary."""

    http_method_names = ["post"]
    step = 3

    def post(self, request, *args, **kwargs):
        receipt_form = self.receipt_form(data=request.POST, files=request.FILES)
        if receipt_form.is_valid():
            try:
                services.add_accountability_file(
                    accountability=self.accountability, by=request.user,
                    upload=receipt_form.cleaned_data["file"],
                )  # fmt: skip
            except DomainError as error:
                receipt_form.add_error("file", error.message)
            else:
                messages.success(request, _("The file has been added."))
                return redirect("budget:accountability-step", self.accountability.pk, 3)
        step_form = self.get_form_class()(
            initial=self.get_initial(), cost_lines=list(self.application.cost_lines.all())
        )
        return self.render_to_response(
            self.get_context_data(form=step_form, receipt_form=receipt_form)
        )


class FormPage(TitledPageMixin, AccountabilityMixin, FormView):
    template_name = "budget/accountability_form.html"


class SubmitView(FormPage):
    form_class = OptionalReasonForm
    permission = staticmethod(permissions.can_edit_accountability)
    title = gettext_lazy("Send in your accountability")
    intro = gettext_lazy("The facilitator checks whether it is complete, not whether it is good.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "label": _("Anything to add?"),
                "button": _("Send in")}  # fmt: skip

    def form_valid(self, form):
        return self.attempt(
            form, services.submit_accountability, _("Thank you. Your accountability is sent in.")
        )


class AskMoreView(FormPage):
    form_class = ReasonForm
    permission = staticmethod(permissions.can_review_accountability)
    title = gettext_lazy("Ask for more")
    intro = gettext_lazy("Only about what is missing; not about the welfare content.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "label": _("What do you need?"),
                "button": _("Send the question")}  # fmt: skip

    def form_valid(self, form):
        return self.attempt(
            form, services.ask_for_more, _("Your question has been sent."),
            question=form.cleaned_data["reason"],
        )  # fmt: skip


class SettleView(FormPage):
    template_name = "budget/settle.html"
    form_class = SettleForm
    with_money = True
    permission = staticmethod(permissions.can_review_accountability)
    title = gettext_lazy("Accept and settle")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, figures=settlement(self.accountability))

    def form_valid(self, form):
        return self.attempt(
            form, services.settle_accountability, _("Settled. The grant is closed."),
            note=form.cleaned_data["note"],
        )  # fmt: skip
