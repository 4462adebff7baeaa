"""The initiative's own page for its initiators and facilitators, and the actions on it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.ui.breadcrumbs import Crumb
from initiatives import (
    lesson_selectors,
    notes,
    partners,
    permissions,
    selectors,
    services,
    support_selectors,
)
from initiatives.enums import InitiativeStatus, Result
from initiatives.forms import AssignForm, EndForm, MessageForm, NoteForm, ReasonForm, UpdateForm
from initiatives.handover import latest_handovers, with_handovers
from initiatives.models import Update
from initiatives.post import posted_letters
from initiatives.timeline import initiative_timeline
from initiatives.views.base import InitiativeMixin


def lesson_source(initiative) -> str:
    """A lesson from this initiative comes from its closure, or from its failure."""
    if initiative.status != InitiativeStatus.ENDED:
        return ""
    return "failed" if initiative.result == Result.NOT_REACHED else "closure"


class InitiativeDetailView(InitiativeMixin, TemplateView):
    template_name = "initiatives/initiative_detail.html"

    def initiative_queryset(self):
        # The lessons of similar initiatives and the support requests (with the jager) come
        # with the initiative: no query of their own.
        suggested = lesson_selectors.suggested_lessons_column(self.request.user)
        return (
            super()
            .initiative_queryset()
            .annotate(suggested_lessons=suggested, **support_selectors.section_columns())
        )

    def get_context_data(self, **kwargs):
        user, initiative = self.request.user, self.initiative
        initiators = list(initiative.initiators.all())
        # Continuity risks are the municipality's worry, not a message for the residents.
        official = permissions.is_facilitator(user, initiative) or permissions.is_coordinator(user)
        can_read_notes = permissions.can_read_notes(user, initiative)
        # "Het waarom" of the latest handovers: for the officials, also in the timeline.
        handovers = latest_handovers(initiative) if can_read_notes else []
        return super().get_context_data(
            **kwargs,
            initiators=initiators,
            risks=initiative.risks(initiators) if official else [],
            official=official,
            status_timeline=initiative_timeline(initiative, for_officials=official),
            posted_letters=posted_letters(initiative),
            timeline=with_handovers(list(selectors.timeline(initiative)), handovers),
            handovers=handovers,
            support=support_selectors.section(user, initiative),  # WF-6, issue #30
            can_step_down=permissions.can_step_down(user, initiative),
            can_answer_lead_offer=permissions.can_answer_lead_offer(user, initiative),
            can_appoint_lead=permissions.can_appoint_lead(user, initiative),
            messages_list=selectors.messages_of(initiative),
            next_step=selectors.next_step(initiative, user),
            can_edit_intake=permissions.can_edit_intake(user, initiative),
            can_download_consent=permissions.can_download_consent_form(user, initiative),
            can_make_claim_letter=permissions.can_make_claim_letter(user, initiative),
            can_activate=permissions.can_activate(user, initiative),
            can_pause_or_resume=permissions.can_pause_or_resume(user, initiative),
            can_end=permissions.can_end(user, initiative),
            can_assign=permissions.can_assign_facilitators(user, initiative),
            can_post_update=permissions.can_post_update(user, initiative),
            can_message=permissions.can_message(user, initiative),
            can_handle_signals=permissions.can_handle_signals(user, initiative),
            # Partners' contributions (F-S17) and lessons of similar initiatives (F-S10).
            contributions=list(partners.contributions_of(initiative)),
            can_record_contribution=permissions.can_record_contribution(user, initiative),
            suggested_lessons=lesson_selectors.as_suggestions(initiative.suggested_lessons),
            new_lesson_url=lesson_selectors.new_lesson_url(initiative, lesson_source(initiative))
            if permissions.can_write_lesson_from(user, initiative)
            else "",
            update_form=UpdateForm(
                action=reverse("initiatives:update-create", args=[initiative.pk])
            ),
            message_form=MessageForm(
                action=reverse("initiatives:message-create", args=[initiative.pk]),
                to_residents=official and not permissions.is_initiator(user, initiative),
            ),
            # Internal notes: only for the officials of this initiative (never the residents).
            can_read_notes=can_read_notes,
            notes_list=notes.notes_of(initiative) if can_read_notes else [],
            note_form=NoteForm(action=reverse("initiatives:note-create", args=[initiative.pk]))
            if can_read_notes
            else None,
        )


class ActionView(InitiativeMixin, FormView):
    """A form page for one action; the page also works as the target of the detail's forms."""

    template_name = "initiatives/initiative_action.html"
    title = ""

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(self.title)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, title=self.title)


