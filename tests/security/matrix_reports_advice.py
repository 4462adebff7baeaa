"""Permission-matrix entries: reports_advice (issue #8).

The advice report is served by the generic `core:report` URL (see matrix_reports.py; the
report list opens for the body roles because of it) and its continuity part is a section of
the continuity report, so neither adds a URL of its own. tests/advice/test_reports.py checks
per role that a resident, a professional and an anonymous visitor cannot read the advice
report and that the body roles and the read-only role and up can."""

ENTRIES: dict = {}
