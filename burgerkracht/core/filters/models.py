"""A saved filter: an official's own name for a query string on one of the officials' lists
(issue #24, "Saved filters and reassignment" in docs/design.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# At most this many saved filters per person per list.
MAX_PER_LIST = 20


class SavedFilter(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_filters",
        verbose_name=_("owner"),
    )  # fmt: skip
    # The list's URL name, e.g. "budget:queue".
    list_key = models.CharField(_("list"), max_length=100)
    name = models.CharField(_("name"), max_length=80)
    query = models.CharField(_("filter"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved filter")
        verbose_name_plural = _("saved filters")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["owner", "list_key"])]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "list_key", "name"], name="saved_filter_unique_name"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="saved_filter_has_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """The list with this filter filled in."""
        url = reverse(self.list_key)
        return f"{url}?{self.query}" if self.query else url
