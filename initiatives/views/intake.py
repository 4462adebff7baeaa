"""The intake: a task list of five short steps, each saved as a draft, then check and send."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from burgerkracht.accounts.oidc import levels
from burgerkracht.accounts.roles import INITIATOR_ROLES, Role
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb
from burgerkracht.core.ui.steps import StepFormMixin
from initiatives import assisted as assisted_registration
from initiatives import intake, invitations, permissions, selectors, services
from initiatives.assisted_forms import AssistedStep1Form
from initiatives.enums import INTAKE_STEPS
from initiatives.forms import STEP_FORMS, Step1Form, initial_for_step
from initiatives.models import Initiator
from initiatives.views.base import InitiativeMixin

TOTAL_STEPS = len(INTAKE_STEPS)


def step_url(initiative, step: int) -> str:
    return reverse("initiatives:intake-step", args=[initiative.pk, step])


def _after_save(request, initiative, step: int):
    if "later" in request.POST:
        messages.success(request, _("Saved. You can continue later from My burgerkracht."))
        return redirect("initiatives:intake", initiative.pk)
    if step < TOTAL_STEPS:
        return redirect(step_url(initiative, step + 1))
    return redirect("initiatives:intake-check", initiative.pk)


class StepContextMixin:
    step = 1

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            step=self.step,
            total_steps=TOTAL_STEPS,
            step_title=dict(INTAKE_STEPS)[self.step],
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partial": "later" in self.request.POST}


class NewInitiativeView(LoginRequiredMixin, StepContextMixin, BreadcrumbsMixin, FormView):
    """Step 1 of a new initiative; the draft exists from the first save."""

    template_name = "initiatives/intake_step.html"
    form_class = Step1Form

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_role(*INITIATOR_ROLES):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def assisted(self) -> bool:
        user = self.request.user
        return user.has_role(Role.PROFESSIONAL) and not user.has_role(Role.RESIDENT)

    def get_form_class(self):
        return AssistedStep1Form if self.assisted() else Step1Form

    def get_breadcrumbs(self):
        return [
            Crumb(gettext_lazy("My burgerkracht"), "/mijn/"),
            Crumb(gettext_lazy("New initiative")),
        ]

    def form_valid(self, form):
        assisted = self.assisted()
        initiative = services.start_initiative(
            by=self.request.user, assisted=assisted, **form.cleaned_data
        )
        return _after_save(self.request, initiative, 1)


class IntakeStepView(StepFormMixin, InitiativeMixin, StepContextMixin, FormView):
    template_name = "initiatives/intake_step.html"
    permission = staticmethod(permissions.can_edit_intake)
    step_forms = STEP_FORMS

    def get_initial(self):
        return initial_for_step(self.initiative, self.step)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.step == 4:
            mine = next(
                (i for i in self.initiative.initiators.all() if i.user_id == self.request.user.pk),
                None,
            )
            backup = next(
                (i for i in self.initiative.initiators.all() if i.is_backup and i.left_at is None),
                None,
            )
            kwargs["initial"] = {
                "backup_email": backup.email if backup else "",
                **(
                    {n: getattr(mine, n) for n in ("interest", "dream", "allergy", "contribution")}
                    if mine
                    else {}
                ),
            }
            kwargs["assisted"] = permissions.is_assisting(self.request.user, self.initiative)
            kwargs["resident_known"] = (
                assisted_registration.offline_lead(self.initiative) is not None
            )
            kwargs["own_email"] = self.request.user.email
        return kwargs

    def get_breadcrumbs(self):
        return [
            *super().get_breadcrumbs(),
            Crumb(
                gettext_lazy("Registration"),
                reverse("initiatives:intake", args=[self.initiative.pk]),
            ),
            Crumb(dict(INTAKE_STEPS)[self.step]),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            previous_url=step_url(self.initiative, self.step - 1) if self.step > 1 else "",
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            if self.step == 4:
                motivation = {
                    n: data[n]
                    for n in ("interest", "dream", "allergy", "contribution")
                    if n in data
                }
                services.save_people(
                    initiative=self.initiative,
                    by=self.request.user,
                    resident_email=data.get("resident_email") or "",
                    backup_email=data.get("backup_email") or "",
                    co_emails=data.get("co_emails") or [],
                    motivation=motivation,
                )
            else:
                fields = {k: v for k, v in data.items() if k in intake.STEP_FIELDS[self.step]}
                if "later" in self.request.POST:
                    # Save for later keeps what was typed; empty answers do not wipe saved ones.
                    fields = {k: v for k, v in fields.items() if v not in ("", None, [])}
                services.save_intake_step(
                    initiative=self.initiative, by=self.request.user, step=self.step, data=fields
                )
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        return _after_save(self.request, self.initiative, self.step)


class IntakeTaskListView(InitiativeMixin, TemplateView):
    template_name = "initiatives/intake_tasklist.html"
    permission = staticmethod(permissions.can_edit_intake)

    def get_context_data(self, **kwargs):
        steps = [
            (
                number,
                title,
                intake.step_complete(self.initiative, number),
                step_url(self.initiative, number),
            )
            for number, title in INTAKE_STEPS
        ]
        return super().get_context_data(
            **kwargs, steps=steps, all_complete=all(done for _n, _t, done, _u in steps),
            assisting=permissions.is_assisting(self.request.user, self.initiative),
            resident=assisted_registration.offline_lead(self.initiative),
        )  # fmt: skip

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(gettext_lazy("Registration"))]


class IntakeCheckView(InitiativeMixin, TemplateView):
    """Check everything on one page, then send it in (the lead initiator only)."""

    template_name = "initiatives/intake_check.html"
    permission = staticmethod(permissions.can_edit_intake)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            missing=intake.missing_steps(self.initiative),
            can_submit=permissions.can_submit(self.request.user, self.initiative),
            steps=INTAKE_STEPS,
        )

    def get_breadcrumbs(self):
        return [
            *super().get_breadcrumbs(),
            Crumb(
                gettext_lazy("Registration"),
                reverse("initiatives:intake", args=[self.initiative.pk]),
            ),
            Crumb(gettext_lazy("Check and send")),
        ]

    def post(self, request, *args, **kwargs):
        if not permissions.can_submit(request.user, self.initiative):
            raise PermissionDenied
        # The DigiD level the municipality asks for sending in (accounts/oidc/levels.py).
        step_up = levels.ask_for_level(request, "initiative", request.path)
        if step_up:
            return step_up
        try:
            services.submit_initiative(initiative=self.initiative, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("initiatives:intake-check", self.initiative.pk)
        return redirect("initiatives:sent", self.initiative.pk)


class SentView(InitiativeMixin, TemplateView):
    """The confirmation after sending in the registration: reference number, what happens
    next and when, and the contact person. A page, not a flash message."""

    template_name = "initiatives/intake_sent.html"
    permission = staticmethod(permissions.can_see_confirmation)

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(gettext_lazy("Sent in"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, contact=selectors.contact_person(self.initiative))


class InvitationView(LoginRequiredMixin, BreadcrumbsMixin, TemplateView):
    """An invited (co-)initiator, or the resident of an assisted intake, accepts here."""

    template_name = "initiatives/invitation.html"

    def get_invitation(self) -> Initiator:
        return get_object_or_404(
            Initiator.objects.select_related("initiative", "initiative__created_by"),
            token=self.kwargs["token"],
            left_at__isnull=True,
        )

    def get_context_data(self, **kwargs):
        invitation = self.get_invitation()
        return super().get_context_data(
            **kwargs,
            invitation=invitation,
            initiative=invitation.initiative,
            accepted_by_other=invitation.accepted_at is not None
            and invitation.user_id != self.request.user.pk,
            expired=invitation.accepted_at is None and invitations.invitation_expired(invitation),
        )

    def get_breadcrumbs(self):
        return [Crumb(gettext_lazy("Invitation"))]

    def post(self, request, *args, **kwargs):
        invitation = self.get_invitation()
        if "renew" in request.POST:
            return self.renew(invitation)
        try:
            invitations.accept_invitation(token=invitation.token, user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        messages.success(request, _("Welcome! You are now an initiator of this initiative."))
        initiative = invitation.initiative
        if invitation.role == "lead" and initiative.status == "draft":
            return redirect("initiatives:intake-check", initiative.pk)
        return redirect(initiative.get_absolute_url())

    def renew(self, invitation):
        try:
            invitations.renew_invitation(token=invitation.token, by=self.request.user)
        except DomainError as error:
            messages.error(self.request, error.message)
            return redirect(self.request.path)
        messages.success(
            self.request,
            _("We have sent a new invitation to the e-mail address the first one went to."),
        )
        return redirect("core:dashboard")
