"""Partners' contributions on the initiative: record a promise, judge what was delivered.
The list is on the initiative's own page (section "partners")."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from burgerkracht.core.exceptions import DomainError
from initiatives import partners, permissions
from initiatives.models import PartnerContribution
from initiatives.partner_forms import ContributionForm, JudgeContributionForm
from initiatives.views.workspace import ActionView


class ContributionPage(ActionView):
    def done(self):
        return redirect(self.initiative.get_absolute_url() + "#partners")


class ContributionCreateView(ContributionPage):
    permission = staticmethod(permissions.can_record_contribution)
    form_class = ContributionForm
    title = gettext_lazy("Record a partner's contribution")

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            partners.record_contribution(
                initiative=self.initiative, by=self.request.user,
                organisation=data["organisation"], kind=data["kind"],
                promised=data["promised"], hours=data.get("hours"),
            )  # fmt: skip
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The partner's contribution has been recorded."))
        return self.done()


class ContributionJudgeView(ContributionPage):
    template_name = "initiatives/contribution_judge.html"
    form_class = JudgeContributionForm
    title = gettext_lazy("Judge a partner's contribution")

    permission = staticmethod(permissions.can_record_contribution)

    @cached_property
    def contribution(self) -> PartnerContribution:
        # Another initiative's contribution under this initiative's address: not found.
        return get_object_or_404(
            PartnerContribution.objects.select_related("organisation"),
            pk=self.kwargs["contribution_pk"], initiative=self.initiative,
        )  # fmt: skip

    def get_initial(self):
        c = self.contribution
        return {"delivered": c.delivered, "note": c.delivered_note}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, contribution=self.contribution)

    def form_valid(self, form):
        try:
            partners.judge_contribution(
                contribution=self.contribution, by=self.request.user,
                delivered=form.cleaned_data["delivered"], note=form.cleaned_data["note"],
                occasion="initiative",
            )  # fmt: skip
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The judgement has been saved."))
        return self.done()
