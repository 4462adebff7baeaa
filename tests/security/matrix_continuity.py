"""Permission-matrix entries: continuity (issue #8)."""

ENTRIES: dict = {}
