"""The advisory bodies: who is in them (with their other bodies: "dubbele petten"), the
member organisations with their themes and groups, and managing both. The representation
overview is a report now (advice/representation.py); its old address redirects there."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, RedirectView, TemplateView

from advice import permissions
from advice.forms.bodies import EndMembershipForm, MemberForm, OrganisationForm
from advice.models import (
    AdvisoryBody,
    BodyOrganisation,
    Membership,
)
from advice.services import bodies as services
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb

BODIES = _("Advisory bodies")
REPRESENTATION = "representation"  # the slug of the report (advice/representation.py)
FORM_TEMPLATE = "advice/bodies/form.html"


def error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return error.message


class Access(LoginRequiredMixin, BreadcrumbsMixin):
    """Login first (a redirect), then `allowed()` (403 when refused)."""

    def allowed(self) -> bool:
        return True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.allowed():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ServiceFormView(Access, FormView):
    """A form whose valid data goes to a service; a refusal is shown on the form."""

    template_name = FORM_TEMPLATE
    title = ""
    intro = ""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("title", self.title)
        kwargs.setdefault("intro", self.intro)
        return super().get_context_data(**kwargs)

    def act(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            response = self.act(form)
        except (DomainError, ValidationError) as error:
            form.add_error(None, error_text(error))
            return self.form_invalid(form)
        return response


class BodyListView(Access, TemplateView):
    template_name = "advice/bodies/list.html"

    def allowed(self):
        return permissions.can_view_bodies(self.request.user)

    def get_breadcrumbs(self):
        return [Crumb(BODIES)]

    def get_context_data(self, **kwargs):
        bodies = AdvisoryBody.objects.filter(is_active=True).annotate(
            members=Count("memberships", filter=Q(memberships__ended_on__isnull=True)),
            organisation_count=Count("organisations", distinct=True),
        )
        return super().get_context_data(**kwargs, bodies=bodies)


class BodyMixin(Access):
    @cached_property
    def body(self) -> AdvisoryBody:
        return get_object_or_404(AdvisoryBody, slug=self.kwargs["slug"])

    def allowed(self):
        return permissions.can_manage_body(self.request.user, self.body)

    def get_breadcrumbs(self):
        return [Crumb(BODIES, reverse("advice:bodies")),
                Crumb(str(self.body), self.body.get_absolute_url()), Crumb(self.title)]  # fmt: skip

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, body=self.body)

    def done(self, message):
        messages.success(self.request, message)
        return redirect(self.body.get_absolute_url())


class BodyDetailView(BodyMixin, TemplateView):
    template_name = "advice/bodies/detail.html"

    def allowed(self):
        return permissions.can_view_bodies(self.request.user)

    def get_breadcrumbs(self):
        return [Crumb(BODIES, reverse("advice:bodies")), Crumb(str(self.body))]

    def get_context_data(self, **kwargs):
        memberships = list(
            self.body.memberships.select_related("user", "organisation__organisation")
            .order_by("ended_on", "user__full_name", "user__email")
        )  # fmt: skip
        current = [m for m in memberships if m.ended_on is None]
        others = defaultdict(list)
        for other in (
            Membership.objects.filter(user__in=[m.user_id for m in current], ended_on__isnull=True)
            .exclude(body=self.body)
            .select_related("body", "organisation__organisation")
        ):
            others[other.user_id].append(other)
        for membership in current:
            membership.other_bodies = others.get(membership.user_id, [])
        return super().get_context_data(
            **kwargs,
            current=current,
            former=[m for m in memberships if m.ended_on is not None],
            organisations=self.body.organisations.select_related("organisation").prefetch_related(
                "themes", "groups"
            ),
            can_manage=permissions.can_manage_body(self.request.user, self.body),
        )


class MemberAddView(BodyMixin, ServiceFormView):
    title = _("Add a member")
    intro = _("A person can be a member of several bodies. That is allowed, and it is shown "
              "on the page of each body.")  # fmt: skip
    form_class = MemberForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "body": self.body}

    def act(self, form):
        data = form.cleaned_data
        services.add_member(
            by=self.request.user, body=self.body, user=data["user"], role=data["role"],
            organisation=data["organisation"], started_on=data["started_on"],
        )  # fmt: skip
        return self.done(_("The member has been added."))


class MemberEndView(BodyMixin, ServiceFormView):
    title = _("End a membership")
    form_class = EndMembershipForm

    @cached_property
    def membership(self):
        return get_object_or_404(
            Membership.objects.select_related("user"), pk=self.kwargs["pk"], body=self.body
        )

    def get_initial(self):
        return {"ended_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, intro=_("Membership of %(name)s.") % {"name": self.membership.user}
        )

    def act(self, form):
        services.end_membership(
            by=self.request.user, membership=self.membership, ended_on=form.cleaned_data["ended_on"]
        )
        return self.done(_("The membership has ended."))


class OrganisationAddView(BodyMixin, ServiceFormView):
    title = _("Add a member organisation")
    intro = _("Tick the themes the organisation works on and the groups of residents it "
              "speaks for. The representation overview uses this to show the gaps.")  # fmt: skip
    form_class = OrganisationForm
    member = None

    def act(self, form):
        data = form.cleaned_data
        services.save_organisation(
            by=self.request.user, body=self.body, organisation=data["organisation"],
            themes=list(data["themes"]), groups=list(data["groups"]),
            joined_on=data["joined_on"], left_on=data["left_on"], member=self.member,
        )  # fmt: skip
        return self.done(_("The organisation has been saved."))


class OrganisationEditView(OrganisationAddView):
    title = _("Change a member organisation")

    @cached_property
    def member(self):
        return get_object_or_404(BodyOrganisation, pk=self.kwargs["pk"], body=self.body)

    def get_initial(self):
        member = self.member
        return {
            "organisation": member.organisation_id, "themes": list(member.themes.all()),
            "groups": list(member.groups.all()), "joined_on": member.joined_on,
            "left_on": member.left_on,
        }  # fmt: skip


class RepresentationMovedView(RedirectView):
    """The representation overview is a report in /rapportages/ now (issue #27): the old
    address stays, as a permanent redirect; the report checks who may read it."""

    permanent = True
    query_string = True
    url = reverse_lazy("core:report", args=[REPRESENTATION])
