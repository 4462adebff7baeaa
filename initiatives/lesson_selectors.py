"""Reading lessons: the officials' search, the public list, and the lessons an initiative's
page suggests."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Case, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, JSONObject
from django.urls import reverse
from django.utils.http import urlencode

from initiatives import permissions
from initiatives.enums import InitiativeTheme, LessonStatus
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


@dataclass(frozen=True)
class SuggestedLesson:
    pk: int
    title: str
    theme: str
    neighbourhood: str

    def get_absolute_url(self) -> str:
        return reverse("initiatives:lesson", args=[self.pk])

    @property
    def theme_label(self) -> str:
        return str(InitiativeTheme(self.theme).label)


def suggested_lessons_column(user) -> ArraySubquery:
    """Lessons of *similar* initiatives, as a column of the initiative's own query (the page
    stays at its number of queries): the same theme or one of the same wijken (the rule
    chosen for F-S10), not the initiative's own lessons. Lessons matching both come first,
    then the newest. Residents see only published lessons; officials all."""
    wijken = Initiative.neighbourhoods.through.objects.filter(
        initiative=OuterRef(OuterRef("pk"))
    ).values("neighbourhood")
    same_wijk = Q(neighbourhood__in=wijken)
    same_theme = Q(theme=OuterRef("theme"))
    lessons = (
        permissions.lessons_visible_to(user)
        .filter(same_wijk | same_theme)
        .exclude(initiative=OuterRef("pk"))
        .annotate(
            match=Case(
                When(same_wijk & same_theme, then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            row=JSONObject(
                pk="pk",
                title="title",
                theme="theme",
                neighbourhood=Coalesce("neighbourhood__name", Value("")),
            ),
        )
        .order_by("-match", "-created_at", "-pk")
        .values("row")[:SUGGESTED]
    )
    return ArraySubquery(lessons)


def as_suggestions(rows) -> list[SuggestedLesson]:
    return [SuggestedLesson(**row) for row in rows or []]


def suggested_lessons(initiative: Initiative, user) -> list[SuggestedLesson]:
    rows = (
        Initiative.objects.filter(pk=initiative.pk)
        .annotate(suggested=suggested_lessons_column(user))
        .values_list("suggested", flat=True)
        .get()
    )
    return as_suggestions(rows)


def new_lesson_url(initiative: Initiative, source: str = "") -> str:
    """The form for a lesson from this initiative, its source filled in."""
    query = {"initiatief": initiative.pk} | ({"bron": source} if source else {})
    return f"{reverse('initiatives:lesson-create')}?{urlencode(query)}"
