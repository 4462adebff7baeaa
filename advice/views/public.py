"""The public pages at /adviezen/: the published advices, and per advice the whole chain on
one timeline — request, advice, answer, promises, evaluation (SC-18)."""

from __future__ import annotations

import re

from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView, TemplateView

from advice import selectors
from advice.enums import AdviceEvaluationStatus
from advice.models import Advice, AdvisoryBody
from advice.views.advice_pages import pdf_response
from burgerkracht.core.messaging.notifications import absolute_url
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb
from burgerkracht.core.validation.parsing import whole_number

PUBLIC = gettext_lazy("Advices to the municipality")
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,40}")


class PublicListView(BreadcrumbsMixin, ListView):
    template_name = "advice/public/list.html"
    context_object_name = "advices"
    paginate_by = 25

    @cached_property
    def body(self):
        slug = self.request.GET.get("orgaan", "")
        if not SLUG.fullmatch(slug):  # also keeps NUL bytes and junk away from the database
            return None
        return AdvisoryBody.objects.filter(slug=slug).first()

    @cached_property
    def year(self):
        value = self.request.GET.get("jaar", "")
        return whole_number(value) if len(value) == 4 else None

    def get_queryset(self):
        advices = selectors.public_advices().order_by("-received_on", "-pk")
        if self.body is not None:
            advices = advices.filter(body=self.body)
        if self.year is not None:
            advices = advices.filter(received_on__year=self.year)
        return advices

    def get_breadcrumbs(self):
        return [Crumb(PUBLIC)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            bodies=AdvisoryBody.objects.order_by("name"),
            years=selectors.public_years(),
            chosen_body=self.body,
            chosen_year=self.year,
        )


def public_advice(pk: int) -> Advice:
    return get_object_or_404(
        selectors.public_advices().select_related("advice_request", "answer", "evaluation"), pk=pk
    )


class PublicDetailView(BreadcrumbsMixin, TemplateView):
    template_name = "advice/public/detail.html"

    @cached_property
    def advice(self) -> Advice:
        return public_advice(self.kwargs["pk"])

    def get_breadcrumbs(self):
        from django.urls import reverse

        return [Crumb(PUBLIC, reverse("advice:public-list")), Crumb(self.advice.title)]

    def get_context_data(self, **kwargs):
        advice = self.advice
        answer = selectors.published_answer(advice)
        evaluation = getattr(advice, "evaluation", None)
        return super().get_context_data(
            **kwargs,
            advice=advice,
            answer=answer,
            recommendations=list(advice.recommendations.order_by("number")),
            promises=selectors.promises_of(advice) if answer else [],
            evaluation=evaluation
            if evaluation is not None and evaluation.status == AdviceEvaluationStatus.DONE
            else None,
            today=timezone.localdate(),
            permalink=absolute_url(advice.get_public_url()),
            page_title=_("Advice: %(title)s") % {"title": advice.title},
        )


class PublicReferenceView(View):
    """/adviezen/ADV-2026-001/ → the public page at /adviezen/<pk>/, which never changes."""

    def get(self, request, reference):
        advice = get_object_or_404(selectors.public_advices(), reference=reference)
        return redirect(advice.get_public_url(), permanent=True)


class PublicPdfView(View):
    def get(self, request, pk):
        return pdf_response(public_advice(pk))
