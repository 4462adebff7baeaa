"""The bench's one table: target, what was measured, the figure, the bound, the verdict."""

from __future__ import annotations

import math
import platform
import subprocess
from dataclasses import dataclass
from datetime import datetime

from tests.bench.stack import ROOT, VAR


@dataclass
class Row:
    target: str
    what: str
    measured: str
    bound: str
    met: bool
    why: str = ""


def p95(samples: list[float]) -> float:
    """The 95th percentile (nearest rank) of `samples`."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def table(rows: list[Row], notes: list[str]) -> str:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    lines = [
        "# Benchmark (`make bench`)",
        "",
        f"{datetime.now().astimezone():%Y-%m-%d %H:%M} · commit {commit or '?'} · "
        f"{platform.machine()} · {_cores()} cores · Python {platform.python_version()}",
        "",
        "| Target | What | Measured | Bound | Verdict |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        verdict = "met" if row.met else f"**falls short**{': ' + row.why if row.why else ''}"
        lines.append(f"| {row.target} | {row.what} | {row.measured} | {row.bound} | {verdict} |")
    met = sum(row.met for row in rows)
    lines += ["", f"{met} of {len(rows)} rows met."]
    if notes:
        lines += ["", *[f"- {note}" for note in notes]]
    return "\n".join(lines) + "\n"


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0))


def write(rows: list[Row], notes: list[str]) -> str:
    text = table(rows, notes)
    VAR.mkdir(parents=True, exist_ok=True)
    (VAR / "latest.md").write_text(text)
    return text
