"""Interim evaluation pages: the evaluation itself, planning the visit, the facilitator's
notes (three steps, saved per step), the residents' view, the continuation decision; and
marking a tranche as paid. Thin: check, bind, call a service."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from budget import continuation_facts, permissions, selectors, services
from budget.forms.assessment import ReasonForm
from budget.forms.followup import (
    RECORD_FORMS,
    RECORD_STEPS,
    ContinuationForm,
    PaidForm,
    ResidentViewForm,
    VisitForm,
)
from budget.models import Evaluation, Tranche
from budget.services.continuation import continuation_missing, open_tranche_amount
from budget.services.evaluation import record_missing
from budget.services.partners import contributions_at
from budget.views.base import (
    ApplicationMixin,
    PartMixin,
    PartPageMixin,
    ReadAuditMixin,
    TitledPageMixin,
)
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.ui.breadcrumbs import Crumb
from burgerkracht.core.ui.formatting import day, euro
from burgerkracht.meetlat.services import missing_for_finalisation


class EvaluationMixin(PartMixin):
    permission = staticmethod(permissions.can_view_evaluation)
    part_name = "evaluation"

    @property
    def evaluation(self) -> Evaluation:
        return self.part

    def load_part(self) -> Evaluation:
        evaluation = get_object_or_404(
            Evaluation.objects.select_related("decision", "recorded_by", "decided_by",
                                              "resident_view_by", "extra_award", "cost_line")
            .prefetch_related("visitors", "observations"),
            pk=self.kwargs["pk"],
        )  # fmt: skip
        evaluation.application = self.load_application(evaluation.application_id)
        return evaluation

    def get_part_title(self) -> str:
        return _("Evaluation of %(date)s") % {"date": day(self.part.planned_on)}


class EvaluationView(ReadAuditMixin, PartPageMixin, EvaluationMixin, TemplateView):
    read_purpose = gettext_lazy("Viewing the evaluation")
    template_name = "budget/evaluation.html"
    application_parts = ("signs",)

    def get_context_data(self, **kwargs):
        user, e = self.request.user, self.evaluation
        internal = permissions.can_see_assessment(user, e.application)
        return super().get_context_data(
            **kwargs,
            observations={o.sign_id: o.seen for o in e.observations.all()},
            contributions=contributions_at(e),
            can_record=permissions.can_record_evaluation(user, e),
            can_give_view=permissions.can_give_resident_view(user, e),
            can_decide=permissions.can_decide_continuation(user, e),
            internal=internal,
            letter=continuation_facts.amendment_letter(e, internal=internal),
            record_missing=record_missing(e) if permissions.can_record_evaluation(user, e) else [],
            steps=RECORD_STEPS,
        )


class FormPage(TitledPageMixin, EvaluationMixin, FormView):
    template_name = "budget/evaluation_form.html"


class VisitView(FormPage):
    form_class = VisitForm
    permission = staticmethod(permissions.can_record_evaluation)
    title = gettext_lazy("Plan the visit")
    intro = gettext_lazy("Go on a visit when you can: see it for yourself. The residents are told.")

    def get_initial(self):
        e = self.evaluation
        return {"visit_on": e.visit_on or e.planned_on,
                "visitors": list(e.visitors.all()) or [self.request.user]}  # fmt: skip

    def form_valid(self, form):
        return self.attempt(
            form, services.plan_visit, _("The visit has been planned."),
            visit_on=form.cleaned_data["visit_on"], visitors=form.cleaned_data["visitors"],
        )  # fmt: skip


class RecordStepView(EvaluationMixin, FormView):
    """The facilitator's notes, one step at a time; "save and continue later" keeps all."""

    template_name = "budget/evaluation_step.html"
    permission = staticmethod(permissions.can_record_evaluation)

    @property
    def step(self) -> int:
        if self.kwargs["step"] not in RECORD_FORMS:
            raise Http404
        return self.kwargs["step"]

    def get_form_class(self):
        return RECORD_FORMS[self.step]

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "partial": "later" in self.request.POST}
        if self.step == 3:
            kwargs["signs"] = list(self.application.signs.all())
        return kwargs

    def get_initial(self):
        e = self.evaluation
        if self.step == 3:
            return {f"sign_{o.sign_id}": o.seen for o in e.observations.all()}
        names = services.evaluation.RECORD_STEPS[self.step]
        return {name: getattr(e, name) for name in names}

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(dict(RECORD_STEPS)[self.step])]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, step=self.step, total_steps=len(RECORD_STEPS),
            step_title=dict(RECORD_STEPS)[self.step],
            previous_url=reverse("budget:evaluation-step", args=[self.evaluation.pk, self.step - 1])
            if self.step > 1 else "",
            subject_line=_("Evaluation of %(date)s")
            % {"date": day(self.evaluation.planned_on)},
            back_url=self.evaluation.get_absolute_url(),
            back_label=_("Back to the evaluation"),
        )  # fmt: skip

    def form_valid(self, form):
        data = form.values()
        if "later" in self.request.POST:
            data = {k: v for k, v in data.items() if v not in ("", None) or self.step == 3}
        try:
            services.save_evaluation_record(
                evaluation=self.evaluation, by=self.request.user, step=self.step, data=data
            )
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        if "later" in self.request.POST or self.step == len(RECORD_STEPS):
            messages.success(self.request, _("Saved."))
            return redirect(self.evaluation.get_absolute_url())
        return redirect("budget:evaluation-step", self.evaluation.pk, self.step + 1)


