"""Reading lessons: the officials' search, the public list, and the lessons an initiative's
page suggests."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from initiatives import permissions
from initiatives.enums import LessonStatus
from initiatives.models import Initiative, Lesson

SUGGESTED = 5  # lessons shown on an initiative's page


def lessons_for_officials() -> QuerySet[Lesson]:
    return Lesson.objects.select_related("neighbourhood", "initiative")


def public_lessons(*, search: str = "", theme: str = "", neighbourhood: str = "") -> QuerySet:
    lessons = Lesson.objects.filter(status=LessonStatus.PUBLISHED).select_related("neighbourhood")
    search = search.strip()
    if search:
        lessons = lessons.filter(Q(title__icontains=search) | Q(text__icontains=search))
    if theme:
        lessons = lessons.filter(theme=theme)
    if neighbourhood:
        lessons = lessons.filter(neighbourhood__slug=neighbourhood)
    return lessons.order_by("-published_at", "-pk")


def suggested_lessons(initiative: Initiative, user) -> list[Lesson]:
    """Lessons of *similar* initiatives: the same theme or one of the same wijken (the rule
    chosen for F-S10), not the initiative's own lessons. Lessons matching both come first,
    then the newest. Residents see only published lessons; officials all."""
    wijken = [n.pk for n in initiative.neighbourhoods.all()]
    similar = Q(neighbourhood__in=wijken)
    if initiative.theme:
        similar |= Q(theme=initiative.theme)
    both = Q(neighbourhood__in=wijken, theme=initiative.theme)
    lessons = (
        permissions.lessons_visible_to(user)
        .filter(similar)
        .exclude(initiative=initiative.pk)
        .select_related("neighbourhood")
        .annotate(
            match=Case(When(both, then=Value(2)), default=Value(1), output_field=IntegerField())
        )
        .order_by("-match", "-created_at", "-pk")
    )
    return list(lessons[:SUGGESTED])
