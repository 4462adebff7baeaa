"""The pages of one advice (WF-8): register, detail, concept editing, recommendations,
sending, taking back, withdrawing, contact persons, publication and the answer PDF."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from advice import permissions, selectors
from advice.enums import RequestStatus
from advice.forms.register import (
    AdviceForm,
    ContactsForm,
    PublicForm,
    ReasonForm,
    RecommendationsForm,
    SendForm,
)
from advice.models import Advice, AdviceRequest, AdvisoryBody
from advice.services import answer as answer_services
from advice.services import register as services
from advice.views.register import REFUSED, form_error, register_crumb
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb
from burgerkracht.core.ui.subject_views import SubjectPermissionMixin
from burgerkracht.core.validation.parsing import whole_number


def pdf_response(advice: Advice):
    """The PDF of the advice and its published answer; made now if it was not made yet."""
    answer = selectors.published_answer(advice)
    if answer is None:
        raise Http404
    if not answer.pdf:
        answer_services.generate_answer_pdf(answer_pk=answer.pk)
        answer.refresh_from_db()
    return FileResponse(
        answer.pdf.open("rb"), content_type="application/pdf",
        filename=f"advies-{advice.reference}.pdf",
    )  # fmt: skip


class AdviceCreateView(LoginRequiredMixin, UserPassesTestMixin, BreadcrumbsMixin, FormView):
    template_name = "advice/register/form.html"
    form_class = AdviceForm

    def test_func(self):
        return permissions.can_register_advice(self.request.user)

    def choices(self):
        """The bodies the user may register for, and the requests still without advice."""
        user = self.request.user
        bodies = AdvisoryBody.objects.filter(is_active=True).order_by("name")
        requests = AdviceRequest.objects.filter(
            status__in=(RequestStatus.OPEN, RequestStatus.LAPSED), advice__isnull=True
        ).order_by("-requested_on", "pk")
        if not permissions.is_editor(user):
            bodies = bodies.filter(pk__in=permissions.body_ids(user))
            requests = requests.filter(body_id__in=permissions.body_ids(user))
        return {"bodies": bodies, "requests": requests}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), **self.choices()}

    def get_initial(self):
        initial = {}
        request_id = self.request.GET.get("aanvraag", "")
        if whole_number(request_id) is not None:
            found = self.choices()["requests"].filter(pk=request_id).first()
            if found:
                initial = {"advice_request": found, "body": found.body}
        return initial

    def get_breadcrumbs(self):
        return [register_crumb(), Crumb(_("Register an advice"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, title=_("Register an advice"))

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            advice = services.register_advice(
                by=self.request.user, body=data["body"], advice_request=data.get("advice_request"),
                **form.service_fields(),
            )  # fmt: skip
        except REFUSED as error:
            form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The advice is registered as a concept."))
        return redirect("advice:recommendations", pk=advice.pk)


class AdviceMixin(SubjectPermissionMixin, BreadcrumbsMixin):
    """Loads `self.advice` and refuses (403) unless `permission(user, advice)`."""

    subject = "advice"

    permission: Callable = staticmethod(permissions.can_view_advice)
    title = ""

    @cached_property
    def advice(self) -> Advice:
        return selectors.advice_detail(self.kwargs["pk"])

    def get_breadcrumbs(self):
        crumbs = [register_crumb(), Crumb(str(self.advice), self.advice.get_absolute_url())]
        return [*crumbs, Crumb(self.title)] if self.title else crumbs

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, advice=self.advice, title=self.title)


class AdviceDetailView(AdviceMixin, TemplateView):
    template_name = "advice/register/advice_detail.html"

    def get_breadcrumbs(self):
        return [register_crumb(), Crumb(str(self.advice))]

    def get_context_data(self, **kwargs):
        user, advice = self.request.user, self.advice
        evaluation = getattr(advice, "evaluation", None)
        return super().get_context_data(
            **kwargs,
            today=timezone.localdate(),
            recommendations=list(advice.recommendations.order_by("number")),
            show_answer=permissions.can_see_answer(user, advice),
            answer=getattr(advice, "answer", None),
            promises=selectors.promises_of(advice),
            signals=list(advice.signals.select_related("theme").order_by("pk")),
            evaluation=evaluation,
            can_view_evaluation=evaluation is not None
            and permissions.can_view_evaluation(user, advice),
            can_edit=permissions.can_edit_advice(user, advice),
            can_send=permissions.can_send_advice(user, advice),
            can_take_back=permissions.can_take_back_advice(user, advice),
            can_set_contacts=permissions.can_set_contacts(user, advice),
            can_set_public=permissions.can_set_public(user, advice),
            has_pdf=selectors.published_answer(advice) is not None,
            can_view_request=advice.advice_request is not None
            and permissions.can_view_request(user, advice.advice_request),
        )


class AdviceFormView(AdviceMixin, FormView):
    template_name = "advice/register/form.html"
    permission = staticmethod(permissions.can_edit_advice)
    success = ""

    def act(self, form) -> None:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.act(form)
        except REFUSED as error:
            form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success)
        return redirect(self.advice.get_absolute_url())


class AdviceEditView(AdviceFormView):
    form_class = AdviceForm

    @property
    def success(self):
        return _("The concept is saved.")

    @property
    def title(self):
        return _("Change the concept")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "button": _("Save the concept")}

    def get_initial(self):
        return {name: getattr(self.advice, name) for name in services.ADVICE_FIELDS}

    def act(self, form):
        services.update_advice(advice=self.advice, by=self.request.user, **form.service_fields())


class RecommendationsView(AdviceFormView):
    form_class = RecommendationsForm

    @property
    def title(self):
        return _("The recommendations")

    @property
    def success(self):
        return _("The recommendations are saved.")

    def get_form_kwargs(self):
        texts = list(self.advice.recommendations.order_by("number").values_list("text", flat=True))
        return {**super().get_form_kwargs(), "texts": texts}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            intro=_("Write one recommendation per box, in order. Empty boxes are left out. "
                    "Need more boxes? Save, and three new empty boxes appear."),
        )  # fmt: skip

    def act(self, form):
        services.save_recommendations(advice=self.advice, by=self.request.user, texts=form.texts())


class AdviceSendView(AdviceFormView):
    template_name = "advice/register/send.html"
    form_class = SendForm
    permission = staticmethod(permissions.can_send_advice)

    @property
    def title(self):
        return _("Send the final advice")

    @property
    def success(self):
        return _("The final advice is sent to the municipality.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, missing=services.send_missing(self.advice))

    def act(self, form):
        services.send_advice(
            advice=self.advice, by=self.request.user, received_on=form.cleaned_data["received_on"]
        )


class AdviceReasonView(AdviceFormView):
    form_class = ReasonForm
    label = ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "label": self.label, "button": self.title}


class AdviceTakeBackView(AdviceReasonView):
    permission = staticmethod(permissions.can_take_back_advice)

    @property
    def title(self):
        return _("Take the advice back to concept")

    @property
    def label(self):
        return _("Why does the advice go back to concept?")

    @property
    def success(self):
        return _("The advice is a concept again.")

    def act(self, form):
        services.take_back_advice(
            advice=self.advice, by=self.request.user, reason=form.cleaned_data["reason"]
        )


class AdviceWithdrawView(AdviceReasonView):
    @property
    def title(self):
        return _("Withdraw the concept")

    @property
    def label(self):
        return _("Why is the advice withdrawn?")

    @property
    def success(self):
        return _("The advice is withdrawn.")

    def act(self, form):
        services.withdraw_advice(
            advice=self.advice, by=self.request.user, reason=form.cleaned_data["reason"]
        )


class AdviceContactsView(AdviceFormView):
    form_class = ContactsForm
    permission = staticmethod(permissions.can_set_contacts)

    @property
    def title(self):
        return _("Contact persons")

    @property
    def success(self):
        return _("The contact persons are saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "body_id": self.advice.body_id}

    def get_initial(self):
        a = self.advice
        return {"contact": a.contact, "backup": a.backup_contact, "body_contact": a.body_contact}

    def act(self, form):
        data = form.cleaned_data
        services.set_contacts(
            advice=self.advice, by=self.request.user, contact=data["contact"],
            backup=data["backup"], body_contact=data.get("body_contact"),
            reason=data.get("reason") or "",
        )  # fmt: skip


class AdvicePublicView(AdviceFormView):
    form_class = PublicForm
    permission = staticmethod(permissions.can_set_public)

    @property
    def title(self):
        return _("Publication on the website")

    @property
    def success(self):
        return _("Saved.")

    def get_initial(self):
        return {"is_public": self.advice.is_public}

    def act(self, form):
        services.set_public(
            advice=self.advice, by=self.request.user, is_public=form.cleaned_data["is_public"]
        )


class AnswerPdfView(AdviceMixin, View):
    """The advice and its published answer as a PDF, for everyone who may see the answer."""

    permission = staticmethod(permissions.can_see_answer)

    def get(self, request, *args, **kwargs):
        return pdf_response(self.advice)
