"""What every initiative view shares: loading the initiative once and checking a predicate."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb
from burgerkracht.core.ui.subject_views import SubjectPermissionMixin
from initiatives import permissions
from initiatives.models import Initiative, Initiator


class InitiativeMixin(SubjectPermissionMixin, BreadcrumbsMixin):
    """Loads `self.initiative` and refuses (403) unless `permission(user, initiative)`."""

    subject = "initiative"

    permission: Callable = staticmethod(permissions.can_view_initiative)

    def initiative_queryset(self):
        return Initiative.objects.all()

    @cached_property
    def initiative(self) -> Initiative:
        return get_object_or_404(
            self.initiative_queryset()
            .select_related(
                "facilitator", "backup_facilitator", "assisted_by", "consent_recorded_by"
            )
            .prefetch_related(
                Prefetch("initiators", queryset=Initiator.objects.select_related("user")),
                "neighbourhoods",
            ),
            pk=self.kwargs["pk"],
        )

    def get_breadcrumbs(self):
        return [
            Crumb(_("My burgerkracht"), "/mijn/"),
            Crumb(self.initiative.title, self.initiative.get_absolute_url()),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, initiative=self.initiative)

    def run(self, action: Callable, success: str, **kwargs):
        """Call one service; a refused action becomes a message, never a server error."""
        try:
            action(initiative=self.initiative, by=self.request.user, **kwargs)
        except DomainError as error:
            messages.error(self.request, error.message)
        else:
            messages.success(self.request, success)
        return redirect(self.initiative.get_absolute_url())
