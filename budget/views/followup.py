"""The facilitator's week: overdue evaluations and accountability, this week's dates and
visits, and accountability waiting for a check."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from budget import permissions, selectors
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb

FOLLOW_UP = _("This week and overdue")


class FollowUpView(LoginRequiredMixin, UserPassesTestMixin, BreadcrumbsMixin, TemplateView):
    template_name = "budget/follow_up.html"

    def test_func(self):
        return permissions.can_use_follow_up(self.request.user)

    def get_breadcrumbs(self):
        return [Crumb(FOLLOW_UP)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, title=FOLLOW_UP, **selectors.follow_up_for(self.request.user)
        )
