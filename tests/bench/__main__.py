"""`make bench`: build the data sets, start the stack, measure P1-P7 (and R5), print the table.

Order matters: the read-only measurements first, then the burst (P4, which adds rows), the
PDF (P6), and last the reminder sweep (P5) and the backup drill (R5) on the scale set.
"""

from __future__ import annotations

import argparse
import sys
import time

from tests.bench import datasets, latency, load, measures, report, stack
from tests.bench.client import Client
from tests.bench.datasets import label
from tests.bench.stack import VAR

PASSWORD = "Burgerkracht-demo-2026"  # seed_demo prints it
STAFF = [
    "facilitator@example.org",
    "coordinator@example.org",
    "asd-secretaris@example.org",
    "zeggenschap@example.org",
]
RESIDENT = "bewoner@example.org"


def log(message: str) -> None:
    sys.stdout.write(f"[bench {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stdout.flush()


def logged_in(db: str, base: str) -> dict[str, Client]:
    """One client per login, through the real login form (staff with their two-step code)."""
    clients = {"anonymous": Client(base)}
    codes = stack.python(db, "tests.bench.codes", *STAFF)
    for email in STAFF:
        clients[email] = Client(base)
        clients[email].login(email, PASSWORD, codes.get(email, ""))
    clients[RESIDENT] = Client(base)
    clients[RESIDENT].login(RESIDENT, PASSWORD)
    return clients


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument("--scale", type=float, default=1.0, help="shrink the data sets")
    parser.add_argument("--requests", type=int, default=60, help="P2 requests per page")
    parser.add_argument("--seconds", type=int, default=30, help="length of each P3 phase")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers")
    parser.add_argument("--burst", type=int, default=60, help="length of the P4 burst (s)")
    args = parser.parse_args(argv)
    VAR.mkdir(parents=True, exist_ok=True)
    rows: list[report.Row] = []
    notes: list[str] = []
    if args.scale != 1.0:
        notes.append(f"Trial run: data sets at {args.scale} x the targets' sizes.")

    seconds = datasets.build(["small", "k1", "k10", "scale"], args.scale, log=log)
    notes.append(
        "Data sets (seed_demo + seed_scale): "
        + ", ".join(f"{label(name, args.scale)} in {took:.0f} s" for name, took in seconds.items())
    )
    log("P1: queries per page")
    rows += measures.queries(label("small", args.scale), label("k10", args.scale))

    services = [stack.worker("bench_scale")]
    try:
        small, large = {}, {}
        for side, name in ((small, "k1"), (large, "scale")):
            server, base = stack.gunicorn(f"bench_{name}", workers=args.workers)
            services.append(server)
            side.update(size=label(name, args.scale), base=base)
            side["paths"] = stack.python(f"bench_{name}", "tests.bench.paths")
            side["clients"] = logged_in(f"bench_{name}", base)
        log("P2: single-user latency")
        rows += latency.measure(small, large, args.requests)
        log("P3: 16 concurrent users")
        rows += load.concurrency(large["base"], large["paths"], large["clients"], args.seconds)
        log("P7: page weight and the resident flow without JavaScript")
        rows += measures.weight("bench_scale", large["base"], PASSWORD)
        log("P4: burst of submissions")
        rows += load.burst("bench_scale", large["base"], seconds=args.burst)
    finally:
        for service in services:
            service.stop()
    log("P6: decision letter PDF")
    rows += measures.pdf("bench_scale")
    log("P5: reminder sweep")
    rows += measures.sweep("bench_scale")
    log("R5: backup and restore drill")
    rows += measures.drill("bench_scale")
    rows.sort(key=lambda row: row.target)
    text = report.write(rows, notes)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
