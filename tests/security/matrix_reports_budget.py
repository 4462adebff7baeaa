"""Permission-matrix entries: reports_budget (issue #8).

The Samen Sterk results and budget reports are served by the generic `core:report` URL (see
matrix_reports.py) and add no URL of their own; tests/budget/test_reports.py checks that a
resident, a professional and an anonymous visitor cannot read them."""

ENTRIES: dict = {}