class StatusChangeView(ActionView):
    """A lifecycle step that asks only for a reason: activate, pause, resume."""

    form_class = ReasonForm
    service = None
    success = ""
    reason_required = False

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "reason_required": self.reason_required,
            "submit_label": self.title,
        }

    def form_valid(self, form):
        return self.run(type(self).service, str(self.success), reason=form.cleaned_data["reason"])


class ActivateView(StatusChangeView):
    permission = staticmethod(permissions.can_activate)
    service = staticmethod(services.activate_initiative)
    title = gettext_lazy("Start the initiative")
    success = gettext_lazy("The initiative is running.")


class PauseView(StatusChangeView):
    permission = staticmethod(permissions.can_pause_or_resume)
    service = staticmethod(services.pause_initiative)
    title = gettext_lazy("Pause the initiative")
    success = gettext_lazy("The initiative is paused.")
    reason_required = True


class ResumeView(StatusChangeView):
    permission = staticmethod(permissions.can_pause_or_resume)
    service = staticmethod(services.resume_initiative)
    title = gettext_lazy("Start again")
    success = gettext_lazy("The initiative is running again.")


class EndView(ActionView):
    permission = staticmethod(permissions.can_end)
    form_class = EndForm
    title = gettext_lazy("End the initiative")

    def get_context_data(self, **kwargs):
        # A resident is told plainly what ending means before they confirm it.
        resident = not (
            permissions.is_facilitator(self.request.user, self.initiative)
            or permissions.is_coordinator(self.request.user)
        )
        return super().get_context_data(**kwargs, ending_by_resident=resident)

    def form_valid(self, form):
        return self.run(
            services.end_initiative,
            _("The initiative has ended. Its result and lessons are recorded."),
            result=form.cleaned_data["result"],
            lessons=form.cleaned_data["lessons"],
        )


class AssignView(ActionView):
    permission = staticmethod(permissions.can_assign_facilitators)
    form_class = AssignForm
    title = gettext_lazy("Assign facilitators")

    def get_initial(self):
        return {
            "facilitator": self.initiative.facilitator_id,
            "backup_facilitator": self.initiative.backup_facilitator_id,
        }

    def form_valid(self, form):
        data = form.cleaned_data
        return self.run(
            services.assign_facilitators,
            _("The facilitators have been assigned."),
            facilitator=data["facilitator"],
            backup=data["backup_facilitator"],
            reason=data["reason"],
        )


class UpdateCreateView(ActionView):
    permission = staticmethod(permissions.can_post_update)
    form_class = UpdateForm
    title = gettext_lazy("Add news to the timeline")

    def form_valid(self, form):
        return self.run(services.post_update, _("Added to the timeline."), **form.cleaned_data)


class MessageCreateView(ActionView):
    permission = staticmethod(permissions.can_message)
    form_class = MessageForm
    title = gettext_lazy("Send a message")

    def form_valid(self, form):
        return self.run(
            services.send_message, _("Your message has been sent."), body=form.cleaned_data["body"]
        )


class NoteCreateView(ActionView):
    """Save an internal note (the form is on the initiative page; this page is its target)."""

    permission = staticmethod(permissions.can_add_note)
    form_class = NoteForm
    title = gettext_lazy("Add an internal note")

    def form_valid(self, form):
        try:
            notes.add_note(
                initiative=self.initiative, by=self.request.user, text=form.cleaned_data["text"]
            )
        except DomainError as error:
            form.add_error("text", error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The note has been saved. Only officials can read it."))
        return redirect(self.initiative.get_absolute_url() + "#aantekeningen")


class SignalHandledView(ActionView):
    permission = staticmethod(permissions.can_handle_signals)
    form_class = ReasonForm
    title = gettext_lazy("Mark the signal as picked up")

    def get_update(self) -> Update:
        return get_object_or_404(
            Update, pk=self.kwargs["update_pk"], initiative=self.initiative, is_signal=True
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "reason_required": False, "submit_label": self.title}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, signal=self.get_update())

    def form_valid(self, form):
        update = self.get_update()
        if not permissions.can_handle_signals(self.request.user, self.initiative):
            raise PermissionDenied
        try:
            services.mark_signal_handled(
                update=update, by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            messages.error(self.request, error.message)
        else:
            messages.success(self.request, _("The signal is marked as picked up."))
        return redirect(self.initiative.get_absolute_url())
