"""Permission-matrix entries: reports_budget (issue #8)."""

ENTRIES: dict = {}
