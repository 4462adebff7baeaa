"""A form in steps ("Stap 2 van 5"): the resident's intake and the application share it."""

from __future__ import annotations

from django.http import Http404


class StepFormMixin:
    """`step` is the step number in the URL (404 for a step that does not exist); the page's
    form is `step_forms[step]`."""

    step_forms: dict = {}

    @property
    def step(self) -> int:
        if self.kwargs["step"] not in self.step_forms:
            raise Http404
        return self.kwargs["step"]

    def get_form_class(self):
        return self.step_forms[self.step]
