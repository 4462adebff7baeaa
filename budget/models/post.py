"""What a letter by post (core.PostItem, SC-11) is about, on the application's side: the key
runs from budget to core (docs/architecture.md). The rules are in budget/post.py."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from budget.models.application import Application
from burgerkracht.core.models import PostItem


class ApplicationPostItem(models.Model):
    """A letter about this application (it is about the application's initiative as well:
    initiatives.InitiativePostItem). It goes with the letter; when the application goes, the
    letter stays, unlinked."""

    post_item = models.OneToOneField(
        PostItem, on_delete=models.CASCADE, primary_key=True, related_name="application_link",
        verbose_name=_("letter by post"),
    )  # fmt: skip
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="post_links",
        verbose_name=_("application"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("letter about an application")
        verbose_name_plural = _("letters about applications")

    def __str__(self) -> str:
        return str(self.post_item)
