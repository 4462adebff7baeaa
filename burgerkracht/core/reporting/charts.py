"""Horizontal bar charts as plain HTML and CSS, drawn on the server from the table's numbers.

No image and no script: the labels are real text (readable and zoomable at 320 px), the bars
are elements whose width is one of the classes ``portal-w-0`` … ``portal-w-100`` (steps of
1 %) in the stylesheet, because the Content Security Policy refuses inline styles. The same
HTML and classes (static/css/charts.css, linked by the page and the PDF) make the chart in the
annual report PDF. The scale has whole, round steps (0, 1, 2 … or 0, 5, 10 …; never 0.1);
numbers are written the way the active language writes them (1.234 and 12,5 % in Dutch).
Rows with 0 in every series are left out of the chart and counted in a line under it; the
table beside the chart keeps every row and every number, so the chart is hidden from screen
readers (its caption says where the numbers are).

Colours follow burgerkracht.core.ui.colours: one meaning per colour across the site.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from burgerkracht.core.ui.colours import BY_HEX, COUNT_ORDER, PALETTE, Swatch, meaning_of
from burgerkracht.core.ui.formatting import euro

Number = int | float | Decimal


@dataclass(frozen=True)
class Segment:
    name: str
    css_class: str  # colour and pattern, e.g. "portal-colour--positive"
    width: int  # whole percent of the plot


@dataclass(frozen=True)
class Bar:
    segments: tuple[Segment, ...]
    value: str  # the number printed beside the bar
    name: str = ""  # the series, on a chart with one bar per series


@dataclass(frozen=True)
class Row:
    label: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Chart:
    title: str
    rows: tuple[Row, ...]
    legend: tuple[tuple[str, str], ...]  # (series name, css class); empty for one series
    ticks: tuple[str, ...]  # the scale from 0 to its top, written out
    omitted: int  # rows with only zeros, left out

    @property
    def caption_note(self) -> str:
        return _("The same numbers are in the table below the chart.")

    @property
    def omitted_note(self) -> str:
        if not self.omitted:
            return ""
        return ngettext(
            "%(count)s row with only zeros is shown in the table only.",
            "%(count)s rows with only zeros are shown in the table only.",
            self.omitted,
        ) % {"count": self.omitted}

    @property
    def wide_values(self) -> bool:  # room for "€ 125.000" beside the bars
        return any(len(bar.value) > 6 for row in self.rows for bar in row.bars) or any(
            len(tick) > 6 for tick in self.ticks
        )

    @property
    def alt(self) -> str:  # what a text-only summary says (the figure's caption)
        return f"{self.title}. {self.caption_note}"


def scale(maximum: Number, *, percent: bool = False) -> list[int]:
    """The ticks of the scale: 0 up to a round top at or above `maximum`, in whole steps of
    1, 2 or 5 times a power of ten (about four to six steps); 0 to 100 in steps of 25 for a
    percentage."""
    if percent:
        return [0, 25, 50, 75, 100]
    top = float(maximum or 0)
    if top <= 0:
        return [0, 1]
    raw = top / 5
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step))
    count = max(1, math.ceil(top / step - 1e-9))
    return [i * step for i in range(count + 1)]


def number(value: Number | None, *, money: bool = False, percent: bool = False) -> str:
    """A number as the active language writes it: 1.234 / 12,5 % / € 25.000 in Dutch."""
    if value is None:
        return "—"
    if money:  # whole euros, halves rounded up
        return euro(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP), 0)
    whole = float(value) == int(value)
    text = number_format(
        int(value) if whole else value, decimal_pos=None if whole else 1, use_l10n=True,
        force_grouping=True,
    )  # fmt: skip
    return f"{text}\u00a0%" if percent else text


def _swatches(keys: Sequence[str], colours: Sequence[str] | None) -> list[Swatch]:
    if colours:
        return [BY_HEX[c] for c in colours]
    taken = {meaning_of(key) for key in keys}
    counts = iter([name for name in COUNT_ORDER if PALETTE[name] not in taken])
    chosen = []
    for key in keys:
        meaning = meaning_of(key)
        chosen.append(meaning or PALETTE[next(counts, COUNT_ORDER[-1])])
    return chosen


def _widths(values: Sequence[float], top: float) -> list[int]:
    """Whole-percent widths of stacked values that add up exactly (cumulative rounding)."""
    widths, before, total = [], 0, 0.0
    for value in values:
        total += value
        edge = min(100, math.floor(100 * total / top + 0.5))  # halves up, as percent()
        widths.append(edge - before)
        before = edge
    return widths


def bar_chart(
    title: str,
    labels: Sequence[str],
    series: dict[str, Sequence[Number | None]],
    *,
    stacked: bool = False,
    percent: bool = False,
    colours: Sequence[str] | None = None,
    keys: Sequence[str] | None = None,
) -> Chart | None:
    """A horizontal bar chart: one bar (or stack) per label, one colour per series. The
    colour comes from `colours` (hex values from the palette, in the order of the series)
    or else from the meaning of each series' key (`keys`, e.g. "yes", "late"); series
    without a meaning get the plain count colours. None when every number is 0."""
    names = [str(name) for name in series]
    swatches = _swatches(keys or names, colours)
    columns = [[float(v or 0) for v in values] for values in series.values()]
    money = any(isinstance(v, Decimal) for values in series.values() for v in values)
    kept = [i for i in range(len(labels)) if any(column[i] for column in columns)]
    if not kept:
        return None
    if stacked:
        maximum = max(sum(column[i] for column in columns) for i in kept)
    else:
        maximum = max(column[i] for column in columns for i in kept)
    ticks = scale(maximum, percent=percent)
    top = float(ticks[-1])

    def fmt(value: float | Number) -> str:
        return number(value, money=money, percent=percent)

    rows = []
    for i in kept:
        if stacked:
            values = [column[i] for column in columns]
            widths = _widths(values, top)
            segments = tuple(
                Segment(names[s], swatches[s].css_class, widths[s])
                for s in range(len(names)) if values[s]
            )  # fmt: skip
            bars: tuple[Bar, ...] = (Bar(segments, fmt(sum(values))),)
        else:
            bars = tuple(
                Bar(
                    (Segment(names[s], swatches[s].css_class, _widths([columns[s][i]], top)[0]),),
                    fmt(columns[s][i]), names[s] if len(names) > 1 else "",
                )
                for s in range(len(names))
            )  # fmt: skip
        rows.append(Row(str(labels[i]), bars))
    legend = tuple((names[s], swatches[s].css_class) for s in range(len(names)))
    return Chart(
        title=str(title), rows=tuple(rows), legend=legend if len(names) > 1 else (),
        ticks=tuple(fmt(t) for t in ticks), omitted=len(labels) - len(kept),
    )  # fmt: skip
