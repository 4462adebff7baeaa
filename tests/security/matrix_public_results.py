"""Permission-matrix entries: public_results (issue #8)."""

ENTRIES: dict = {}
