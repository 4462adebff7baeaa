"""Permission-matrix entries: continuity (issue #8).

The continuity report uses the existing `core:report` URL (its roles are STAFF_ROLES, as in
matrix_reports.py; tests/budget/test_continuity.py checks that residents, professionals, the
advisory bodies and anonymous visitors cannot read it), and the dashboard panels live on
`core:dashboard`. No new URL, so no entry here."""

ENTRIES: dict = {}
