"""The continuity-risk report (issue #8, REP-08): initiatives and running Samen Sterk grants
that hang on one person, lack a backup, or whose facilitator has left.

The definitions are in budget/continuity_selectors.py. The advice part ("advisory work
hanging on one person") is added by the advice app through `reports.contribute`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budget import continuity_selectors as selectors
from burgerkracht.core.models import Neighbourhood
from burgerkracht.core.reporting import reports
from burgerkracht.core.reporting.reports import ChartSpec, Column, Figure, Section, Table

SLUG = "continuity"


def risk_labels() -> dict[str, str]:
    return {
        "single_initiator": _("Only one initiator"),
        "no_backup_initiator": _("No backup initiator"),
        "no_facilitator": _("No facilitator"),
        "facilitator_gone": _("Facilitator no longer active"),
        "no_backup_facilitator": _("No backup facilitator"),
        "backup_facilitator_gone": _("Backup facilitator no longer active"),
        "lead_wanted": _("Lead initiator stepped down: waiting for a new lead"),
        "no_active_initiator": _("No active initiator"),
    }


class Link(str):
    """A table cell that is a link on the page and plain text in CSV and Excel."""

    url: str

    def __new__(cls, text: str, url: str) -> Link:
        link = super().__new__(cls, text)
        link.url = url
        return link

    def __html__(self) -> str:
        return format_html('<a class="utrecht-link" href="{}">{}</a>', self.url, str(self))


class ContinuityFilterForm(forms.Form):
    """Wijk and facilitator. Plain choice fields filled with one query each, so a filtered
    page costs no extra queries to check the choice."""

    wijk = forms.ChoiceField(label=gettext_lazy("Wijk"), required=False)  # ?wijk=: glossary, Names
    facilitator = forms.TypedChoiceField(
        label=gettext_lazy("Facilitator (as contact or backup)"),
        required=False,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        neighbourhoods = Neighbourhood.objects.filter(is_active=True).order_by("name")
        self.fields["wijk"].choices = [
            ("", _("All wijken")),
            *neighbourhoods.values_list("slug", "name"),
        ]
        gone = _("%(name)s (no longer active)")
        self.fields["facilitator"].choices = [
            ("", _("Everyone")),
            *[
                (user.pk, str(user) if user.is_active else gone % {"name": user})
                for user in selectors.facilitators().only("pk", "full_name", "email", "is_active")
            ],
        ]


def missing(item: Any) -> str:
    """What is missing, in words: the risks flagged on an item from the selectors."""
    labels = risk_labels()
    return "; ".join(labels[key] for key in selectors.RISKS if getattr(item, f"risk_{key}"))


def _figures(counts: dict[str, int], total_label: str) -> list[Figure]:
    labels = risk_labels()
    return [
        Figure(total_label, counts["total"]),
        Figure(
            _("Needs action (continuity rule)"),
            counts["any"],
            _("%(part)s of %(total)s") % {"part": counts["any"], "total": counts["total"]},
        ),
        *[Figure(labels[key], counts[key]) for key in selectors.RISKS],
    ]


def _cap_note(shown: int, total: int) -> str:
    if shown < total:
        return _(
            "The first %(shown)s of %(total)s, by name. "
            "Choose a wijk or a facilitator to see the rest."
        ) % {
            "shown": shown,
            "total": total,
        }
    return ""


def _initiative_rows(items) -> list[dict[str, Any]]:
    rows = []
    for item in items:
        if item.first_neighbourhood is None:
            neighbourhood = _("No wijk")
        elif item.neighbourhood_count > 1:
            neighbourhood = _("%(wijk)s and %(count)s more") % {
                "wijk": item.first_neighbourhood,
                "count": item.neighbourhood_count - 1,
            }
        else:
            neighbourhood = item.first_neighbourhood
        rows.append(
            {
                "title": Link(item.title, reverse("initiatives:detail", args=[item.pk])),
                "neighbourhood": neighbourhood,
                "status": item.get_status_display(),
                "facilitator": str(item.facilitator) if item.facilitator else "—",
                "missing": missing(item),
            }
        )
    return rows


def _grant_rows(items) -> list[dict[str, Any]]:
    return [
        {
            "title": Link(item.title, reverse("budget:application", args=[item.pk])),
            "neighbourhood": str(item.neighbourhood) if item.neighbourhood else _("No wijk"),
            "line": str(item.line) if item.line else "—",
            "facilitator": str(item.initiative.facilitator) if item.initiative.facilitator else "—",
            "missing": missing(item),
        }
        for item in items
    ]


def _per_risk_table(initiatives: dict[str, int], grants: dict[str, int]) -> Table:
    labels = risk_labels()
    return Table(
        _("Risks at a glance"),
        [
            Column("risk", _("Risk"), numeric=False),
            Column("initiatives", _("Open initiatives")),
            Column("grants", _("Running grants")),
        ],
        [
            {"risk": labels[key], "initiatives": initiatives[key], "grants": grants[key]}
            for key in selectors.RISKS
        ],
        ChartSpec(_("Initiatives and grants per risk"), "risk", ["initiatives", "grants"]),
    )


@reports.register
class ContinuityReport(reports.Report):
    slug = SLUG
    title = gettext_lazy("Continuity risks")
    description = gettext_lazy(
        "Initiatives and running Samen Sterk grants that depend on one person, have no backup, "
        "or whose facilitator has left. Each item links to its page, so you can arrange a "
        "backup or a handover."
    )
    filter_form = ContinuityFilterForm

    def sections(self, filters: dict[str, Any]) -> list[Section]:
        scope = {
            "neighbourhood": filters.get("wijk") or "",
            "facilitator": filters.get("facilitator"),
        }
        initiative_counts, initiatives = selectors.initiatives_report(**scope)
        grant_counts, grants = selectors.grants_report(**scope)
        item_columns = [
            Column("title", _("Initiative"), numeric=False),
            Column("neighbourhood", _("Wijk"), numeric=False),
        ]
        overview = Section(
            _("Overview"),
            intro=_(
                "An open initiative is sent in, running or paused. A running grant is granted "
                "(in full or in part) and not yet settled. An initiator counts when they have "
                "accepted the invitation and not left; a facilitator has left when their "
                "account is switched off."
            ),
            tables=[_per_risk_table(initiative_counts, grant_counts)],
        )
        initiative_section = Section(
            _("Initiatives"),
            figures=_figures(initiative_counts, _("Open initiatives")),
            tables=[
                Table(
                    _("Initiatives with a risk"),
                    [
                        *item_columns,
                        Column("status", _("Status"), numeric=False),
                        Column("facilitator", _("Facilitator"), numeric=False),
                        Column("missing", _("What is missing"), numeric=False),
                    ],
                    _initiative_rows(initiatives),
                    note=_cap_note(len(initiatives), initiative_counts["any"]),
                    empty=_("No open initiative has a continuity risk."),
                )
            ],
        )
        grant_section = Section(
            _("Samen Sterk grants"),
            intro=_("The people of a grant are those of its initiative."),
            figures=_figures(grant_counts, _("Running grants")),
            tables=[
                Table(
                    _("Grants with a risk"),
                    [
                        *item_columns,
                        Column("line", _("Budget line"), numeric=False),
                        Column("facilitator", _("Facilitator"), numeric=False),
                        Column("missing", _("What is missing"), numeric=False),
                    ],
                    _grant_rows(grants),
                    note=_cap_note(len(grants), grant_counts["any"]),
                    empty=_("No running grant has a continuity risk."),
                )
            ],
        )
        return [overview, initiative_section, grant_section]
