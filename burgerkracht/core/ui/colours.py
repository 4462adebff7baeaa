"""Colours and what they mean: the one place (docs/design.md "Kleuren en hun betekenis").

Every colour the portal uses for data stands for one kind of meaning, on every page, chart,
badge and PDF alike, and is never swapped: green is always the good outcome ("Ja", done, on
time), red always the bad one ("Nee", late, not adopted), never the other way round.

Each colour has at least 4.5:1 contrast against white (WCAG 2.1 SC 1.4.3 for badge text;
charts need 3:1, SC 1.4.11)
and is told apart by more than its hue: every swatch has its own pattern (solid, diagonal
hatching, stripes, dots), and a chart always has a legend and a table with the words.

======== ========= ============ ==========================================================
name     colour    pattern      means
======== ========= ============ ==========================================================
positive #2e7d32   solid        yes, fully, done, on time, adopted, kept, complete, paid
negative #a4262c   hatched      no, not, late, overdue, not adopted
failed   #6b1519   crosshatch   not kept: a promise that ended badly (next to "late")
partial  #b35300   striped      partly, partly adopted/kept, due and not done, remaining
neutral  #555555   dotted       open, not yet due, not applicable, already policy, planned
                                later, dropped, the allocation (the whole)
count    #1f4e79   solid        a number without a judgement (first series); committed,
                                granted
count2   #6a1b9a   crossed      a number without a judgement (second series); returned
count3   #6d4c41   vertical     a number without a judgement (third series)
======== ========= ============ ==========================================================

Charts (burgerkracht.core.reporting.charts) pick the colour from the series key
(SERIES_MEANING), so a "Ja"/"Nee" chart looks the same wherever it appears; a series without a
meaning gets the count colours in order. The CSS classes ``portal-colour--<name>``
(static/css/charts.css) draw each swatch.
"""

from __future__ import annotations

from dataclasses import dataclass


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@dataclass(frozen=True)
class Swatch:
    name: str
    hex: str
    pattern: str

    @property
    def css_class(self) -> str:
        return f"portal-colour--{self.name}"


PALETTE = {
    swatch.name: swatch
    for swatch in (
        Swatch("positive", "#2e7d32", "solid"),
        Swatch("negative", "#a4262c", "hatched"),
        Swatch("failed", "#6b1519", "crosshatch"),
        Swatch("partial", "#b35300", "striped"),
        Swatch("neutral", "#555555", "dotted"),
        Swatch("count", "#1f4e79", "solid"),
        Swatch("count2", "#6a1b9a", "crossed"),
        Swatch("count3", "#6d4c41", "vertical"),
    )
}
BY_HEX = {swatch.hex: swatch for swatch in PALETTE.values()}

# The colours of a chart whose series have no meaning of their own, in order.
COUNT_ORDER = ("count", "count2", "count3")

# Chart colours: each at least 4.5:1 against white, told apart by pattern too.
CHART_COLOURS = tuple(swatch.hex for swatch in PALETTE.values())

# Series keys (the values of the choices and the report columns) and their meaning.
SERIES_MEANING = {
    # good outcome
    "yes": "positive", "fully": "positive", "adopted": "positive", "on_time": "positive",
    "done": "positive", "evaluated": "positive", "kept": "positive", "complete": "positive",
    "reached": "positive", "share": "positive", "triad_share": "positive",
    # bad outcome
    "no": "negative", "not": "negative", "not_adopted": "negative", "late": "negative",
    "overdue": "negative",
    # a bad end, told apart from "late" in the same promise chart
    "not_kept": "failed",
    # in between
    "partly": "partial", "partly_kept": "partial", "evaluation_due": "partial",
    # open or without a judgement
    "na": "neutral", "already_policy": "neutral", "open": "neutral",
    "evaluation_later": "neutral", "dropped": "neutral",
    # money granted is money committed; on track is blue, as its status badge
    "granted": "count", "on_track": "count",
}  # fmt: skip

# One colour per money figure, on every budget chart (the ledger overview and the budget
# report): the same colour never means two things (issue #22 §3). All from PALETTE: paid is
# done (positive), remaining is still to come (partial), the allocation is the whole
# (neutral), committed and returned are plain amounts (count, count2).
MONEY_COLOURS = {
    "allocation": PALETTE["neutral"].hex,
    "committed": PALETTE["count"].hex,
    "paid": PALETTE["positive"].hex,
    "released": PALETTE["count2"].hex,
    "remaining": PALETTE["partial"].hex,
}


def meaning_of(key: str) -> Swatch | None:
    name = SERIES_MEANING.get(str(key))
    return PALETTE[name] if name else None


# --- status badges ----------------------------------------------------------------------------
# The same colours as the charts above, one per status meaning (burgerkracht/core/ui/status.py):
# green done, blue on track, orange needs action, red late, grey stopped; a neutral status is
# an outlined grey badge. Every PALETTE colour is at least 4.5:1 against white, so white text
# on a badge reads (WCAG 2.1 SC 1.4.3).
STATUS_COLOURS = {
    "done": PALETTE["positive"].hex,
    "on_track": PALETTE["count"].hex,
    "needs_action": PALETTE["partial"].hex,
    "late": PALETTE["negative"].hex,
    "stopped": PALETTE["neutral"].hex,
    "neutral": PALETTE["neutral"].hex,
}