class CompleteRecordView(FormPage):
    form_class = ReasonForm
    permission = staticmethod(permissions.can_record_evaluation)
    title = gettext_lazy("Send to the decision holder")
    intro = gettext_lazy(
        "The decision holders of the line decide how it continues. The residents can add their "
        "view until then."
    )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "label": _("Anything to add?"),
                "button": self.title}  # fmt: skip

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["reason"].required = False
        return form

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, missing=record_missing(self.evaluation))

    def form_valid(self, form):
        return self.attempt(
            form, services.complete_evaluation_record, _("Sent to the decision holder.")
        )


class ResidentViewView(FormPage):
    form_class = ResidentViewForm
    permission = staticmethod(permissions.can_give_resident_view)
    title = gettext_lazy("Your view")
    intro = gettext_lazy("How is it going, in your own words? The decision holder reads this.")

    def get_initial(self):
        return {"resident_view": self.evaluation.resident_view}

    def form_valid(self, form):
        return self.attempt(
            form, services.save_resident_view, _("Thank you. Your view has been saved."),
            text=form.cleaned_data["resident_view"],
        )  # fmt: skip


class ContinuationView(ReadAuditMixin, FormPage):
    read_purpose = gettext_lazy("Deciding on continuation")
    """The decision holder's draft, and making it final ("Make final" button)."""

    template_name = "budget/continuation.html"
    form_class = ContinuationForm
    permission = staticmethod(permissions.can_decide_continuation)
    title = gettext_lazy("Decide how it continues")

    def get_initial(self):
        e = self.evaluation
        return {"outcome": e.outcome, "extra_amount": e.extra_amount, "reduce_by": e.reduce_by,
                "cost_line": e.cost_line_id, "new_agreements": e.new_agreements,
                "reasons": e.decision.reasons}  # fmt: skip

    def get_form_kwargs(self):
        application = self.evaluation.application
        return {**super().get_form_kwargs(), "cost_lines": application.cost_lines.all(),
                "open_amount": open_tranche_amount(application)}  # fmt: skip

    def get_context_data(self, **kwargs):
        e = self.evaluation
        missing = continuation_missing(e)
        return super().get_context_data(
            **kwargs, missing=missing,
            meetlat_missing=[m for m in missing_for_finalisation(e.decision) if m not in missing],
            tranches=selectors.tranches_of(e.application), observations=e.observations.all(),
        )  # fmt: skip

    def form_valid(self, form):
        values = form.values()
        reasons = values.pop("reasons")
        try:
            services.save_continuation(
                evaluation=self.evaluation, by=self.request.user, reasons=reasons, **values
            )
            if "final" in self.request.POST:
                services.decide_continuation(evaluation=self.evaluation, by=self.request.user)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        if "final" in self.request.POST:
            messages.success(self.request, _("The decision is final. The residents are told."))
            return redirect(self.evaluation.get_absolute_url())
        messages.success(self.request, _("The draft has been saved. The residents do not see it."))
        return redirect("budget:continuation", self.evaluation.pk)


class ReopenView(FormPage):
    form_class = ReasonForm
    permission = staticmethod(permissions.can_decide_continuation)
    title = gettext_lazy("Ask the facilitator for more")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "label": _("What is still needed?"),
                "button": self.title}  # fmt: skip

    def form_valid(self, form):
        return self.attempt(
            form, services.reopen_evaluation, _("Sent back to the facilitator."),
            reason=form.cleaned_data["reason"],
        )  # fmt: skip


class PayTrancheView(ApplicationMixin, FormView):
    template_name = "budget/application_form.html"
    form_class = PaidForm
    permission = staticmethod(permissions.can_pay)
    title = gettext_lazy("Mark a payment as paid")

    @cached_property
    def tranche(self) -> Tranche:
        """A tranche of this application's award or of its extra pushes: never of another
        award of the same initiative (issue #23)."""
        application = self.application
        return get_object_or_404(
            Tranche.objects.filter(
                Q(award__application=application) | Q(award__evaluation__application=application)
            ),
            pk=self.kwargs["tranche_pk"],
        )

    def get_initial(self):
        from django.utils import timezone

        return {"paid_on": timezone.localdate()}

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(self.title)]

    def get_context_data(self, **kwargs):
        intro = _("Payment of %(amount)s, planned for %(date)s.") % {
            "amount": euro(self.tranche.amount), "date": day(self.tranche.planned_on)
        }  # fmt: skip
        return super().get_context_data(**kwargs, title=self.title, intro=intro)

    def form_valid(self, form):
        try:
            services.pay_tranche(
                by=self.request.user, tranche=self.tranche, paid_on=form.cleaned_data["paid_on"],
                bank_reference=form.cleaned_data["bank_reference"],
            )  # fmt: skip
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The payment has been marked as paid."))
        return redirect(self.application.get_absolute_url())
