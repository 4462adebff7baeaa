"""The post queue for officials (SC-11): who sees which letters, printing them as one PDF,
and marking them posted. The letters themselves are made by core.postal.letters.

Who sees what follows the subject: a facilitator sees the letters about the initiatives (and
their applications) they facilitate, as primary or backup; the facilitator coordinators and
the administrators see every letter.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from burgerkracht.core.enums import POST_TRANSITIONS, PostStatus
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent, PostItem
from burgerkracht.core.postal.letters import merge_pdfs
from burgerkracht.core.transitions import transition

# --- permissions -----------------------------------------------------------------------------


def can_see_post_queue(user: Any) -> bool:
    return bool(user.is_authenticated and user.sees_post_queue)


def can_handle_post_item(user: Any, item: PostItem) -> bool:
    """Print it and mark it posted: the facilitators of its initiative, or who sees all."""
    if not can_see_post_queue(user):
        return False
    if user.sees_every_post_item:
        return True
    initiative = item.initiative
    return initiative is not None and user.pk in {
        initiative.facilitator_id,
        initiative.backup_facilitator_id,
    }


# --- selectors -------------------------------------------------------------------------------


def post_items_for(user: Any) -> QuerySet[PostItem]:
    """The letters `user` may see in the queue (none for who may not see it at all)."""
    items = PostItem.objects.select_related(
        "recipient", "initiative", "application__initiative", "posted_by"
    )
    if not can_see_post_queue(user):
        return items.none()
    if user.sees_every_post_item:
        return items
    return items.filter(Q(initiative__facilitator=user) | Q(initiative__backup_facilitator=user))


def posted_letters(*, initiative: Any = None, application: Any = None) -> list[PostItem]:
    """The letters posted about this initiative or application, the oldest first: one query."""
    about = Q(application=application) if application is not None else Q(initiative=initiative)
    return list(
        PostItem.objects.filter(about, status=PostStatus.POSTED)
        .select_related("recipient")
        .order_by("posted_at", "pk")
    )


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
        .select_related("initiative")
        .filter(pk__in=pks)
        .order_by("pk")
    )
    now = timezone.now()
    for item in locked:
        if not can_handle_post_item(by, item):
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
        for subject in (item.initiative, item.application):
            if subject is not None:
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
