"""The municipality's answer to an advice (WF-9): one page with the answer per
recommendation, the general fields, the promises in the answer and the decision record; and
the actions on it (add or remove a promise, approve, reopen, publish). Thin: check, bind,
call a service. A refused action becomes a form error, never a server error."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from advice import permissions
from advice.enums import AnswerStatus
from advice.forms.answer import GENERAL_FIELDS, AnswerForm, ConfirmForm, PlannedPromiseForm
from advice.forms.answer import ReasonForm as ReopenForm
from advice.models import Advice, AnswerPromise
from advice.services import answer as services
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb
from burgerkracht.core.ui.subject_views import SubjectPermissionMixin
from burgerkracht.core.validation.parsing import whole_number


class AdviceMixin(SubjectPermissionMixin, BreadcrumbsMixin):
    """Loads `self.advice` (with its answer) and refuses (403) unless `permission`."""

    subject = "advice"

    permission: Callable = staticmethod(permissions.can_open_answer)

    @cached_property
    def advice(self) -> Advice:
        return get_object_or_404(
            Advice.objects.select_related("body", "answer", "answer__decision"),
            pk=self.kwargs["pk"],
        )

    @property
    def answer(self):
        return getattr(self.advice, "answer", None)

    def get_breadcrumbs(self):
        return [
            Crumb(_("Advice register"), reverse("advice:register")),
            Crumb(str(self.advice), self.advice.get_absolute_url()),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, advice=self.advice, answer=self.answer)

    def attempt(self, form, action: Callable, success: str, **kwargs):
        try:
            action(by=self.request.user, **kwargs)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, success)
        return redirect("advice:answer", self.advice.pk)


class AnswerView(AdviceMixin, FormView):
    """The answer page. POST "start" begins the draft; POST "save" stores the answer per
    recommendation and the general fields (every recommendation that has an answer)."""

    template_name = "advice/answer/answer.html"
    form_class = AnswerForm

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(_("The answer"))]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "recommendations": self.advice.recommendations.order_by("number")}  # fmt: skip

    def get_initial(self):
        if self.answer is None:
            return {}
        initial = {name: getattr(self.answer, name) for name in GENERAL_FIELDS}
        for rec in self.advice.recommendations.all():
            initial[f"adoption_{rec.number}"] = rec.adoption
            initial[f"reason_{rec.number}"] = rec.reason
        return initial

    def get_context_data(self, **kwargs):
        user, advice, answer = self.request.user, self.advice, self.answer
        can_write = permissions.can_write_answer(user, advice)
        context = {
            "can_write": can_write and answer is not None,
            "can_start": can_write and answer is None,
            "can_approve": permissions.can_approve_answer(user, advice)
            and answer.status == AnswerStatus.DRAFT,
            "can_reopen": permissions.can_approve_answer(user, advice)
            and answer.status == AnswerStatus.APPROVED,
            "can_publish": permissions.can_publish_answer(user, advice),
            "internal": permissions.is_internal(user),
        } if answer is not None else {"can_start": can_write}  # fmt: skip
        if answer is not None:
            context["planned"] = answer.planned_promises.select_related("owner", "recommendation")
            context["recommendations"] = advice.recommendations.order_by("number")
            if not answer.is_published and permissions.is_internal(user):
                context["answer_missing"] = services.answer_missing(advice)
                context["contacts_missing"] = services.contacts_missing(advice)
                context["can_set_contacts"] = permissions.can_set_contacts(user, advice)
                context["publish_missing"] = services.publish_missing(advice)
                context["can_edit_decision"] = permissions.is_editor(user)
            if answer.is_published:
                context["promises"] = advice.promises.select_related("owner")
        return super().get_context_data(**kwargs, **context)

    def post(self, request, *args, **kwargs):
        if not permissions.can_write_answer(request.user, self.advice):
            raise PermissionDenied
        if "start" in request.POST or self.answer is None:
            try:
                services.start_answer(advice=self.advice, by=request.user)
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("The draft answer has been started."))
            return redirect("advice:answer", self.advice.pk)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        user = self.request.user
        try:
            with transaction.atomic():  # all of it or nothing
                services.save_answer(advice=self.advice, by=user, **form.general_values())
                for rec, adoption, reason in form.answers():
                    services.answer_recommendation(
                        recommendation=rec, by=user, adoption=adoption, reason=reason
                    )
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The draft answer has been saved."))
        return redirect("advice:answer", self.advice.pk)


class ActionView(AdviceMixin, FormView):
    """A form page for one action on the answer."""

    template_name = "advice/answer/action.html"
    form_class = ConfirmForm
    title = ""
    intro = ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "button": self.title}

    def get_breadcrumbs(self):
        return [
            *super().get_breadcrumbs(),
            Crumb(_("The answer"), reverse("advice:answer", args=[self.advice.pk])),
            Crumb(self.title),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, title=self.title, intro=self.intro)

    def contacts_context(self) -> dict:
        """What approving and publishing need of the contact persons, with a link to set
        them for who may."""
        return {
            "contacts_missing": services.contacts_missing(self.advice),
            "can_set_contacts": permissions.can_set_contacts(self.request.user, self.advice),
        }


class AddPromiseView(ActionView):
    form_class = PlannedPromiseForm
    permission = staticmethod(permissions.can_write_answer)
    title = gettext_lazy("Add a promise to the answer")
    intro = gettext_lazy(
        "Every adopted or partly adopted recommendation needs at least one promise with an "
        "owner and a due date. Publishing the answer puts them in the promise register."
    )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("button")
        return {**kwargs, "advice": self.advice}

    def get_initial(self):
        number = self.request.GET.get("aanbeveling", "")
        recs = self.advice.recommendations
        number = whole_number(number)
        rec = recs.filter(number=number).first() if number is not None else None
        return {"recommendation": rec, "owner": self.request.user}

    def form_valid(self, form):
        return self.attempt(
            form, services.add_promise, _("The promise has been added to the answer."),
            advice=self.advice, **form.cleaned_data,
        )  # fmt: skip


class RemovePromiseView(ActionView):
    permission = staticmethod(permissions.can_write_answer)
    title = gettext_lazy("Remove the promise from the answer")

    @cached_property
    def planned(self) -> AnswerPromise:
        return get_object_or_404(
            AnswerPromise.objects.filter(answer__advice=self.advice), pk=self.kwargs["promise_pk"]
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "intro": self.planned.text}

    def form_valid(self, form):
        return self.attempt(
            form, services.remove_promise, _("The promise has been removed from the answer."),
            planned=self.planned,
        )  # fmt: skip


class ApproveView(ActionView):
    permission = staticmethod(permissions.can_approve_answer)
    title = gettext_lazy("Approve the answer")
    intro = gettext_lazy(
        "After approval the answer cannot change unless you reopen it. It is not published yet."
    )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, missing=services.answer_missing(self.advice), **self.contacts_context()
        )

    def form_valid(self, form):
        return self.attempt(
            form, services.approve_answer, _("The answer has been approved."), advice=self.advice
        )


class ReopenView(ActionView):
    form_class = ReopenForm
    permission = staticmethod(permissions.can_approve_answer)
    title = gettext_lazy("Reopen the answer")
    intro = gettext_lazy("The answer becomes a draft again, so that it can change.")

    def form_valid(self, form):
        return self.attempt(
            form, services.reopen_answer, _("The answer is a draft again."),
            advice=self.advice, reason=form.cleaned_data["reason"],
        )  # fmt: skip


class PublishView(ActionView):
    permission = staticmethod(permissions.can_publish_answer)
    title = gettext_lazy("Publish and send the answer")
    intro = gettext_lazy(
        "The body and the contact persons are told. The promises go into the promise register "
        "and the evaluation of the advice is planned. This cannot be undone."
    )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, missing=services.publish_missing(self.advice), **self.contacts_context()
        )

    def form_valid(self, form):
        return self.attempt(
            form, services.publish_answer, _("The answer has been published and sent."),
            advice=self.advice,
        )  # fmt: skip
