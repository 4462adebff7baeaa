"""The application page for everyone involved, and the municipality's actions on it: the
queue, the facilitator's checks, advice, the decision and amendments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from budget import (
    application_steps,
    continuation_facts,
    list_navigation,
    notes,
    permissions,
    selectors,
    services,
)
from budget.application_selectors import ADVICE
from budget.enums import APPLICATION_STEPS
from budget.filters import QueueFilter
from budget.forms.assessment import (
    AdviceForm,
    AdviceRequestForm,
    AmendForm,
    AssessmentForm,
    DecisionForm,
    OptionalReasonForm,
    ReasonForm,
)
from budget.models import ProfessionalAdvice
from budget.services.assessment import assessment_missing, decision_missing
from budget.tables import QueueTable
from budget.timeline import application_timeline
from budget.views.base import QUEUE, ApplicationMixin, ReadAuditMixin
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.filters.saved import SavedFiltersMixin
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb
from burgerkracht.core.ui.formatting import euro
from burgerkracht.core.ui.pagination import BoundedLazyPaginator
from burgerkracht.meetlat.services import missing_for_finalisation
from initiatives import permissions as initiative_permissions
from initiatives.forms import MessageForm, NoteForm
from initiatives.handover import latest_handovers
from initiatives.selectors import messages_of


class ApplicationDetailView(ReadAuditMixin, ApplicationMixin, TemplateView):
    read_purpose = gettext_lazy("Viewing the application")
    template_name = "budget/application_detail.html"
    # Letters and evaluations come with the decision: they are read only after it.
    application_parts = ("signs", "cost_lines", "attachments")

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs()[:-1], Crumb(str(self.application))]

    def get_context_data(self, **kwargs):
        user, a = self.request.user, self.application
        internal = permissions.can_see_assessment(user, a)
        decided = a.is_decided
        if decided:
            prefetch_related_objects([a], "evaluations", "letters")
        evaluations = [e for e in a.evaluations.all() if e.status != "cancelled"] if decided else []
        # The advice asked: for the municipality, and for the professionals asked.
        advice = (
            list(a.professional_advice.select_related("professional"))
            if internal or permissions.is_advisor(user, a)
            else []
        )
        letters = [x for x in a.letters.all() if x.generated_at or internal] if decided else []
        tranches = selectors.tranches_of(a) if a.award_id else []
        return super().get_context_data(
            timeline=application_timeline(a, tranches=tranches, for_officials=internal),
            **kwargs,
            next_step=selectors.next_step(a, user),
            steps=[
                (n, title, application_steps.step_complete(a, n)) for n, title in APPLICATION_STEPS
            ],
            can_edit=permissions.can_edit_application(user, a),
            can_withdraw=permissions.can_withdraw(user, a),
            can_message=permissions.can_message(user, a),
            can_assess=permissions.can_assess(user, a),
            can_decide=permissions.can_decide(user, a),
            can_amend=permissions.can_amend(user, a),
            can_pay=permissions.can_pay(user, a),
            can_change_bank_account=permissions.can_change_bank_account(
                user, a, ordered=any(t.order_id for t in tranches)
            ),
            initiative=a.initiative,
            can_download_consent=initiative_permissions.can_download_consent_form(
                user, a.initiative
            ),
            can_make_claim_letter=initiative_permissions.can_make_claim_letter(user, a.initiative),
            evaluations=evaluations,
            tranches=tranches,
            amount_now=continuation_facts.amount_now(a, tranches),
            internal=internal,
            advice_list=advice if internal else [],
            own_advice=[x for x in advice if permissions.can_give_advice(user, x)],
            letters=letters,
            messages_list=messages_of(a.initiative) if permissions.can_message(user, a) else [],
            message_form=MessageForm(
                action=reverse("budget:application-message", args=[a.pk]),
                to_residents=not permissions.is_applicant(user, a),
            ),
            **note_context(user, a),
            list_navigation=list_navigation.navigation_for(
                user, a, self.request.GET.get(list_navigation.LIST_PARAMETER)
            )
            if internal
            else None,
        )


def note_context(user, application) -> dict:
    """The internal notes panel: only for the officials who may read them."""
    if not permissions.can_read_notes(user, application):
        return {"can_read_notes": False}
    return {
        "can_read_notes": True,
        "notes_list": notes.notes_of(application),
        # "Het waarom" of the initiative's latest handovers (SC-13).
        "handovers": latest_handovers(application.initiative),
        "note_form": NoteForm(action=reverse("budget:application-note", args=[application.pk])),
    }


class QueueView(
    LoginRequiredMixin, UserPassesTestMixin, BreadcrumbsMixin, SavedFiltersMixin, ExportMixin,
    SingleTableMixin, FilterView,
):  # fmt: skip
    """Every application an official works on: filter by wijk, line, status and age; sort;
    export to CSV or XLSX."""

    template_name = "budget/queue.html"
    table_class = QueueTable
    filterset_class = QueueFilter
    # No exact count: a facilitator may have thousands sent in over the years (target P2).
    table_pagination = {"per_page": 25, "paginator_class": BoundedLazyPaginator}
    export_formats = ("csv", "xlsx")
    export_name = "samen-sterk-aanvragen"

    def test_func(self):
        return permissions.can_use_queue(self.request.user)

    def get_queryset(self):
        return selectors.queue_for(self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}

    def get_breadcrumbs(self):
        return [Crumb(QUEUE)]

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        table.detail_suffix = list_navigation.detail_suffix(self.request.GET)
        return table


class ActionView(ApplicationMixin, FormView):
    """A form page for one action on the application."""

    template_name = "budget/application_form.html"
    title = ""
    intro = ""
    reason_label = None  # for the reason forms: the question above the text box

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.reason_label is not None:
            kwargs.update(label=self.reason_label, button=self.title)
        return kwargs

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(self.title)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, title=self.title, intro=self.intro)

    def attempt(self, form, action, success: str, **kwargs):
        try:
            action(application=self.application, by=self.request.user, **kwargs)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, success)
        return redirect(self.application.get_absolute_url())


class AssessView(ReadAuditMixin, ActionView):
    read_purpose = gettext_lazy("Checking the application")
    template_name = "budget/assess.html"
    application_parts = ("signs",)
    form_class = AssessmentForm
    permission = staticmethod(permissions.can_assess)
    title = gettext_lazy("Check the application")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "fund": self.application.fund,
                "line": self.application.line}  # fmt: skip

    def get_initial(self):
        a = self.application
        initial = {name: getattr(a, name) for name in services.assessment.ASSESSMENT_FIELDS}
        if a.line_id is None:
            initial["line"] = selectors.suggested_line(a)
        if a.proposed_amount is None:
            initial["proposed_amount"] = a.requested_amount
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, missing=assessment_missing(self.application))

    def form_valid(self, form):
        try:
            services.save_assessment(
                application=self.application, by=self.request.user, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The check has been saved."))
        return redirect("budget:assess", self.application.pk)


class CompleteAssessmentView(ActionView):
    form_class = OptionalReasonForm
    permission = staticmethod(permissions.can_assess)
    title = gettext_lazy("Send to the decision holders")
    intro = gettext_lazy(
        "The decision holders of the line get the application with your check. You cannot "
        "change the check after this, unless they send it back."
    )

    reason_label = gettext_lazy("Note")

    def get_context_data(self, **kwargs):
        """What is sent, so the confirmation is about something: the line and its decision
        holders, and the amount proposed."""
        a = self.application
        holders = (
            ", ".join(h.get_full_name() for h in a.line.decision_holders.all()) if a.line_id else ""
        )
        rows = [
            (_("Budget line"), str(a.line) if a.line_id else "—"),
            (_("Decision holders"), holders or "—"),
            (_("Proposed amount"), euro(a.proposed_amount)),
        ]
        return super().get_context_data(**kwargs, confirm_rows=rows)

    def form_valid(self, form):
        return self.attempt(form, services.complete_assessment, _("Sent to the decision holders."))


class ReturnView(ActionView):
    form_class = ReasonForm
    permission = staticmethod(permissions.can_assess)
    title = gettext_lazy("Hand back to the residents")
    intro = gettext_lazy(
        "The application goes back to the residents as a draft. Tell them what is missing; "
        "they read this in an e-mail and on their page."
    )

    reason_label = gettext_lazy("What is missing?")

    def form_valid(self, form):
        return self.attempt(
            form, services.return_to_applicant, _("Handed back to the residents."),
            reason=form.cleaned_data["reason"],
        )  # fmt: skip


class AdviceRequestView(ActionView):
    form_class = AdviceRequestForm
    permission = staticmethod(permissions.can_assess)
    title = gettext_lazy("Ask a professional for advice")
    intro = gettext_lazy(
        "The advice is kept apart from your own check. Ask only what you need to know."
    )

    def form_valid(self, form):
        return self.attempt(
            form, services.request_advice, _("The professional has been asked."),
            **form.cleaned_data,
        )  # fmt: skip


class AdviceView(LoginRequiredMixin, BreadcrumbsMixin, FormView):
    """The professional gives the advice they were asked for."""

    template_name = "budget/advice.html"
    form_class = AdviceForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.advice = get_object_or_404(
            ProfessionalAdvice.objects.select_related("application__initiative"),
            pk=kwargs["advice_pk"],
        )
        if not permissions.can_give_advice(request.user, self.advice):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs(self):
        application = self.advice.application
        return [
            Crumb(str(application), application.get_absolute_url()),
            Crumb(gettext_lazy("Give advice")),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, advice=self.advice, application=self.advice.application
        )

    def form_valid(self, form):
        try:
            services.give_advice(advice=self.advice, by=self.request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Thank you, your advice has been saved."))
        return redirect(self.advice.application.get_absolute_url())


class DecideView(ReadAuditMixin, ActionView):
    read_purpose = gettext_lazy("Deciding on the application")
    template_name = "budget/decide.html"
    application_parts = (ADVICE,)
    form_class = DecisionForm
    permission = staticmethod(permissions.can_decide)
    title = gettext_lazy("Decide")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "line": self.application.line,
                "application": self.application}  # fmt: skip

    def get_initial(self):
        return DecisionForm.initial_for(self.application)

    def get_context_data(self, **kwargs):
        a = self.application
        return super().get_context_data(
            **kwargs,
            missing=decision_missing(a),
            meetlat_missing=missing_for_finalisation(a.decision) if a.decision else [],
            advice_list=list(a.professional_advice.all()),
        )

    def form_valid(self, form):
        try:
            services.save_decision(
                application=self.application, by=self.request.user, **form.values()
            )
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request, _("The draft decision has been saved. The residents do not see it yet.")
        )
        return redirect("budget:decide", self.application.pk)


class SendBackView(ActionView):
    form_class = ReasonForm
    permission = staticmethod(permissions.can_decide)
    title = gettext_lazy("Send back to the facilitator")

    reason_label = gettext_lazy("What should be checked again?")

    def form_valid(self, form):
        return self.attempt(
            form, services.send_back_to_assessment, _("Sent back to the facilitator."),
            reason=form.cleaned_data["reason"],
        )  # fmt: skip


class PublishView(ActionView):
    template_name = "budget/publish.html"
    form_class = OptionalReasonForm
    permission = staticmethod(permissions.can_decide)
    title = gettext_lazy("Make the decision final and tell the residents")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "label": gettext_lazy("Note for the audit trail"),
                "button": gettext_lazy("Make final and send the letter")}  # fmt: skip

    def get_context_data(self, **kwargs):
        a = self.application
        return super().get_context_data(
            **kwargs,
            missing=decision_missing(a),
            meetlat_missing=missing_for_finalisation(a.decision),
        )

    def form_valid(self, form):
        return self.attempt(
            form, services.publish_decision,
            _("The decision is final. The letter is being made and sent to the residents."),
            reason=form.cleaned_data["reason"],
        )  # fmt: skip


class AmendView(ActionView):
    form_class = AmendForm
    permission = staticmethod(permissions.can_amend)
    title = gettext_lazy("Change the agreements")
    intro = gettext_lazy(
        "The residents get an amendment letter with the new agreements and your reason."
    )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "application": self.application}

    def get_initial(self):
        return AmendForm.initial_dates(self.application)

    def form_valid(self, form):
        return self.attempt(
            form, services.amend_decision,
            _("The agreements have changed; the letter is on its way."),
            reason=form.cleaned_data["reason"], **form.values(),
        )  # fmt: skip
