"""Permission-matrix entries: public_results (issue #8). Public pages: everyone, no login."""

from tests.security.matrix import Entry, everyone

ENTRIES: dict = {
    "budget:public-results": Entry(everyone(), why="the city-wide results: public"),
    "budget:public-results-neighbourhood": Entry(
        everyone(), kwargs=lambda w: {"slug": w.neighbourhood.slug}, why="a wijk's results: public"
    ),
}
