"""The partners' contributions at the interim evaluation (F-S17, BR-38): the facilitator
judges each one while writing down the evaluation. Thin: check, bind, call a service."""

from __future__ import annotations

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budget import permissions
from budget.forms.partners import PartnersAtEvaluationForm
from budget.services.partners import contributions_at, judge_partners_at_evaluation
from budget.views.evaluation import FormPage


class PartnersAtEvaluationView(FormPage):
    form_class = PartnersAtEvaluationForm
    permission = staticmethod(permissions.can_record_evaluation)
    title = gettext_lazy("The partners' contributions")
    intro = gettext_lazy(
        "Judge every partner's contribution as you judge the residents' own: did the partner "
        "deliver what it promised? A partner that did not deliver is an outcome too."
    )

    @cached_property
    def contributions(self) -> list:
        return contributions_at(self.evaluation)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "contributions": self.contributions}

    def get_initial(self):
        initial = {}
        for c in self.contributions:
            initial[f"delivered_{c.pk}"], initial[f"note_{c.pk}"] = c.delivered, c.delivered_note
        return initial

    def form_valid(self, form):
        return self.attempt(
            form, judge_partners_at_evaluation, _("The judgements have been saved."),
            judgements=form.judgements(),
        )  # fmt: skip
