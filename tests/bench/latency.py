"""P2: single-user p95 of the key pages at 1k and at 100k rows, and their ratio."""

from __future__ import annotations

from tests.bench.client import Client
from tests.bench.report import Row, ms, p95

# (page key in paths.py, label, who measures it)
KEY_PAGES = [
    ("public-list", "public initiative list", "anonymous"),
    ("initiative-public", "an initiative (public page)", "anonymous"),
    ("initiative", "an initiative (facilitator)", "facilitator@example.org"),
    ("application", "an application (assessor view)", "facilitator@example.org"),
    ("queue", "assessment queue", "coordinator@example.org"),
    ("budget-overview", "budget overview", "coordinator@example.org"),
    ("advice-register", "advice register", "asd-secretaris@example.org"),
]
BOUND = 0.050
RATIO = 1.5


def timings(pairs: list[tuple[Client, str]], requests: int, warmup: int = 5) -> list[list[float]]:
    """Time each (client, path) `requests` times, interleaved request by request, so a busy
    moment on the machine falls on every side alike."""
    samples: list[list[float]] = [[] for _ in pairs]
    for index in range(warmup + requests):
        for side, (client, path) in enumerate(pairs):
            response = client.get(path)
            if response.status != 200:
                raise RuntimeError(f"{path}: status {response.status}")
            if index >= warmup:
                samples[side].append(response.seconds)
    return samples


def measure(small: dict, large: dict, requests: int) -> list[Row]:
    """`small`/`large`: {"paths": {...}, "clients": {who: Client}} for the 1k and 100k sets."""
    rows = []
    for key, label, who in KEY_PAGES:
        pairs = [
            (small["clients"][who], small["paths"][key]),
            (large["clients"][who], large["paths"][key]),
        ]
        try:
            low, high = map(p95, timings(pairs, requests))
        except RuntimeError as error:  # a page that does not answer is a row, not a crash
            rows.append(Row("P2", label, "no answer", "200", False, str(error)))
            continue
        ratio = high / low
        # Why, from the figures: as slow on the small set means rendering, not data size.
        if ratio > RATIO:
            why = "grows with the data"
        elif low > BOUND:
            why = f"{ms(low)} at {small['size']} too: the page's own rendering time, not the data"
        else:
            why = (
                f"{ms(low)} at {small['size']}: the page's own cost is near the bound and the"
                f" data adds {ms(high - low)} ({ratio:.2f}x, within {RATIO}x)"
            )
        rows.append(
            Row("P2", f"{label}: p95 at {large['size']}", ms(high), "≤ 50 ms", high <= BOUND, why)
        )
        rows.append(
            Row(
                "P2",
                f"{label}: p95 {large['size']} / {small['size']} ({ms(low)})",
                f"{ratio:.2f}x",
                "≤ 1.5x",
                ratio <= RATIO,
            )
        )
    return rows
