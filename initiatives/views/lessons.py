"""The lessons library: the officials' search list, writing a lesson, publishing it with
consent or taking it off, the handreiking, and the public list and page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.files.uploads import content_type_for, private_file_response
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb
from burgerkracht.core.validation.parsing import whole_number
from initiatives import lesson_selectors as selectors
from initiatives import lessons, permissions
from initiatives.enums import LessonSource, LessonStatus
from initiatives.filters import LessonFilter
from initiatives.lesson_forms import (
    LessonForm,
    LessonSearchForm,
    PublishLessonForm,
    UnpublishLessonForm,
)
from initiatives.models import Initiative, Lesson
from initiatives.support_enums import SupportStatus
from initiatives.support_models import SupportRequest
from initiatives.tables import LessonTable

LESSONS = gettext_lazy("Lessons for others")
OFFICIALS = gettext_lazy("Lessons library")


class LessonMixin(BreadcrumbsMixin):
    """Loads `self.lesson`; one the visitor may not see does not exist for them (404)."""

    @cached_property
    def lesson(self) -> Lesson:
        lesson = get_object_or_404(
            Lesson.objects.select_related("neighbourhood", "initiative", "consent_recorded_by"),
            pk=self.kwargs["pk"],
        )  # fmt: skip
        if not permissions.can_view_lesson(self.request.user, lesson):
            raise Http404
        return lesson

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, lesson=self.lesson)


class OfficialsMixin(LoginRequiredMixin, UserPassesTestMixin, BreadcrumbsMixin):
    def test_func(self):
        return permissions.can_use_lessons(self.request.user)


class PublicLessonListView(BreadcrumbsMixin, TemplateView):
    template_name = "initiatives/lessons/public_list.html"

    def get_breadcrumbs(self):
        return [Crumb(LESSONS)]

    def get_context_data(self, **kwargs):
        form = LessonSearchForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        queryset = selectors.public_lessons(
            search=filters.get("q", ""), theme=filters.get("theme", ""),
            neighbourhood=filters.get("wijk", ""),
        )  # fmt: skip
        page = Paginator(queryset, 20).get_page(self.request.GET.get("pagina"))
        return super().get_context_data(**kwargs, form=form, page=page)


class LessonDetailView(LessonMixin, TemplateView):
    template_name = "initiatives/lessons/detail.html"

    def get_breadcrumbs(self):
        if permissions.can_use_lessons(self.request.user):
            return [Crumb(OFFICIALS, reverse("initiatives:lessons-officials")),
                    Crumb(self.lesson.title)]  # fmt: skip
        return [Crumb(LESSONS, reverse("initiatives:lessons")), Crumb(self.lesson.title)]

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            **kwargs, official=permissions.can_use_lessons(user),
            can_publish=permissions.can_publish_lesson(user, self.lesson),
        )  # fmt: skip


class LessonGuideView(LessonMixin, View):
    """The handreiking, only where the lesson may be seen."""

    def get(self, request, *args, **kwargs):
        lesson = self.lesson
        if not lesson.guide:
            raise Http404
        return private_file_response(lesson.guide, filename=lesson.guide_name,
                                     content_type=content_type_for(lesson.guide_name))  # fmt: skip


class OfficialsLessonListView(OfficialsMixin, SingleTableMixin, FilterView):
    template_name = "initiatives/lessons/officials_list.html"
    table_class = LessonTable
    filterset_class = LessonFilter
    table_pagination = {"per_page": 25}

    def get_queryset(self):
        return selectors.lessons_for_officials()

    def get_breadcrumbs(self):
        return [Crumb(OFFICIALS)]


class LessonCreateView(OfficialsMixin, FormView):
    """A new lesson; from an initiative's page with ?initiatief=<pk> (and ?bron=), from an
    answered support request also with ?hulpvraag=<pk> (the lesson keeps which one)."""

    template_name = "initiatives/lessons/form.html"
    form_class = LessonForm

    @cached_property
    def initiative(self) -> Initiative | None:
        pk = whole_number(self.request.GET.get("initiatief"))
        if pk is None:
            return None
        initiative = get_object_or_404(
            Initiative.objects.prefetch_related("neighbourhoods", "initiators"), pk=pk
        )
        if not permissions.can_write_lesson_from(self.request.user, initiative):
            raise PermissionDenied
        return initiative

    @cached_property
    def support_request(self) -> SupportRequest | None:
        pk = whole_number(self.request.GET.get("hulpvraag"))
        if pk is None or self.initiative is None:
            return None
        return get_object_or_404(
            SupportRequest, pk=pk, initiative=self.initiative, status=SupportStatus.ANSWERED
        )

    def get_breadcrumbs(self):
        return [Crumb(OFFICIALS, reverse("initiatives:lessons-officials")),
                Crumb(_("Write down a lesson"))]  # fmt: skip

    def get_initial(self):
        initial = {}
        source = self.request.GET.get("bron", "")
        if source in LessonSource.values:
            initial["source"] = source
        if (request := self.support_request) is not None:
            initial |= {"source": LessonSource.SUPPORT_REQUEST, "rule_domain": request.domain,
                        "source_note": Truncator(request.question).chars(200)}  # fmt: skip
        if self.initiative is not None:
            wijken = list(self.initiative.neighbourhoods.all())
            initial |= {"theme": self.initiative.theme,
                        "neighbourhood": wijken[0] if len(wijken) == 1 else None}  # fmt: skip
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, initiative=self.initiative, support_request=self.support_request
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            lesson = lessons.write_lesson(
                by=self.request.user, title=data["title"], text=data["text"],
                theme=data["theme"], source=data["source"], source_note=data["source_note"],
                neighbourhood=data["neighbourhood"], initiative=self.initiative,
                guide=data.get("guide") or None, rule_domain=data["rule_domain"],
                support_request=self.support_request,
            )  # fmt: skip
        except DomainError as error:
            form.add_error("guide" if data.get("guide") else None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The lesson has been saved. Only officials see it."))
        return redirect(lesson.get_absolute_url())


class LessonPublicationView(LessonMixin, LoginRequiredMixin, FormView):
    """Publish a lesson with consent, or take a published one off the website."""

    template_name = "initiatives/lessons/form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not permissions.can_publish_lesson(request.user, self.lesson):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def publishing(self) -> bool:
        return self.lesson.status == LessonStatus.INTERNAL

    def get_form_class(self):
        return PublishLessonForm if self.publishing else UnpublishLessonForm

    def title(self) -> str:
        return _("Publish the lesson") if self.publishing else _("Take it off the website")

    def get_breadcrumbs(self):
        return [Crumb(OFFICIALS, reverse("initiatives:lessons-officials")),
                Crumb(self.lesson.title, self.lesson.get_absolute_url()),
                Crumb(self.title())]  # fmt: skip

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, title=self.title())

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            if self.publishing:
                lessons.publish_lesson(lesson=self.lesson, by=self.request.user,
                                       consent_from=data["consent_from"])  # fmt: skip
                done = _("The lesson is on the website. The consent is recorded.")
            else:
                lessons.unpublish_lesson(lesson=self.lesson, by=self.request.user,
                                         reason=data["reason"])  # fmt: skip
                done = _("The lesson is no longer on the website.")
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, done)
        return redirect(self.lesson.get_absolute_url())
