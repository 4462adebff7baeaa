"""The data sets: seed_demo once into a template database, then seed_scale per size.

Sizes are (initiatives, applications, advices, evaluations). `scale` shrinks them all for a
quick trial run (`make bench ARGS="--scale 0.1"`); the table then says so.
"""

from __future__ import annotations

import time

from tests.bench import stack

SIZES = {
    "small": (10, 10, 10, 10),  # P1 at 10 rows
    "k1": (1_000, 500, 100, 1_000),  # P2's 1k set
    "k10": (10_000, 10_000, 10_000, 10_000),  # P1 at 10,000 rows
    "scale": (100_000, 50_000, 10_000, 100_000),  # targets.md P2
}
TEMPLATE = "bench_template"


def counts(name: str, scale: float) -> tuple[int, ...]:
    if name == "small":
        return SIZES[name]
    return tuple(max(10, int(n * scale)) for n in SIZES[name])


def label(name: str, scale: float) -> str:
    return f"{counts(name, scale)[0]:,} initiatives"


def build(names: list[str], scale: float, log=print) -> dict[str, float]:
    """Create `bench_<name>` for every name; return the seconds each seed took."""
    started = time.monotonic()
    stack.create_database(TEMPLATE)
    stack.manage(TEMPLATE, "migrate", "--noinput", "-v", "0")
    stack.manage(TEMPLATE, "seed_demo", "--quiet-logins", debug=True)
    stack.manage(TEMPLATE, "collectstatic", "--noinput", "-v", "0")
    log(f"template database ready in {time.monotonic() - started:.0f} s")
    seconds = {}
    for name in names:
        started = time.monotonic()
        stack.create_database(f"bench_{name}", template=TEMPLATE)
        initiatives, applications, advices, evaluations = counts(name, scale)
        stack.manage(
            f"bench_{name}",
            "seed_scale",
            f"--initiatives={initiatives}",
            f"--applications={applications}",
            f"--advices={advices}",
            f"--evaluations={evaluations}",
        )
        # Autovacuum would do this soon after a bulk load on a live system: it sets the
        # visibility map that index-only scans (the lists' counts) rely on.
        stack.vacuum(f"bench_{name}")
        seconds[name] = time.monotonic() - started
        log(f"bench_{name}: {counts(name, scale)} in {seconds[name]:.0f} s")
    return seconds
