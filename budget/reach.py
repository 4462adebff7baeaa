"""The reach report (REP-19, SC-11): Samen Sterk applications and initiatives per channel
(online, or together with a professional, by phone, on paper, at the desk) and per wijk, and
the wijken without any initiative or application: the "witte vlekken".

An application counts when it is sent in (in the chosen period, by its date of sending in);
its channel is the one its initiative was registered by. An initiative counts when it is sent
in; it counts in every wijk it names.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budget.models import Application
from burgerkracht.core.models import Neighbourhood
from burgerkracht.core.reporting import reports
from burgerkracht.core.reporting.reports import ChartSpec, Column, Figure, Section, Table
from initiatives.enums import Channel
from initiatives.models import Initiative

SLUG = "reach"


def _applications(filters: dict[str, Any]):
    sent = Application.objects.filter(submitted_at__isnull=False)
    return reports.narrowed(
        sent, period="submitted_at__date", start=filters.get("van"), end=filters.get("tot")
    )


def _initiatives(filters: dict[str, Any]):
    sent = Initiative.objects.filter(submitted_at__isnull=False)
    return reports.narrowed(
        sent, period="submitted_at__date", start=filters.get("van"), end=filters.get("tot")
    )


def reach_figures(filters: dict[str, Any]) -> dict[str, Any]:
    """Four queries: applications per channel and wijk, initiatives per channel, initiatives
    per wijk, and the active wijken."""
    per_channel_neighbourhood = Counter()
    for row in (
        _applications(filters)
        .values("initiative__channel", "neighbourhood_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        per_channel_neighbourhood[(row["initiative__channel"], row["neighbourhood_id"])] += row["n"]
    initiatives_per_channel = Counter(
        {
            row["channel"]: row["n"]
            for row in _initiatives(filters).values("channel").annotate(n=Count("pk")).order_by()
        }
    )
    through = Initiative.neighbourhoods.through.objects.filter(initiative__in=_initiatives(filters))
    initiatives_per_neighbourhood = Counter(
        {
            row["neighbourhood_id"]: row["n"]
            for row in through.values("neighbourhood_id").annotate(n=Count("pk")).order_by()
        }
    )
    neighbourhoods = Neighbourhood.objects.filter(is_active=True).order_by("name")
    neighbourhoods = list(neighbourhoods.values("pk", "name"))
    return {
        "per_channel_neighbourhood": per_channel_neighbourhood,
        "initiatives_per_channel": initiatives_per_channel,
        "initiatives_per_neighbourhood": initiatives_per_neighbourhood,
        "neighbourhoods": neighbourhoods,
    }


def _channel_table(data: dict[str, Any]) -> Table:
    applications = Counter()
    for (channel, _neighbourhood), n in data["per_channel_neighbourhood"].items():
        applications[channel] += n
    return Table(
        _("Per channel"),
        [
            Column("channel", _("Channel"), numeric=False),
            Column("initiatives", _("Initiatives sent in")),
            Column("applications", _("Applications sent in")),
        ],
        [
            {
                "channel": str(label),
                "initiatives": data["initiatives_per_channel"][value],
                "applications": applications[value],
            }
            for value, label in Channel.choices
        ],
        ChartSpec(_("Initiatives and applications per channel"), "channel",
                  ["initiatives", "applications"]),
    )  # fmt: skip


def _neighbourhood_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    assisted, online = Counter(), Counter()
    for (channel, neighbourhood), n in data["per_channel_neighbourhood"].items():
        (online if channel == Channel.ONLINE else assisted)[neighbourhood] += n
    rows = [
        {
            "neighbourhood": neighbourhood["name"],
            "initiatives": data["initiatives_per_neighbourhood"][neighbourhood["pk"]],
            "online": online[neighbourhood["pk"]],
            "assisted": assisted[neighbourhood["pk"]],
        }
        for neighbourhood in data["neighbourhoods"]
    ]
    if online[None] or assisted[None]:
        rows.append(
            {"neighbourhood": _("No wijk (whole city)"), "initiatives": "",
             "online": online[None], "assisted": assisted[None]}
        )  # fmt: skip
    return rows


def _figures(sent: int, helped: int, spots: int) -> list[Figure]:
    share = _("%(percent)s%% of the applications") % {"percent": reports.percent(helped, sent) or 0}
    return [
        Figure(_("Applications sent in"), sent),
        Figure(_("Of which with help"), helped, share),
        Figure(_("White spots"), spots, _("wijken without an initiative or application")),
    ]


@reports.register
class ReachReport(reports.Report):
    slug = SLUG
    title = gettext_lazy("Reach")
    description = gettext_lazy(
        "Whom do we reach? Initiatives and Samen Sterk applications per channel (online or "
        "with help) and per wijk, and the wijken where nothing was sent in: the white spots."
    )

    def sections(self, filters: dict[str, Any]) -> list[Section]:
        data = reach_figures(filters)
        rows = _neighbourhood_rows(data)
        sent = sum(data["per_channel_neighbourhood"].values())
        helped = sum(
            n for (c, _w), n in data["per_channel_neighbourhood"].items() if c != Channel.ONLINE
        )
        spots = [r for r in rows[: len(data["neighbourhoods"])]
                 if not (r["initiatives"] or r["online"] or r["assisted"])]  # fmt: skip
        overview = Section(
            _("Overview"),
            intro=_(
                "Online: the residents registered themselves. The other channels: a "
                "professional (wijkteam, buurtvoorlichter) registered together with the "
                "resident, by phone, on paper or at the desk."
            ),
            figures=_figures(sent, helped, len(spots)),
            tables=[_channel_table(data)],
        )
        per_neighbourhood = Section(
            _("Per wijk"),
            intro=_(
                "An application counts in the wijk it is for; an initiative in every wijk it "
                "names."
            ),
            tables=[
                Table(
                    _("Initiatives and applications per wijk"),
                    [
                        Column("neighbourhood", _("Wijk"), numeric=False),
                        Column("initiatives", _("Initiatives sent in")),
                        Column("online", _("Applications online")),
                        Column("assisted", _("Applications with help")),
                    ],
                    rows,
                    ChartSpec(_("Applications per wijk, online and with help"), "neighbourhood",
                              ["online", "assisted"], stacked=True),
                ),
                Table(
                    _("White spots"),
                    [Column("neighbourhood", _("Wijk"), numeric=False)],
                    [{"neighbourhood": r["neighbourhood"]} for r in spots],
                    empty=_("Every wijk has at least one initiative or application."),
                ),
            ],
        )  # fmt: skip
        return [overview, per_neighbourhood]
