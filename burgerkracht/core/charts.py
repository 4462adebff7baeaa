"""Charts as images: pygal draws an SVG, the page shows it as a ``data:`` image.

An inline SVG would carry pygal's own <script> and <style>, which the Content Security
Policy refuses (no unsafe-inline). As an image the SVG is a document of its own: its styles
apply, no script runs, and WeasyPrint can put the same image in a PDF. Every chart has a text
alternative, and the numbers it draws are always in a table beside it.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass

import pygal
from django.utils.translation import gettext as _

from burgerkracht.core.colours import CHART_COLOURS


def _style(colours: Sequence[str]) -> pygal.style.Style:
    # Full opacity: pygal's default (0.7) would pale the colours below 3:1 contrast on white.
    return pygal.style.Style(
        colors=tuple(colours), background="white", plot_background="white", opacity="1",
        opacity_hover="1", font_family="sans-serif",
    )  # fmt: skip


STYLE = _style(CHART_COLOURS)


@dataclass(frozen=True)
class Chart:
    uri: str
    alt: str
    width: int
    height: int


def bar_chart(
    title: str,
    labels: Sequence[str],
    series: dict[str, Sequence[float | int | None]],
    *,
    stacked: bool = False,
    percent: bool = False,
    colours: Sequence[str] | None = None,
) -> Chart:
    """A horizontal bar chart: one bar (or stack) per label, one colour per series (`colours`
    in the order of the series, when a colour stands for a meaning across charts)."""
    width, height = 720, max(200, 90 + 30 * len(labels) * (1 if stacked else len(series)))
    kind = pygal.HorizontalStackedBar if stacked else pygal.HorizontalBar
    chart = kind(
        width=width, height=height, title=title, js=[], disable_xml_declaration=True,
        show_legend=len(series) > 1, legend_at_bottom=True, print_values=False,
        style=_style(colours) if colours else STYLE,
        range=(0, 100) if percent else None,
    )  # fmt: skip
    chart.x_labels = [str(label) for label in labels]
    for name, values in series.items():
        chart.add(str(name), [float(v) if v is not None else None for v in values])
    svg = chart.render(is_unicode=True).encode()
    alt = _("%(title)s. The same numbers are in the table below the chart.") % {"title": title}
    return Chart(
        uri="data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii"),
        alt=alt, width=width, height=height,
    )  # fmt: skip
