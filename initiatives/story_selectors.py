"""Reading stories: the public list (residents' stories and the accountability stories shared
with consent, in one list), the author's own, and the ones waiting for a look."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import CharField, F, IntegerField, Q, QuerySet, Value

from initiatives.story_models import Story, StoryStatus

# The columns of one row of the public list, in the same order on both sides of the UNION.
# Only what the page shows: never a name or an e-mail address.
LIST_COLUMNS = ("pk", "kind", "heading", "body", "neighbourhood_name", "neighbourhood_slug",
                "moment", "initiative_id", "has_photo", "alt")  # fmt: skip
STORY = "story"
ACCOUNTABILITY = "accountability"

# Other stories on the public list, as (search, neighbourhood) -> a values() queryset with
# LIST_COLUMNS: budget registers the accountability stories of grants in its hooks.py
# (initiatives cannot import budget, docs/architecture.md).
_public_sources: list[Callable[[str, str], QuerySet]] = []


def register_public_stories(source: Callable[[str, str], QuerySet]) -> None:
    if source not in _public_sources:
        _public_sources.append(source)


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


def public_stories(*, search: str = "", neighbourhood: str = "") -> QuerySet:
    """Published stories and shared accountability stories, newest first, as dicts with
    LIST_COLUMNS. One query per page (and one to count)."""
    search = search.strip()
    return (
        _public_residents_stories(search, neighbourhood)
        .union(*(source(search, neighbourhood) for source in _public_sources), all=True)
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
