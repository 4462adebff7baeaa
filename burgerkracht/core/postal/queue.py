"""The post queue for officials (SC-11): who sees which letters, printing them as one PDF,
and marking them posted. The letters themselves are made by core.postal.letters.

Who sees what follows the subject: a facilitator sees the letters about the initiatives (and
their applications) they facilitate, as primary or backup (the rule initiatives registers,
core.postal.subjects); the facilitator coordinators and the administrators see every letter.
Where a posted letter shows is the subject's app's: initiatives.post.posted_letters.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from burgerkracht.core.enums import POST_TRANSITIONS, PostStatus
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent, PostItem
from burgerkracht.core.postal import subjects
from burgerkracht.core.postal.letters import merge_pdfs
from burgerkracht.core.transitions import transition

# --- permissions -----------------------------------------------------------------------------


def can_see_post_queue(user: Any) -> bool:
    return bool(user.is_authenticated and user.sees_post_queue)


def can_handle_post_item(user: Any, item: PostItem) -> bool:
    """Print it and mark it posted: who sees it in the queue (post_items_for)."""
    return post_items_for(user).filter(pk=item.pk).exists()


# --- selectors -------------------------------------------------------------------------------


def post_items_for(user: Any) -> QuerySet[PostItem]:
    """The letters `user` may see in the queue (none for who may not see it at all): all for
    who sees every letter, else those the apps' rules give (core.postal.subjects)."""
    items = PostItem.objects.select_related("recipient", "posted_by", *subjects.related())
    if not can_see_post_queue(user):
        return items.none()
    if user.sees_every_post_item:
        return items
    rule = subjects.visible_to(user)
    return items.none() if rule is None else items.filter(rule)


# --- services --------------------------------------------------------------------------------


def batch_pdf(*, items: Iterable[PostItem]) -> bytes:
    """One PDF of the letters in order, each starting on a new page, for one print run."""
    parts = []
    for item in items:
        with item.pdf.open("rb") as file:
            parts.append(file.read())
    if not parts:
        raise DomainError(_("There are no letters to print."))
    return merge_pdfs(parts)[0]


@transaction.atomic
def mark_posted(*, items: Iterable[PostItem], by: Any) -> list[PostItem]:
    """Mark the letters posted by `by`: each is locked, checked and audited. All or none: a
    letter that cannot be marked (already posted, no address, not theirs) refuses the lot."""
    pks = sorted({item.pk for item in items})
    if not pks:
        raise DomainError(_("Choose the letters you have posted."))
    locked = list(
        PostItem.objects.select_for_update(of=("self",))
        .select_related("recipient", *subjects.related())
        .filter(pk__in=pks)
        .order_by("pk")
    )
    theirs = set(post_items_for(by).filter(pk__in=pks).values_list("pk", flat=True))
    now = timezone.now()
    for item in locked:
        if item.pk not in theirs:
            raise DomainError(_("You cannot mark this letter as posted."))
        if item.address_missing:
            raise DomainError(
                _("The address of %(name)s is missing: this letter cannot be posted yet.")
                % {"name": item.recipient}
            )
        transition(
            item, PostStatus.POSTED, table=POST_TRANSITIONS, by=by, action="post.posted",
            stamps={"posted_at": now, "posted_by": by}, update_fields=(), clean_exclude=(),
        )  # fmt: skip
        for subject in subjects.subjects_of(item):
            AuditEvent.record(
                subject=subject, actor=by, action="post.posted", data={"post_item": item.pk}
            )
    return locked


def cancel_post_to(*, user: Any, by: Any, reason: str) -> int:
    """Cancel the letters still waiting for `user` and forget their address (an erased
    account: nothing more goes to this person). Runs in the caller's transaction."""
    count = 0
    for item in PostItem.objects.select_for_update().filter(
        recipient=user, status=PostStatus.QUEUED
    ):
        item.pdf.delete(save=False)  # the letter carries the address too
        transition(
            item, PostStatus.CANCELLED, table=POST_TRANSITIONS, by=by, reason=reason,
            action="post.cancelled", stamps={"address_lines": []}, update_fields=("pdf",),
        )  # fmt: skip
        count += 1
    return count
