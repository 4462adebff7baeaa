"""Letters by post about an initiative (SC-11): the link the post queue reads
(core.postal.subjects, registered in initiatives/hooks.py), who sees the letter, and the
letters the initiative page lists as "Brief per post verstuurd op …"."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from burgerkracht.core.enums import PostStatus
from burgerkracht.core.models import PostItem
from burgerkracht.core.postal.subjects import Subject
from initiatives.models import Initiative, InitiativePostItem


def initiative_in(context: dict[str, Any]) -> Initiative | None:
    """The initiative a notice is about: its own, or the one of its application (every
    letter about an application is about its initiative too, so the initiative's list is
    complete and its facilitators see it)."""
    initiative = context.get("initiative")
    if isinstance(initiative, Initiative):
        return initiative
    initiative = getattr(context.get("application"), "initiative", None)
    return initiative if isinstance(initiative, Initiative) else None


def link(item: PostItem, context: dict[str, Any]) -> InitiativePostItem | None:
    initiative = initiative_in(context)
    if initiative is None:
        return None
    return InitiativePostItem.objects.create(post_item=item, initiative=initiative)


def visible_to(user: Any) -> Q:
    """A facilitator sees the letters about the initiatives they facilitate, primary or
    backup (who sees every letter is the post queue's: core.postal.queue)."""
    return Q(initiative_link__initiative__facilitator=user) | Q(
        initiative_link__initiative__backup_facilitator=user
    )


SUBJECT = Subject(accessor="initiative_link", field="initiative", link=link, visible_to=visible_to)


def posted_letters(initiative: Initiative) -> list[PostItem]:
    """The letters posted about this initiative (or one of its applications), the oldest
    first: one query."""
    return list(
        PostItem.objects.filter(initiative_link__initiative=initiative, status=PostStatus.POSTED)
        .select_related("recipient")
        .order_by("posted_at", "pk")
    )
