"""What every application page shares: loading the application once and checking a
predicate; a refused action becomes a message, never a server error."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from budget import permissions
from budget.application_selectors import APPLICATION_PAGE_PARTS, application_detail
from budget.models import Application
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.services import record_read
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb
from burgerkracht.core.ui.subject_views import SubjectPermissionMixin

MY_APPLICATIONS = _("My applications")
QUEUE = _("Applications to check and decide")


class ApplicationMixin(SubjectPermissionMixin, BreadcrumbsMixin):
    """Loads `self.application` and refuses (403) unless `permission(user, application)`."""

    subject = "application"

    permission: Callable = staticmethod(permissions.can_view_application)
    # The relations of the application the page shows (see application_detail).
    application_parts: tuple = APPLICATION_PAGE_PARTS

    @cached_property
    def application(self) -> Application:
        return application_detail(
            self.kwargs["pk"], parts=self.application_parts, viewer=self.request.user
        )

    def get_breadcrumbs(self):
        user, application = self.request.user, self.application
        if permissions.is_applicant(user, application):
            first = [
                Crumb(_("My burgerkracht"), "/mijn/"),
                Crumb(MY_APPLICATIONS, "/samen-sterk/aanvragen/"),
            ]
        else:
            first = [Crumb(QUEUE, "/samen-sterk/beoordelen/")]
        return [*first, Crumb(str(application), application.get_absolute_url())]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, application=self.application)

    def run(self, action: Callable, success: str, **kwargs):
        try:
            action(application=self.application, by=self.request.user, **kwargs)
        except DomainError as error:
            messages.error(self.request, error.message)
        else:
            messages.success(self.request, success)
        return redirect(self.application.get_absolute_url())


class PartMixin(ApplicationMixin):
    """For a part of a grant (an evaluation, the accountability): loads it as
    `self.<part_name>` with its application, and refuses (403) unless
    `permission(user, part)`. A refused action becomes a form error, never a server error."""

    subject = "part"
    part_name = ""
    part_title = ""

    def load_part(self):
        """The part (404 when there is none), with its application as application_detail
        loads it: `application_parts` and what is annotated about the viewer."""
        raise NotImplementedError

    def load_application(self, pk: int) -> Application:
        return application_detail(pk, parts=self.application_parts, viewer=self.request.user)

    @cached_property
    def part(self):
        return self.load_part()

    @cached_property
    def application(self) -> Application:
        return self.part.application

    def get_breadcrumbs(self):
        return [
            *super().get_breadcrumbs(),
            Crumb(self.get_part_title(), self.part.get_absolute_url()),
        ]

    def get_part_title(self) -> str:
        return str(self.part_title)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, **{self.part_name: self.part})

    def attempt(self, form, action, success: str, **kwargs):
        try:
            action(**{self.part_name: self.part}, by=self.request.user, **kwargs)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, success)
        return redirect(self.part.get_absolute_url())


class ReadAuditMixin:
    """A page or download with a resident's personal content. When someone other than the
    applicants opens it (an official, an adviser), the read is in the audit trail."""

    read_purpose = ""

    def read_subject(self):
        return getattr(self, "part", None) or self.application

    def audit_read(self) -> None:
        if not permissions.is_applicant(self.request.user, self.application):
            record_read(
                subject=self.read_subject(), actor=self.request.user, purpose=self.read_purpose
            )

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        self.audit_read()
        return response


class PartPageMixin:
    """The part's own page: its breadcrumb is the current page, not a link."""

    def get_breadcrumbs(self):
        crumbs = super().get_breadcrumbs()
        return [*crumbs[:-1], Crumb(crumbs[-1].label)]


class TitledPageMixin:
    """A form page with a title (also its last breadcrumb) and an optional introduction."""

    title = ""
    intro = ""

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(self.title)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, title=self.title, intro=self.intro)
