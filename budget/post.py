"""Letters by post about an application (SC-11): the link the post queue reads
(core.postal.subjects, registered in budget/hooks.py). Who sees the letter follows its
initiative (initiatives/post.py), which every letter about an application also has."""

from __future__ import annotations

from typing import Any

from budget.models import Application, ApplicationPostItem
from burgerkracht.core.models import PostItem
from burgerkracht.core.postal.subjects import Subject


def link(item: PostItem, context: dict[str, Any]) -> ApplicationPostItem | None:
    application = context.get("application")
    if not isinstance(application, Application):
        return None
    return ApplicationPostItem.objects.create(post_item=item, application=application)


# An application is shown by its initiative's title (Application.__str__).
SUBJECT = Subject(
    accessor="application_link", field="application", link=link,
    select="application_link__application__initiative",
)  # fmt: skip
