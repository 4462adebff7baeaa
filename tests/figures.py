"""The figures of targets.md (R1 to R7, S1 to S8), measured by the tests and printed by `make test`.

A test records what it measured with the `figure` fixture:

    figure("R1", awards=166, cents_over=0)

The counts travel with the test report (also from xdist workers) and the end of the run sums
them per target and prints one line per target. The test itself asserts the figure; this only
makes the numbers visible.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from django.core.signals import got_request_exception, request_finished

KEY = "burgerkracht_figure"

TARGETS = {
    "R1": "concurrent approvals",
    "R2": "reminders, worker killed, two beats",
    "R3": "resident submissions while Redis is down or hung",
    "R4": "mail while the SMTP server is down",
    "R5": "backup and restore",
    "R6": "migrations forwards and backwards",
    "R7": "PostgreSQL restarted under load",
    "S1": "forms fuzzed",
    "S2": "permission matrix",
    "S3": "uploads",
    "S5": "staff pages without a second factor",
    "S7": "canary in logs, error pages and the database",
    "S8": "personal data past retention",
}


@pytest.fixture
def figure(request):
    """Record counts for a target; summed over every test that records the same target."""

    def record(code: str, **counts: int | str) -> None:
        assert code in TARGETS, code
        request.node.user_properties.append((KEY, json.dumps({"code": code, **counts})))

    return record


@pytest.fixture(autouse=True)
def _fuzz_requests(request):
    """Fuzz tests (marked `fuzz`) count the requests they made and the server errors (S1)."""
    if request.node.get_closest_marker("fuzz") is None:
        yield
        return
    tally = {"inputs": 0, "server_errors": 0}

    def finished(**kwargs):
        tally["inputs"] += 1

    def failed(**kwargs):
        tally["server_errors"] += 1

    request_finished.connect(finished, dispatch_uid="fuzz-figure-finished")
    got_request_exception.connect(failed, dispatch_uid="fuzz-figure-failed")
    try:
        yield
    finally:
        request_finished.disconnect(dispatch_uid="fuzz-figure-finished")
        got_request_exception.disconnect(dispatch_uid="fuzz-figure-failed")
    request.node.user_properties.append((KEY, json.dumps({"code": "S1", **tally})))


def collect(reports) -> dict[str, dict[str, int | str]]:
    totals: dict[str, dict] = defaultdict(lambda: {"tests": 0})
    for report in reports:
        for key, value in getattr(report, "user_properties", ()):
            if key != KEY:
                continue
            counts = json.loads(value)
            line = totals[counts.pop("code")]
            line["tests"] += 1
            for name, number in counts.items():
                if isinstance(number, int) and not isinstance(number, bool):
                    line[name] = line.get(name, 0) + number
                else:
                    line[name] = number
    return dict(totals)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    # The teardown report carries every property the test recorded, also those recorded by a
    # fixture after the test body ran (the fuzz tally).
    reports = [
        report
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "teardown"
    ]
    totals = collect(reports)
    if not totals:
        return
    terminalreporter.section("figures (targets.md)")
    for code in sorted(totals, key=lambda c: (c[0], int(c[1:]))):
        counts = totals[code]
        tests = counts.pop("tests")
        shown = ", ".join(f"{name.replace('_', ' ')} {value}" for name, value in counts.items())
        terminalreporter.write_line(f"{code:<3} {TARGETS[code]}: {shown} ({tests} tests)")
    missing = [code for code in TARGETS if code not in totals]
    if missing and config.args_source.name != "ARGS":
        terminalreporter.write_line("not measured in this run: " + ", ".join(missing))
