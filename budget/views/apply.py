"""The resident's application: start, the saved steps, attachments, check and send in,
the application page with its status and next step, messages, letters and withdrawal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from budget import application_steps, permissions, selectors, services
from budget.enums import APPLICATION_STEPS
from budget.forms.application import (
    NEW,
    STEP_FORMS,
    AttachmentForm,
    NewApplicationForm,
    yes_no_initial,
)
from budget.forms.assessment import OptionalReasonForm
from budget.forms.limits import resident_maximum, scheme_maximum
from budget.models import Attachment, Letter
from budget.views.base import MY_APPLICATIONS, ApplicationMixin, ReadAuditMixin
from burgerkracht.accounts.models import LoginMethod
from burgerkracht.accounts.oidc import levels
from burgerkracht.accounts.oidc import session as broker_session
from burgerkracht.accounts.roles import INITIATOR_ROLES, Role
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.files.uploads import private_file_response
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb
from burgerkracht.core.ui.steps import StepFormMixin
from initiatives import services as initiative_services
from initiatives.forms import MessageForm
from initiatives.models import Initiative

TOTAL_STEPS = len(APPLICATION_STEPS)


def step_url(application, step: int) -> str:
    return reverse("budget:application-step", args=[application.pk, step])


class MyApplicationsView(LoginRequiredMixin, BreadcrumbsMixin, TemplateView):
    template_name = "budget/my_applications.html"

    def get_breadcrumbs(self):
        return [Crumb(gettext_lazy("My burgerkracht"), "/mijn/"), Crumb(MY_APPLICATIONS)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, applications=selectors.applications_followed(self.request.user)
        )


class NewApplicationView(LoginRequiredMixin, BreadcrumbsMixin, FormView):
    template_name = "budget/application_new.html"
    form_class = NewApplicationForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_role(*INITIATOR_ROLES):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def own_initiatives(self):
        return selectors.initiatives_to_apply_for(self.request.user)

    def get_form_kwargs(self):
        # A professional applies with a resident for an initiative they registered together
        # (SC-11), never for a new one of their own.
        return {
            **super().get_form_kwargs(),
            "initiatives": self.own_initiatives(),
            "allow_new": self.request.user.has_role(Role.RESIDENT),
        }

    def get_initial(self):
        return {"initiative": self.request.GET.get("initiatief", "")}

    def get_breadcrumbs(self):
        return [
            Crumb(gettext_lazy("My burgerkracht"), "/mijn/"),
            Crumb(MY_APPLICATIONS, "/samen-sterk/aanvragen/"),
            Crumb(gettext_lazy("New application")),
        ]

    def get_context_data(self, **kwargs):
        fund = services.current_fund()
        return super().get_context_data(**kwargs, fund=fund, maximum=scheme_maximum(fund))

    def form_valid(self, form):
        choice = form.cleaned_data["initiative"]
        initiative = None
        if choice != NEW:
            initiative = get_object_or_404(Initiative, pk=choice)
            if initiative not in self.own_initiatives():
                raise PermissionDenied
        try:
            application = services.start_application(
                by=self.request.user, initiative=initiative,
                new_title=form.cleaned_data.get("new_title") or "",
            )  # fmt: skip
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        if broker_session.login_kind(self.request) == LoginMethod.Kind.EHERKENNING:
            services.confirm_organisation(application=application, by=self.request.user)
        return redirect(step_url(application, 1))


class StepView(StepFormMixin, ApplicationMixin, FormView):
    template_name = "budget/application_step.html"
    permission = staticmethod(permissions.can_edit_application)
    step_forms = STEP_FORMS

    def get_form_kwargs(self):
        draft = "later" in self.request.POST or "total" in self.request.POST
        kwargs = {**super().get_form_kwargs(), "partial": draft}
        if self.step == 1:
            kwargs["locked"] = services.locked_fields(self.application)
        if self.step == 4:
            kwargs.update(line=self.application.line, fund=self.application.fund)
        if self.step == 5:
            kwargs["has_backup"] = application_steps.has_backup(self.application)
        return kwargs

    def get_initial(self):
        a = self.application
        initial = {name: getattr(a, name) for name in application_steps.STEP_FIELDS[self.step]}
        if self.step == 1:
            initial.update({f"sign_{s.position}": s.text for s in a.signs.all()})
            initial["on_behalf_of_organisation"] = yes_no_initial(a.on_behalf_of_organisation)
            for lead in a.lead_residents.all():
                initial[f"lead_{lead.position}_name"] = lead.name
                initial[f"lead_{lead.position}_email"] = lead.email
        if self.step == 5:
            initial["is_one_off"] = yes_no_initial(a.is_one_off)
        if self.step == 4:
            for cost in a.cost_lines.all():
                initial[f"cost_{cost.position}_description"] = cost.description
                initial[f"cost_{cost.position}_amount"] = cost.amount
        return initial

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(dict(APPLICATION_STEPS)[self.step])]

    def get_context_data(self, **kwargs):
        backup = application_steps.backup(self.application)
        context = super().get_context_data(
            **kwargs, step=self.step, total_steps=TOTAL_STEPS,
            step_title=dict(APPLICATION_STEPS)[self.step], backup=backup,
            previous_url=step_url(self.application, self.step - 1) if self.step > 1 else "",
        )  # fmt: skip
        if self.step == 4:
            context.update(
                maximum=resident_maximum(self.application), figures=context["form"].figures()
            )
        return context

    def form_valid(self, form):
        data = form.values()
        draft = "later" in self.request.POST or "total" in self.request.POST
        if draft:
            # Save for later keeps what was typed; empty answers do not wipe saved ones.
            data = {k: v for k, v in data.items() if v not in ("", None, []) and v != ["", "", ""]}
        try:
            services.save_application_step(
                application=self.application, by=self.request.user, step=self.step, data=data
            )
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        if "total" in self.request.POST:  # "Work out the total": save, show the step again
            messages.success(self.request, _("Saved. The total of your costs is worked out."))
            return redirect(step_url(self.application, self.step) + "#kosten")
        if "later" in self.request.POST:
            messages.success(self.request, _("Saved. You can continue later from My applications."))
            return redirect(self.application.get_absolute_url())
        return redirect(step_url(self.application, self.step + 1))


class AttachmentsView(ApplicationMixin, FormView):
    """Step 6: optional files, each checked and stored privately at once."""

    template_name = "budget/application_attachments.html"
    form_class = AttachmentForm
    permission = staticmethod(permissions.can_edit_application)

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(dict(APPLICATION_STEPS)[TOTAL_STEPS])]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, step=TOTAL_STEPS, total_steps=TOTAL_STEPS,
            step_title=dict(APPLICATION_STEPS)[TOTAL_STEPS],
            previous_url=step_url(self.application, TOTAL_STEPS - 1),
        )  # fmt: skip

    def form_valid(self, form):
        try:
            services.add_attachment(
                application=self.application, by=self.request.user, upload=form.cleaned_data["file"]
            )
        except DomainError as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The file has been added."))
        return redirect(self.request.path)


class AttachmentMixin(ApplicationMixin):
    def get_attachment(self) -> Attachment:
        return get_object_or_404(
            Attachment, pk=self.kwargs["attachment_pk"], application=self.application
        )


class AttachmentDownloadView(ReadAuditMixin, AttachmentMixin, TemplateView):
    read_purpose = gettext_lazy("Opening an attachment of the application")

    def get(self, request, *args, **kwargs):
        attachment = self.get_attachment()
        self.audit_read()
        return private_file_response(
            attachment.file, filename=attachment.name, content_type=attachment.content_type
        )


class AttachmentPreviewView(ReadAuditMixin, AttachmentMixin, TemplateView):
    """The small PNG made when the file was stored: the same rights as the file itself, and
    read-audited for officials like the download. No preview: 404 (the page shows an icon)."""

    read_purpose = gettext_lazy("Seeing the preview of an attachment of the application")

    def get(self, request, *args, **kwargs):
        attachment = self.get_attachment()
        if not attachment.preview:
            raise Http404
        try:
            stored = attachment.preview.open("rb")
        except FileNotFoundError as missing:
            raise Http404 from missing
        self.audit_read()
        response = FileResponse(stored, content_type="image/png")
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class AttachmentRemoveView(AttachmentMixin, TemplateView):
    template_name = "budget/application_confirm.html"
    permission = staticmethod(permissions.can_edit_application)

    def get_context_data(self, **kwargs):
        name = self.get_attachment().name
        return super().get_context_data(
            **kwargs, title=_("Remove %(name)s?") % {"name": name},
            button=_("Remove the file"),
        )  # fmt: skip

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(gettext_lazy("Remove a file"))]

    def post(self, request, *args, **kwargs):
        try:
            services.remove_attachment(attachment=self.get_attachment(), by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The file has been removed."))
        return redirect(step_url(self.application, TOTAL_STEPS))


class CheckView(ApplicationMixin, TemplateView):
    """Everything on one page, then send it in."""

    template_name = "budget/application_check.html"
    permission = staticmethod(permissions.can_edit_application)

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(gettext_lazy("Check and send"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, missing=application_steps.missing_steps(self.application),
            steps=APPLICATION_STEPS,
        )  # fmt: skip

    def post(self, request, *args, **kwargs):
        # The DigiD level the municipality asks for sending in (accounts/oidc/levels.py).
        step_up = levels.ask_for_level(request, "application", request.path)
        if step_up:
            return step_up
        try:
            services.submit_application(application=self.application, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("budget:application-check", self.application.pk)
        return redirect("budget:application-sent", self.application.pk)


class SentView(ApplicationMixin, TemplateView):
    """The confirmation after sending in (GOV.UK's confirmation panel): the reference number,
    what happens next and when, and who the contact person is. A page, not a flash message,
    so it can be read again and printed."""

    template_name = "budget/application_sent.html"
    permission = staticmethod(permissions.can_see_confirmation)

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(gettext_lazy("Sent in"))]

    def get_context_data(self, **kwargs):
        from initiatives.selectors import contact_person

        return super().get_context_data(
            **kwargs, contact=contact_person(self.application.initiative)
        )


class WithdrawView(ApplicationMixin, FormView):
    template_name = "budget/application_form.html"
    form_class = OptionalReasonForm
    permission = staticmethod(permissions.can_withdraw)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(), "label": gettext_lazy("Why do you withdraw?"),
            "button": gettext_lazy("Withdraw the application"),
        }  # fmt: skip

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(gettext_lazy("Withdraw"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, title=_("Withdraw your application"),
            intro=_("You can apply again later. What you wrote is kept."),
        )  # fmt: skip

    def form_valid(self, form):
        return self.run(
            services.withdraw_application, _("Your application has been withdrawn."),
            reason=form.cleaned_data["reason"],
        )  # fmt: skip


class MessageView(ApplicationMixin, FormView):
    template_name = "budget/application_form.html"
    form_class = MessageForm
    permission = staticmethod(permissions.can_message)

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(gettext_lazy("Send a message"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, title=_("Send a message"))

    def form_valid(self, form):
        try:
            initiative_services.send_message(
                initiative=self.application.initiative, by=self.request.user,
                body=form.cleaned_data["body"],
            )  # fmt: skip
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Your message has been sent."))
        return redirect(self.application.get_absolute_url() + "#berichten")


class LetterView(ApplicationMixin, TemplateView):
    """The stored letter; when it is not there yet, ask a worker to make it."""

    template_name = "budget/letter_pending.html"

    def get(self, request, *args, **kwargs):
        from budget.services.letters import request_letter

        letter = get_object_or_404(Letter, pk=kwargs["letter_pk"], application=self.application)
        if not letter.file:
            request_letter(letter_pk=letter.pk)
            letter.refresh_from_db()  # a worker running eagerly has made it already
        if letter.file:
            return FileResponse(
                letter.file.open("rb"), as_attachment=True, filename=letter.filename,
                content_type="application/pdf",
            )  # fmt: skip
        return super().get(request, *args, **kwargs)


class CopyView(ReadAuditMixin, ApplicationMixin, TemplateView):
    """ "Download je aanvraag als pdf": a copy of the application with its reference, made
    when asked (a few pages; letters, which are kept, are made by the documents worker)."""

    read_purpose = gettext_lazy("Downloading a copy of the application")

    def get(self, request, *args, **kwargs):
        from burgerkracht.core.files.pdf import render_pdf
        from burgerkracht.core.models import Municipality

        application = self.application
        pdf = render_pdf(
            "pdf/application_copy.html",
            {"application": application, "municipality": Municipality.current()},
        )
        self.audit_read()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="aanvraag-{application.reference}.pdf"'
        )
        return response
