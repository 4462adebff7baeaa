"""Meetings of the college with an advisory body (at least ADVICE_MEETINGS_PER_YEAR per
calendar year): the list per body and year, planning one with a draft agenda, and changing
it afterwards with the agreements made."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from advice import meeting_selectors as selectors
from advice import permissions
from advice.forms.bodies import MeetingForm
from advice.models import AdvisoryBody, Meeting
from advice.services import followup
from advice.views.bodies import Access, ServiceFormView
from burgerkracht.core.ui.breadcrumbs import Crumb
from burgerkracht.core.validation.parsing import whole_number

MEETINGS = _("Meetings with the college")
FIELDS = ("date", "title", "participants", "agenda", "agreements")


def meetings_crumb() -> Crumb:
    return Crumb(MEETINGS, reverse("advice:meetings"))


def visible_bodies(user):
    bodies = AdvisoryBody.objects.filter(is_active=True)
    if permissions.is_internal(user):
        return bodies
    return bodies.filter(pk__in=permissions.body_ids(user))


def plannable_bodies(user):
    bodies = AdvisoryBody.objects.filter(is_active=True)
    if permissions.is_editor(user):
        return bodies
    return bodies.filter(pk__in=[pk for pk in permissions.body_ids(user)
                                 if permissions.is_secretary(user, pk)])  # fmt: skip


def chosen_year(raw: str | None) -> int:
    today = timezone.localdate().year
    year = whole_number(raw)
    return year if year is not None and 2000 <= year <= 2100 else today


class MeetingListView(Access, TemplateView):
    template_name = "advice/meetings/list.html"

    def allowed(self):
        return permissions.can_view_meetings(self.request.user)

    def get_breadcrumbs(self):
        return [Crumb(MEETINGS)]

    def get_context_data(self, **kwargs):
        user = self.request.user
        year = chosen_year(self.request.GET.get("jaar"))
        bodies = list(visible_bodies(user))
        meetings = list(
            selectors.visible_meetings(user).filter(date__year=year).order_by("date", "pk")
        )
        counts = selectors.meetings_per_year(bodies, year)
        for count in counts:
            count.meetings = [m for m in meetings if m.body_id == count.body.pk]
        return super().get_context_data(
            **kwargs, year=year, previous=year - 1, next=year + 1, counts=counts,
            minimum=settings.ADVICE_MEETINGS_PER_YEAR,
            can_plan=permissions.can_plan_meeting(user),
        )  # fmt: skip


class MeetingCreateView(ServiceFormView):
    title = _("Plan a meeting")
    template_name = "advice/meetings/form.html"
    form_class = MeetingForm

    def allowed(self):
        return permissions.can_plan_meeting(self.request.user) and self.body is not None

    @cached_property
    def bodies(self):
        return list(plannable_bodies(self.request.user))

    @cached_property
    def body(self):
        wanted = self.request.GET.get("orgaan")
        return next((b for b in self.bodies if b.slug == wanted), None) or (
            self.bodies[0] if self.bodies else None
        )

    @cached_property
    def agenda(self):
        return selectors.draft_agenda(self.body, timezone.localdate())

    def get_breadcrumbs(self):
        return [meetings_crumb(), Crumb(self.title)]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "advices": selectors.selectable_advices(self.body)}

    def get_initial(self):
        return {
            "title": _("Meeting of the college with the %(body)s") % {"body": self.body.short_name},
            "agenda": self.agenda.text(),
            "advices": [a.pk for a in self.agenda.advices],
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, body=self.body, bodies=self.bodies, draft=self.agenda
        )

    def act(self, form):
        data = form.cleaned_data
        meeting = followup.plan_meeting(
            by=self.request.user, body=self.body, advices=list(data["advices"]),
            **{name: data[name] for name in FIELDS},
        )  # fmt: skip
        messages.success(self.request, _("The meeting has been planned."))
        return redirect(meeting.get_absolute_url())


class MeetingMixin:
    @cached_property
    def meeting(self):
        return get_object_or_404(Meeting.objects.select_related("body", "created_by"),
                                 pk=self.kwargs["pk"])  # fmt: skip


class MeetingDetailView(MeetingMixin, Access, TemplateView):
    template_name = "advice/meetings/detail.html"

    def allowed(self):
        return permissions.can_view_meeting(self.request.user, self.meeting)

    def get_breadcrumbs(self):
        return [meetings_crumb(), Crumb(str(self.meeting))]

    def get_context_data(self, **kwargs):
        user = self.request.user
        advices = [a for a in self.meeting.advices.all() if permissions.can_view_advice(user, a)]
        return super().get_context_data(
            **kwargs, meeting=self.meeting, advices=advices,
            can_edit=permissions.can_plan_meeting(user, self.meeting.body_id),
        )  # fmt: skip


class MeetingEditView(MeetingMixin, ServiceFormView):
    title = _("Change the meeting")
    template_name = "advice/meetings/form.html"
    form_class = MeetingForm

    def allowed(self):
        return permissions.can_plan_meeting(self.request.user, self.meeting.body_id)

    def get_breadcrumbs(self):
        return [meetings_crumb(), Crumb(str(self.meeting), self.meeting.get_absolute_url()),
                Crumb(self.title)]  # fmt: skip

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "advices": selectors.selectable_advices(self.meeting.body)}  # fmt: skip

    def get_initial(self):
        meeting = self.meeting
        return {**{name: getattr(meeting, name) for name in FIELDS},
                "advices": list(meeting.advices.values_list("pk", flat=True))}  # fmt: skip

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, body=self.meeting.body, meeting=self.meeting)

    def act(self, form):
        data = form.cleaned_data
        followup.update_meeting(
            meeting=self.meeting, by=self.request.user, advices=list(data["advices"]),
            **{name: data[name] for name in FIELDS},
        )  # fmt: skip
        messages.success(self.request, _("The meeting has been saved."))
        return redirect(self.meeting.get_absolute_url())
