"""Charts as HTML bars (burgerkracht.core.reporting.charts): a whole-number scale, numbers as the
language writes them, rows with only zeros left out, one colour per meaning everywhere."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from advice.enums import Adoption
from budget.enums import Reached
from burgerkracht.core.reporting.charts import bar_chart, number, scale
from burgerkracht.core.ui.colours import (
    MONEY_COLOURS,
    PALETTE,
    SERIES_MEANING,
    STATUS_COLOURS,
    contrast_ratio,
)
from burgerkracht.meetlat.enums import MeetlatAnswer

CSS = Path(settings.BASE_DIR) / "static" / "css"
TEMPLATES = Path(settings.BASE_DIR) / "templates"


@pytest.mark.parametrize(
    ("maximum", "ticks"),
    [
        (0, [0, 1]),
        (1, [0, 1]),
        (3, [0, 1, 2, 3]),
        (7, [0, 2, 4, 6, 8]),
        (23, [0, 5, 10, 15, 20, 25]),
        (99, [0, 20, 40, 60, 80, 100]),
        (25000, [0, 5000, 10000, 15000, 20000, 25000]),
    ],
)
def test_the_scale_has_whole_round_steps(maximum, ticks):
    assert scale(maximum) == ticks


def test_a_count_of_one_never_gets_a_scale_of_tenths():
    chart = bar_chart("Aanvragen", ["Haven"], {"Aanvragen": [1]})
    assert chart.ticks == ("0", "1")


def test_a_percentage_runs_from_0_to_100():
    with translation.override("nl"):
        chart = bar_chart("Aandeel", ["A"], {"Aandeel": [12.5]}, percent=True)
    assert chart.ticks == ("0\u00a0%", "25\u00a0%", "50\u00a0%", "75\u00a0%", "100\u00a0%")
    assert chart.rows[0].bars[0].value == "12,5\u00a0%"
    assert chart.rows[0].bars[0].segments[0].width == 13


def test_numbers_are_written_the_dutch_way():
    with translation.override("nl"):
        assert number(1234) == "1.234"
        assert number(12.5, percent=True) == "12,5\u00a0%"
        assert number(Decimal("25000.00"), money=True) == "€ 25.000"
        chart = bar_chart("Geld", ["A"], {"Toegekend": [Decimal("12345.50")]})
    assert chart.rows[0].bars[0].value == "€ 12.346"
    assert chart.ticks[-1] == "€ 15.000"
    with translation.override("en"):
        assert number(1234) == "1,234"


def test_rows_with_only_zeros_are_left_out_and_counted_under_the_chart():
    with translation.override("nl"):
        chart = bar_chart(
            "Per wijk", ["Haven", "Leeg", "Stad"], {"Ja": [2, 0, 1], "Nee": [1, 0, 0]},
            stacked=True, keys=["yes", "no"],
        )  # fmt: skip
        html = render_to_string("includes/chart.html", {"chart": chart})
    assert [row.label for row in chart.rows] == ["Haven", "Stad"]
    assert chart.omitted == 1
    assert "Leeg" not in html
    assert "1 rij met alleen nullen staat alleen in de tabel." in html
    assert bar_chart("Niets", ["A"], {"x": [0]}) is None


def test_stacked_widths_add_up_and_the_total_is_printed_beside_the_bar():
    chart = bar_chart("S", ["A"], {"a": [1, 0], "b": [1, 0], "c": [1, 0]}, stacked=True)
    bar = chart.rows[0].bars[0]
    assert sum(s.width for s in bar.segments) == 100
    assert bar.value == "3"


def test_yes_and_no_have_the_same_colour_on_every_chart():
    yes, no = PALETTE["positive"].css_class, PALETTE["negative"].css_class
    for keys in (
        [Reached.YES, Reached.PARTLY, Reached.NO],
        list(MeetlatAnswer),  # fully, partly, not, not applicable
        [Adoption.ADOPTED, Adoption.PARTLY, Adoption.NOT_ADOPTED, Adoption.ALREADY_POLICY],
    ):
        chart = bar_chart("t", ["A"], {str(k): [1] for k in keys}, stacked=True, keys=keys)
        colours = [css for _name, css in chart.legend]
        assert colours[0] == yes and colours[2] == no  # never green for "Nee"
        assert colours[1] == PALETTE["partial"].css_class
    # Reversed order: the colour follows the meaning, not the position.
    chart = bar_chart("t", ["A"], {"Nee": [1], "Ja": [1]}, stacked=True, keys=["no", "yes"])
    assert [css for _n, css in chart.legend] == [no, yes]


def test_series_without_a_meaning_get_the_count_colours_not_the_meaning_colours():
    chart = bar_chart("t", ["A"], {"Gevraagd": [1], "Ongevraagd": [2]}, keys=["a", "b"])
    assert [css for _n, css in chart.legend] == [
        PALETTE["count"].css_class, PALETTE["count2"].css_class,
    ]  # fmt: skip


def test_every_status_of_the_agenda_progress_chart_has_its_own_colour():
    from advice.agenda_selectors import PROGRESS

    keys = [key for key, _label, _q in PROGRESS]
    chart = bar_chart("t", ["Fase 1"], {k: [1] for k in keys}, stacked=True, keys=keys)
    colours = dict(zip(keys, (css for _n, css in chart.legend), strict=True))
    assert len(set(colours.values())) == len(keys), colours  # "Te laat" is not "Niet nagekomen"
    assert colours["on_track"] == PALETTE["count"].css_class  # blue, as its status badge
    assert colours["overdue"] == PALETTE["negative"].css_class
    assert colours["not_kept"] == PALETTE["failed"].css_class


@pytest.mark.parametrize("swatch", list(PALETTE.values()), ids=lambda s: s.name)
def test_every_colour_has_4_5_to_1_contrast_and_its_own_pattern(swatch):
    assert contrast_ratio(swatch.hex, "#ffffff") >= 4.5
    assert len({s.pattern for s in PALETTE.values() if s.hex != swatch.hex}) >= 5
    assert f".{swatch.css_class} {{" in (CSS / "charts.css").read_text()


def test_meanings_money_and_status_colours_all_come_from_the_one_palette():
    hexes = {s.hex for s in PALETTE.values()}
    assert set(MONEY_COLOURS.values()) <= hexes
    assert set(STATUS_COLOURS.values()) <= hexes
    assert set(SERIES_MEANING.values()) <= set(PALETTE)
    assert STATUS_COLOURS["done"] == PALETTE["positive"].hex
    assert STATUS_COLOURS["late"] == PALETTE["negative"].hex


def test_the_page_and_the_pdf_draw_charts_with_the_same_css():
    stylesheet = "{% static 'css/charts.css' %}"
    for base in ("base.html", "pdf/base.html"):
        assert stylesheet in (TEMPLATES / base).read_text(), base
    for sheet in ("portal.css", "pdf.css"):
        assert ".portal-chart__" not in (CSS / sheet).read_text(), sheet  # no second copy
    section = (CSS / "charts.css").read_text()
    for width in range(101):
        assert f".portal-w-{width} {{ inline-size: {width}%; }}" in section


def test_the_chart_html_has_no_inline_style_and_hides_the_bars_from_screen_readers():
    chart = bar_chart("t", ["Haven"], {"Ja": [3], "Nee": [1]}, keys=["yes", "no"])
    html = render_to_string("includes/chart.html", {"chart": chart})
    assert "style=" not in html and "<script" not in html
    assert '<div class="portal-chart__body" aria-hidden="true">' in html
    assert "<figcaption" in html
