"""The one way a page about one thing (an initiative, an application, an advice …) checks
who may open it: rights follow the subject, not only the role."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied


class SubjectPermissionMixin(LoginRequiredMixin):
    """Loads the page's subject, the attribute named by `subject` (usually a cached
    property), and checks `permission(user, subject)`: someone not logged in goes to the
    login page, someone without the right gets 403. A missing subject is the loader's 404."""

    permission: Callable
    subject = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not type(self).permission(request.user, getattr(self, self.subject)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
