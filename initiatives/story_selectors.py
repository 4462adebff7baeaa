"""Reading stories: the public list (residents' stories and the accountability stories shared
with consent, in one list), the author's own, and the ones waiting for a look."""

from __future__ import annotations

from django.db.models import BooleanField, CharField, F, IntegerField, Q, QuerySet, Value

from initiatives.models import published_q
from initiatives.story_models import Story, StoryStatus

# The columns of one row of the public list, in the same order on both sides of the UNION.
# Only what the page shows: never a name or an e-mail address.
LIST_COLUMNS = ("pk", "kind", "heading", "body", "neighbourhood_name", "neighbourhood_slug",
                "moment", "initiative_id", "has_photo", "alt")  # fmt: skip
STORY = "story"
ACCOUNTABILITY = "accountability"


def _public_residents_stories(search: str, neighbourhood: str) -> QuerySet:
    stories = Story.objects.filter(status=StoryStatus.PUBLISHED)
    if search:
        stories = stories.filter(Q(title__icontains=search) | Q(text__icontains=search))
    if neighbourhood:
        stories = stories.filter(neighbourhood__slug=neighbourhood)
    return stories.annotate(
        kind=Value(STORY, output_field=CharField()),
        heading=F("title"),
        body=F("text"),
        neighbourhood_name=F("neighbourhood__name"),
        neighbourhood_slug=F("neighbourhood__slug"),
        moment=F("published_at"),
        initiative_id=Value(None, output_field=IntegerField()),
        has_photo=~Q(photo=""),
        alt=F("photo_alt"),
    ).values(*LIST_COLUMNS)


def _public_accountability_stories(search: str, neighbourhood: str) -> QuerySet:
    """The story of a grant's accountability, when the residents agreed to share it and the
    initiative itself is shown: the same rule as the public results page."""
    from budget.models import Accountability
    from budget.public_selectors import STORY_STATUSES

    accounts = Accountability.objects.filter(
        published_q("application__initiative__"), story_public=True, status__in=STORY_STATUSES
    ).exclude(story="")
    if search:
        accounts = accounts.filter(
            Q(story__icontains=search) | Q(application__initiative__title__icontains=search)
        )
    if neighbourhood:
        accounts = accounts.filter(application__neighbourhood__slug=neighbourhood)
    return accounts.annotate(
        kind=Value(ACCOUNTABILITY, output_field=CharField()),
        heading=F("application__initiative__title"),
        body=F("story"),
        neighbourhood_name=F("application__neighbourhood__name"),
        neighbourhood_slug=F("application__neighbourhood__slug"),
        moment=F("submitted_at"),
        initiative_id=F("application__initiative_id"),
        has_photo=Value(False, output_field=BooleanField()),
        alt=Value("", output_field=CharField()),
    ).values(*LIST_COLUMNS)


def public_stories(*, search: str = "", neighbourhood: str = "") -> QuerySet:
    """Published stories and shared accountability stories, newest first, as dicts with
    LIST_COLUMNS. One query per page (and one to count)."""
    search = search.strip()
    return (
        _public_residents_stories(search, neighbourhood)
        .union(_public_accountability_stories(search, neighbourhood), all=True)
        .order_by("-moment", "-kind", "-pk")
    )


def stories_of(user) -> QuerySet[Story]:
    """The author's own stories, whatever their status."""
    return Story.objects.filter(author=user).select_related("neighbourhood")


def stories_to_review() -> QuerySet[Story]:
    """Waiting for a look, oldest first."""
    return (
        Story.objects.filter(status=StoryStatus.SUBMITTED)
        .select_related("neighbourhood")
        .order_by("created_at", "pk")
    )


def recently_decided(*, limit: int = 10) -> QuerySet[Story]:
    return (
        Story.objects.exclude(status=StoryStatus.SUBMITTED)
        .select_related("neighbourhood")
        .order_by("-updated_at", "-pk")[:limit]
    )


def export_for_user(user) -> list[dict]:
    """The person's own stories for "download my data"."""
    return [
        {
            "title": story.title,
            "text": story.text,
            "neighbourhood": story.neighbourhood.name,
            "photo": bool(story.photo),
            "photo_alt": story.photo_alt,
            "consent_to_publish": story.publication_consent,
            "status": story.status,
            "told_at": story.created_at.isoformat(),
            "published_at": story.published_at.isoformat() if story.published_at else None,
            "declined_reason": story.declined_reason,
        }
        for story in stories_of(user)
    ]
