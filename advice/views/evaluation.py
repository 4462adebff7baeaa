"""The evaluation of an advice, some months after the answer: filled in jointly by the
members of the advice's body and the municipality; completing it closes the advice."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView

from advice import permissions
from advice.forms.followup import EVALUATION_FIELDS, EvaluationForm
from advice.models import AdviceEvaluation
from advice.services import followup as services
from advice.views.answer import AdviceMixin
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.ui.breadcrumbs import Crumb


class EvaluationView(AdviceMixin, FormView):
    """POST "save" keeps what is filled in; POST "complete" saves and then completes."""

    template_name = "advice/evaluation/evaluation.html"
    form_class = EvaluationForm
    permission = staticmethod(permissions.can_view_evaluation)

    @cached_property
    def evaluation(self) -> AdviceEvaluation:
        try:
            evaluation = AdviceEvaluation.objects.select_related("completed_by").get(
                advice=self.advice
            )
        except AdviceEvaluation.DoesNotExist as missing:
            raise Http404 from missing
        evaluation.advice = self.advice
        return evaluation

    @cached_property
    def promises(self):
        return list(self.advice.promises.select_related("owner", "verdict").order_by("pk"))

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(_("Evaluation"))]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "promises": self.promises}

    def get_initial(self):
        e = self.evaluation
        initial = {name: getattr(e, name) for name in EVALUATION_FIELDS}
        for p in self.promises:
            verdict = getattr(p, "verdict", None)
            if verdict is not None:
                initial[f"kept_{p.pk}"], initial[f"note_{p.pk}"] = verdict.kept, verdict.note
        return initial

    def get_context_data(self, **kwargs):
        e, user = self.evaluation, self.request.user
        can_fill = permissions.can_fill_evaluation(user, e)
        return super().get_context_data(
            **kwargs, evaluation=e, can_fill=can_fill,
            missing=services.evaluation_missing(e) if can_fill else [],
            verdicts=[(p, getattr(p, "verdict", None)) for p in self.promises],
        )  # fmt: skip

    def post(self, request, *args, **kwargs):
        if not permissions.can_fill_evaluation(request.user, self.evaluation):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        user = self.request.user
        try:
            services.save_evaluation(
                evaluation=self.evaluation, by=user, verdicts=form.verdicts(), **form.values()
            )
            if "complete" in self.request.POST:
                services.complete_evaluation(evaluation=self.evaluation, by=user)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        if "complete" in self.request.POST:
            messages.success(self.request, _("The evaluation is done and the advice is closed."))
        else:
            messages.success(self.request, _("The evaluation has been saved."))
        return redirect("advice:evaluation", self.advice.pk)
