"""The public results pages (REP-02, REP-03, F-M10): what Samen Sterk and the initiatives
did, for the whole city and per wijk, and the Samen Sterk page with this year's figures.
No login; what may be shown is decided in `budget.public_selectors`."""

from __future__ import annotations

from django import forms
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from budget import balance_selectors
from budget import public_selectors as selectors
from burgerkracht.core.models import Neighbourhood
from burgerkracht.core.reporting.charts import bar_chart
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb
from burgerkracht.core.views import LocalisedPageView


class YearForm(forms.Form):
    jaar = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, choice: selectors.YearChoice, **kwargs):
        super().__init__(*args, initial={"jaar": choice.year}, **kwargs)
        self.fields["jaar"].choices = [(year, str(year)) for year in choice.years]


def _results_chart(title: str, rows: list[selectors.Row]):
    """Initiatives that got money and those that reached their result; the chart leaves out
    the rows without any, the table beside it has the same numbers (and those rows)."""
    return bar_chart(
        title,
        [row.label for row in rows],
        {
            gettext("Got money"): [row.figures.initiatives for row in rows],
            gettext("Reached their own result"): [row.figures.reached for row in rows],
        },
        keys=["initiatives", "reached"],
    )


class YearMixin:
    """The year from `?jaar=`, or this year's fund, or the nearest year with a fund."""

    def get_year(self) -> selectors.YearChoice:
        if not hasattr(self, "_year"):
            self._year = selectors.choose_year(self.request.GET.get("jaar"))
        return self._year

    def get_context_data(self, **kwargs):
        choice = self.get_year()
        return super().get_context_data(
            **kwargs,
            year=choice.year,
            year_form=YearForm(choice=choice) if len(choice.years) > 1 else None,
        )


class ResultsView(YearMixin, BreadcrumbsMixin, TemplateView):
    """The city-wide overview: the year's figures, a row per wijk, stories, every wijk."""

    template_name = "budget/public_results.html"

    def get_breadcrumbs(self):
        return [Crumb(_("Results"))]

    def get_context_data(self, **kwargs):
        year = self.get_year().year
        grants = selectors.grants_of(year)
        rows, city = selectors.neighbourhood_rows(grants)
        if city is not None:
            city.label = gettext("Whole city (no one wijk)")
        chart = _results_chart(
            gettext("Initiatives with Samen Sterk money per wijk in %(year)s") % {"year": year},
            [*rows, *([city] if city else [])],
        )
        return super().get_context_data(
            **kwargs,
            figures=selectors.figures(grants),
            rows=rows,
            city=city,
            chart=chart,
            stories=selectors.public_stories(grants),
            balances=balance_selectors.neighbourhood_balances(year),
        )


class NeighbourhoodResultsView(YearMixin, BreadcrumbsMixin, TemplateView):
    """A wijk: its figures, its funded and other published initiatives, their results and
    stories (REP-03: "de werkwijze en de resultaten op de pagina's van de wijkteams")."""

    template_name = "budget/public_neighbourhood.html"

    def get_neighbourhood(self) -> Neighbourhood:
        if not hasattr(self, "_neighbourhood"):
            self._neighbourhood = get_object_or_404(
                Neighbourhood.objects.select_related("district").only(
                    "name", "slug", "district__name"
                ),
                slug=self.kwargs["slug"],
            )
        return self._neighbourhood

    def get_breadcrumbs(self):
        return [
            Crumb(_("Results"), reverse("budget:public-results")),
            Crumb(self.get_neighbourhood().name),
        ]

    def get_context_data(self, **kwargs):
        neighbourhood = self.get_neighbourhood()
        grants = selectors.grants_of(self.get_year().year).filter(neighbourhood=neighbourhood)
        funded = selectors.funded_initiatives(grants)
        others = selectors.other_initiatives(neighbourhood, grants)
        return super().get_context_data(
            **kwargs,
            neighbourhood=neighbourhood,
            figures=selectors.figures(grants),
            funded=funded,
            more_funded=len(funded) == selectors.FUNDED_SHOWN,
            others=others,
            more_others=len(others) == selectors.OTHER_INITIATIVES_SHOWN,
            stories=selectors.public_stories(grants),
            balances=balance_selectors.neighbourhood_balances(self.get_year().year, neighbourhood),
        )


class SamenSterkView(YearMixin, LocalisedPageView):
    """The Samen Sterk page: the long B1 text per language, with this year's figures per
    budget line and the municipality's text and link about the neighbourhood budgets."""

    page = "samen_sterk"
    folder = "budget/pages"

    def get_context_data(self, **kwargs):
        year = self.get_year().year
        rows = selectors.line_rows(year)
        chart = bar_chart(
            gettext("Samen Sterk money granted per budget line in %(year)s (euro)")
            % {"year": year},
            [row.label for row in rows],
            {gettext("Granted (euro)"): [row.figures.granted for row in rows]},
            keys=["granted"],
        )
        context = super().get_context_data(
            **kwargs, rows=rows, chart=chart,
            balances=balance_selectors.balances(balance_selectors.public_lines(year), public=True),
        )  # fmt: skip
        context["year_form"] = None  # the other years are on the results page
        context["figures"] = selectors.figures(selectors.grants_of(year))
        return context
