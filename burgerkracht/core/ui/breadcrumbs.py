"""Breadcrumbs: views declare their trail; base.html renders it after "Home"."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str = ""  # empty for the current page


class BreadcrumbsMixin:
    def get_breadcrumbs(self) -> list[Crumb]:
        return []

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, breadcrumbs=self.get_breadcrumbs())
