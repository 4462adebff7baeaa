"""`make bench`: build the data sets, start the stack, measure P1-P7, print the table."""

from __future__ import annotations

import argparse
import sys
import time

from tests.bench import datasets, latency, report, stack
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
    args = parser.parse_args(argv)
    VAR.mkdir(parents=True, exist_ok=True)
    rows: list[report.Row] = []
    notes: list[str] = []
    if args.scale != 1.0:
        notes.append(f"Trial run: data sets at {args.scale} x the targets' sizes.")

    seconds = datasets.build(["k1", "scale"], args.scale, log=log)
    notes.append(
        f"Data sets built with seed_scale: {label('scale', args.scale)} in "
        f"{seconds['scale']:.0f} s, {label('k1', args.scale)} in {seconds['k1']:.0f} s."
    )
    services = []
    try:
        small, large = {}, {}
        for side, name in ((small, "k1"), (large, "scale")):
            server, base = stack.gunicorn(f"bench_{name}", workers=5)
            services.append(server)
            side["size"] = label(name, args.scale)
            side["paths"] = stack.python(f"bench_{name}", "tests.bench.paths")
            side["clients"] = logged_in(f"bench_{name}", base)
            side["base"] = base
        log("P2: single-user latency")
        rows += latency.measure(small, large, args.requests)
    finally:
        for service in services:
            service.stop()
    text = report.write(rows, notes)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
