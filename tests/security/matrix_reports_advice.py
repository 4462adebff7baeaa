"""Permission-matrix entries: reports_advice (issue #8)."""

ENTRIES: dict = {}
