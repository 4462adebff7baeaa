"""The representation report (REP-11) in /rapportages/: per theme, which member
organisations of the Breed Overleg Plus speak for which group of residents, who is missing,
and whether it is always the same people in the bodies. It was the page
/adviezen/vertegenwoordiging/, which now sends a visitor here (issue #27).

Who may read it is unchanged: whoever may see the advisory bodies
(advice.permissions.can_view_bodies): the advice coordinator, the read-only role, the
administrators, and the current members of a body. It is the situation today; the report
has no period.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django import forms
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advice import permissions
from advice.enums import BodyKind
from advice.models import BodyOrganisation, Membership, Signal, TargetGroup, Theme
from burgerkracht.accounts.roles import ADVICE_REGISTER_ROLES
from burgerkracht.core.reporting import reports
from burgerkracht.core.reporting.reports import Column, Figure, Section, Table


def current_organisations(body_filter: Q):
    today = timezone.localdate()
    return (
        BodyOrganisation.objects.filter(body_filter)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=today))
        .select_related("organisation", "body")
        .prefetch_related("themes", "groups")
    )


def coverage() -> dict[str, Any]:
    """The BO+ organisations per theme and group: `rows` (a theme, its cells (group, names)
    and the groups nobody speaks for on it), the `groups`, the groups nobody represents at
    all (`unrepresented`) and the number of organisations. A fixed number of queries."""
    organisations = list(current_organisations(Q(body__kind=BodyKind.BO_PLUS)))
    themes, groups = list(Theme.objects.all()), list(TargetGroup.objects.all())
    cover: dict[tuple[int, int], list[str]] = defaultdict(list)
    represented: set[int] = set()
    for member in organisations:
        group_ids = [g.pk for g in member.groups.all()]
        represented.update(group_ids)
        for theme in member.themes.all():
            for group_id in group_ids:
                cover[theme.pk, group_id].append(member.organisation.name)
    rows = []
    for theme in themes:
        cells = [(group, cover.get((theme.pk, group.pk), [])) for group in groups]
        rows.append({"theme": theme, "cells": cells,
                     "missing": [group for group, names in cells if not names]})  # fmt: skip
    return {
        "groups": groups,
        "rows": rows,
        "organisation_count": len(organisations),
        "unrepresented": [group for group in groups if group.pk not in represented],
    }


def membership_figures() -> dict[str, int]:
    """How many people sit in the bodies, how many in more than one, the seats, and how many
    people recorded signals (two queries)."""
    current = Membership.objects.filter(ended_on__isnull=True, user__is_active=True)
    in_several = current.values("user").annotate(n=Count("body", distinct=True)).filter(n__gt=1)
    figures = current.aggregate(
        people=Count("user", distinct=True),
        seats=Count("pk"),
        several=Count("user", distinct=True, filter=Q(user__in=in_several.values("user"))),
    )
    figures["signal_people"] = (
        Signal.objects.filter(recorded_by__isnull=False)
        .aggregate(n=Count("recorded_by", distinct=True))["n"]
    )  # fmt: skip
    return figures


def _names(items) -> str:
    return ", ".join(str(item.name) for item in items)


class NoFilters(forms.Form):
    """The report shows the situation today: nothing to choose."""


@reports.register
class RepresentationReport(reports.Report):
    slug = "representation"
    title = gettext_lazy("Representation in the advisory bodies")
    description = gettext_lazy(
        "Per theme: which member organisations of the Breed Overleg Plus speak for which "
        "group of residents, which groups nobody speaks for, and whether it is always the "
        "same people in the bodies."
    )
    filter_form = NoFilters
    # For the report list; who may open it is can_view_bodies (a body role needs a membership).
    roles = ADVICE_REGISTER_ROLES

    def visible_to(self, user) -> bool:
        return permissions.can_view_bodies(user)

    def sections(self, filters):
        found = coverage()
        people = membership_figures()
        return [_gaps(found), _people(people, found), _table(found)]


def _gaps(found: dict[str, Any]) -> Section:
    missing = found["unrepresented"]
    gaps = [
        {"theme": row["theme"].name, "missing": _names(row["missing"])}
        for row in found["rows"]
        if row["missing"]
    ]
    return Section(
        _("Who is missing"),
        intro=_("An empty place means nobody speaks for that group on that theme. Consider "
                "inviting an organisation that speaks for them."),
        figures=[
            Figure(_("Not represented at all"), len(missing), _names(missing)
                   or _("Every group is represented by at least one organisation."),
                   marked=bool(missing)),
            Figure(_("Themes with a group nobody speaks for"), len(gaps)),
        ],
        tables=[Table(
            _("Groups nobody speaks for, per theme"),
            [Column("theme", _("Theme"), numeric=False),
             Column("missing", _("Nobody speaks for"), numeric=False)],
            gaps,
            empty=_("On every theme every group has someone who speaks for it."),
        )],
    )  # fmt: skip


def _people(people: dict[str, int], found: dict[str, Any]) -> Section:
    return Section(
        _("Always the same people?"),
        figures=[
            Figure(_("Different people active in the bodies"), people["people"]),
            Figure(_("Seats in the bodies"), people["seats"]),
            Figure(_("People in more than one body"), people["several"]),
            Figure(_("Different people who recorded a signal"), people["signal_people"]),
            Figure(_("Member organisations of the BO+"), found["organisation_count"]),
        ],
    )


def _table(found: dict[str, Any]) -> Section:
    groups = found["groups"]
    rows = [
        {"theme": row["theme"].name,
         **{f"group-{group.pk}": _names_or_nobody(names) for group, names in row["cells"]}}
        for row in found["rows"]
    ]  # fmt: skip
    return Section(
        _("Themes and groups"),
        tables=[Table(
            _("Organisations per theme and group of residents"),
            [Column("theme", _("Theme"), numeric=False),
             *[Column(f"group-{group.pk}", group.name, numeric=False) for group in groups]],
            rows,
        )],
    )  # fmt: skip


def _names_or_nobody(names: list[str]) -> str:
    return ", ".join(names) if names else _("Nobody")
