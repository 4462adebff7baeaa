"""What a letter by post (core.PostItem, SC-11) is about, on the initiative's side: the key
runs from initiatives to core (docs/architecture.md). Imported in initiatives/models.py; the
rules are in initiatives/post.py."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.models import PostItem


class InitiativePostItem(models.Model):
    """A letter about this initiative, also one about one of its applications. It goes with
    the letter (retention kind `post`); when the initiative goes, the letter stays, unlinked."""

    post_item = models.OneToOneField(
        PostItem, on_delete=models.CASCADE, primary_key=True, related_name="initiative_link",
        verbose_name=_("letter by post"),
    )  # fmt: skip
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="post_links",
        verbose_name=_("initiative"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("letter about an initiative")
        verbose_name_plural = _("letters about initiatives")

    def __str__(self) -> str:
        return str(self.post_item)
