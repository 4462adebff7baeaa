"""P3 (16 users, no think time, behind gunicorn) and P4 (a burst of submissions), with locust.

P3 runs four phases of the same length against the same server: the trivial view alone (the
floor), list pages alone, detail pages alone, and the mixed set, whose p95 and errors count.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess

from tests.bench import stack
from tests.bench.client import Client
from tests.bench.report import Row
from tests.bench.stack import ROOT, VAR

LOCUST = ROOT / ".venv-bench" / "bin" / "locust"
LISTS = [
    ("anonymous", "public-list"),
    ("coordinator@example.org", "queue"),
    ("coordinator@example.org", "officials-list"),
    ("asd-secretaris@example.org", "advice-register"),
]
DETAILS = [
    ("anonymous", "initiative-public"),
    ("facilitator@example.org", "initiative"),
    ("facilitator@example.org", "application"),
    ("asd-secretaris@example.org", "advice"),
]
MIXED = [*LISTS, *DETAILS, ("coordinator@example.org", "dashboard")]
MIXED += [("coordinator@example.org", "budget-overview")]


def run_locust(name: str, plan: dict, base: str, users: int, seconds: int) -> dict[str, float]:
    """Run one headless locust phase; return its aggregated figures."""
    plan_file = VAR / f"plan-{name}.json"
    plan_file.write_text(json.dumps(plan))
    command = [str(LOCUST), "-f", "tests/bench/locustfile.py", "--headless", "--only-summary"]
    command += ["-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--host", base]
    command += ["--csv", str(VAR / f"locust-{name}"), "--stop-timeout", "30"]
    with (VAR / f"locust-{name}.log").open("w") as log:
        # locust exits 1 when any request failed; the failures are counted below.
        subprocess.run(
            command,
            cwd=ROOT,
            env={"PATH": os.environ["PATH"], "BENCH_PLAN": str(plan_file)},
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        )
    with (VAR / f"locust-{name}_stats.csv").open() as stats:
        rows = list(csv.DictReader(stats))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    pages = [row for row in rows if row["Name"] != "Aggregated"]
    slowest = max(pages, key=lambda row: float(row["95%"]), default=total)
    return {
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "p50": float(total["50%"]) / 1000,
        "p95": float(total["95%"]) / 1000,
        "rps": float(total["Requests/s"]),
        "slowest": f"{slowest['Name']} (p95 {float(slowest['95%']):.0f} ms)",
    }


def _cost(figures: dict, floor: float) -> str:
    """Why a share falls short: the machine time one page takes against the floor's."""
    cores = len(os.sched_getaffinity(0))
    return (
        f"a page takes about {cores * 1000 / figures['rps']:.0f} ms of the {cores} cores "
        f"(the trivial view {cores * 1000 / floor:.1f} ms); slowest {figures['slowest']}"
    )


def cookie(client: Client) -> str:
    return "; ".join(f"{k}={v}" for k, v in client.cookies.items())


def concurrency(base: str, paths: dict, clients: dict, seconds: int) -> list[Row]:
    pages = {
        "trivial": [["anonymous", paths["trivial"]]],
        "list": [[who, paths[key]] for who, key in LISTS],
        "detail": [[who, paths[key]] for who, key in DETAILS],
        "mixed": [[who, paths[key]] for who, key in MIXED],
    }
    cookies = {who: cookie(client) for who, client in clients.items()}
    figures = {
        mode: run_locust(
            f"p3-{mode}",
            {"mode": mode, "pages": pages, "cookies": cookies},
            base,
            users=16,
            seconds=seconds,
        )
        for mode in ("trivial", "list", "detail", "mixed")
    }
    mixed, floor = figures["mixed"], figures["trivial"]["rps"]
    list_share = figures["list"]["rps"] / floor
    detail_share = figures["detail"]["rps"] / floor
    return [
        Row("P3", "16 users, mixed pages: p95", f"{mixed['p95'] * 1000:.0f} ms", "≤ 250 ms",
            mixed["p95"] <= 0.250, f"slowest page: {mixed['slowest']}"),
        Row("P3", f"16 users, mixed pages: errors of {mixed['requests']:,} requests",
            str(mixed["failures"]), "0", mixed["failures"] == 0),
        Row("P3", f"list pages: {figures['list']['rps']:.0f} req/s of the trivial view's "
            f"{floor:.0f} req/s", f"{list_share:.0%}", "≥ 10 %", list_share >= 0.10,
            _cost(figures["list"], floor)),
        Row("P3", f"detail pages: {figures['detail']['rps']:.0f} req/s of the trivial view's "
            f"{floor:.0f} req/s", f"{detail_share:.0%}", "≥ 25 %", detail_share >= 0.25,
            _cost(figures["detail"], floor)),
    ]  # fmt: skip


def burst(db: str, base: str, rate: int = 25, seconds: int = 60) -> list[Row]:
    """P4: `rate` residents each send in one complete draft per second for `seconds`."""
    password = "Burst-bench-2026"
    plan = stack.python(db, "tests.bench.drafts", str(rate), str(seconds + 5), password)
    drafts = {}
    for email, paths in plan.items():
        client = Client(base)
        client.login(email, password)
        drafts[email] = {
            "cookie": cookie(client),
            "csrf": client.cookies["csrftoken"],
            "paths": paths,
        }
    sent_file = VAR / "p4-sent.json"
    sent_file.unlink(missing_ok=True)
    figures = run_locust(
        "p4-burst",
        {"mode": "burst", "drafts": drafts, "sent_file": str(sent_file)},
        base,
        users=rate,
        seconds=seconds,
    )
    # Every draft the server answered "sent in" for must be sent in, in the database.
    answered = json.loads(sent_file.read_text())
    check = stack.python(db, "tests.bench.submitted", str(sent_file))
    lost = check["answered_not_sent_in"]
    achieved = figures["requests"] / seconds
    return [
        Row("P4", f"burst of {rate}/s for {seconds} s: achieved rate", f"{achieved:.1f}/s",
            f"{rate}/s", achieved >= rate * 0.95,
            f"each resident waits for the answer before the next send-in (p95 "
            f"{figures['p95'] * 1000:.0f} ms)"),
        Row("P4", f"burst: errors of {figures['requests']:,} submissions",
            str(figures["failures"]), "0", figures["failures"] == 0),
        Row("P4", f"burst: answered \"sent in\" ({len(answered):,}) but not in the database "
            "(lost)", str(lost), "0", lost == 0 and len(answered) > 0),
        Row("P4", "burst: p95", f"{figures['p95'] * 1000:.0f} ms", "≤ 500 ms",
            figures["p95"] <= 0.500,
            f"median {figures['p50'] * 1000:.0f} ms: sends-in queue behind each other for the "
            "same cores (web, worker, database and locust share them)"),
    ]  # fmt: skip
