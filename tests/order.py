"""The order in which `make test` hands the tests to its two xdist workers: the long ones first.

pytest-django sorts the tests as Django does: those in a rolled-back transaction (`db`) first,
then the transactional ones (`transactional_db`, the live server: they empty the database
after themselves), then those without a database. The data migrations' rows (role groups,
the Meetlat, the line types) are gone after a transactional test, so that order stays.

Within each of those three groups this hook moves the long modules to the front, longest
first, and keeps every module's tests together and in their own order. xdist's `load`
scheduler hands out the tests in this order (each worker runs an ordered subsequence of it,
so the groups keep their order on each worker): a long test that comes last keeps one
worker busy while the other one waits, a long test that comes first runs beside the many
short ones. The figures are the seconds of the module's longest test (setup included) in a
CI run (2 cores, `--durations=30`); they only set the order. A module missing here runs after
the listed ones of its group; modules that start processes or a browser before the others.
"""

from __future__ import annotations

import pytest

# The longest test per module in the CI run of 2026-12-07 (docs/performance.md, "Test suite
# time"), seconds; the browser pages check has 13 such tests of 18 to 34 s.
LONG_MODULES: dict[str, float] = {
    "tests/test_query_counts.py": 71,
    "tests/browser/test_no_sideways_scroll.py": 34,
    "tests/reliability/test_migrations.py": 70,
    "tests/reliability/test_reminders_delivery.py": 48,
    "tests/journeys/test_demo_stack.py": 46,
    "tests/advice/test_reports_data.py": 40,
    "tests/reliability/test_postgres_restart.py": 32,
    "tests/journeys/test_coordinator_reassigns_dossiers.py": 29,
    "tests/journeys/test_sc15_decision_rights.py": 27,
    "tests/browser/test_reports_budget.py": 26,
    "tests/core/test_table_rows.py": 23,
    "tests/browser/test_applications.py": 22,
    "tests/budget/test_continuation_services.py": 20,
    "tests/journeys/test_resident.py": 19,
    "tests/reliability/test_backup_restore.py": 19,
    "tests/journeys/test_sc02_organisation_applies.py": 19,
    "tests/budget/test_application_fuzz.py": 18,
    "tests/reliability/test_redis_hung.py": 18,
    "tests/journeys/test_sc12_payment_status.py": 18,
}
# Modules of these kinds start processes or a browser: after the listed ones, before the rest.
SLOW_MARKERS = ("journey", "reliability", "integration", "browser")


def django_group(item: pytest.Item) -> int:
    """pytest-django's order (its pytest_collection_modifyitems, the same rules): 0 rolled
    back, 1 transactional, 2 without a database."""
    from django.test import TestCase, TransactionTestCase
    from pytest_django.plugin import validate_django_db

    cls = getattr(item, "cls", None)
    if cls and issubclass(cls, TransactionTestCase):
        return 0 if issubclass(cls, TestCase) else 1
    marker = item.get_closest_marker("django_db")
    transactional = False
    if marker:
        transaction, reset_sequences, *_ = validate_django_db(marker)
        transactional = transaction or reset_sequences
    fixtures = getattr(item, "fixturenames", [])
    if transactional or "transactional_db" in fixtures or "live_server" in fixtures:
        return 1
    return 0 if marker or "db" in fixtures else 2


def module_rank(item: pytest.Item) -> tuple[int, float]:
    path = item.nodeid.split("::", 1)[0]
    if path in LONG_MODULES:
        return (0, -LONG_MODULES[path])
    if any(item.get_closest_marker(name) for name in SLOW_MARKERS):
        return (1, 0)
    return (2, 0)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Runs after pytest-django's sort; `sort` is stable, so a module's tests keep their order."""
    items.sort(key=lambda item: (django_group(item), *module_rank(item)))
