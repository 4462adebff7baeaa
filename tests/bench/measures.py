"""The table rows of P1, P5, P6, P7 and R5, from the JSON their modules print."""

from __future__ import annotations

from tests.bench import stack
from tests.bench.report import Row, ms, p95

QUERY_BOUND = 12
WEIGHT_BOUND = 100 * 1024


def queries(small_label: str, large_label: str) -> list[Row]:
    """P1: every catalogued page at 10 and at 10,000 rows: the same count, at most 12."""
    extra = {"DJANGO_ALLOWED_HOSTS": "testserver"}
    small = stack.python("bench_small", "tests.bench.queries", env_extra=extra)
    large = stack.python("bench_k10", "tests.bench.queries", env_extra=extra)
    broken = sorted(key for key in small if small[key][0] != 200 or large[key][0] != 200)
    growing = sorted(key for key in small if key not in broken and small[key][1] != large[key][1])
    over = sorted(key for key in small if key not in broken and large[key][1] > QUERY_BOUND)
    most = max((large[key][1], key) for key in large if key not in broken)
    rows = [
        Row("P1", f"pages whose count differs, {small_label} vs {large_label}",
            f"{len(growing)} of {len(small)}", "0", not growing, ", ".join(growing)),
        Row("P1", f"pages over {QUERY_BOUND} queries (most: {most[1]}, {most[0]})",
            f"{len(over)} of {len(small)}", "0",
            not over, ", ".join(f"{key} ({large[key][1]})" for key in over)),
    ]  # fmt: skip
    if broken:
        statuses = ", ".join(f"{key} ({small[key][0]}/{large[key][0]})" for key in broken)
        rows.append(
            Row("P1", "pages that did not answer 200", str(len(broken)), "0", False, statuses)
        )
    return rows


def weight(db: str, base: str, password: str) -> list[Row]:
    """P7: the heaviest resident page, and the resident flow with JavaScript off."""
    result = stack.python(db, "tests.bench.pages_weight", base, password)
    path, heaviest = max(result["weights"].items(), key=lambda item: item[1])
    flow = result["no_js_flow"]
    return [
        Row("P7", f"heaviest of {len(result['weights'])} resident pages ({path}), without "
            "fonts and images", f"{heaviest / 1024:.0f} KB", "≤ 100 KB", heaviest <= WEIGHT_BOUND),
        Row("P7", "resident registers and sends in an initiative with JavaScript off",
            "works" if flow["ok"] else "fails", "works", flow["ok"], flow["error"]),
    ]  # fmt: skip


def pdf(db: str) -> list[Row]:
    """P6: the decision letter against the plain reference letter, in one process."""
    result = stack.python(db, "tests.bench.pdf")
    letter, plain = p95(result["decision"]), p95(result["reference"])
    return [
        Row("P6", f"decision letter ({result['pages']} pages): p95 of {len(result['decision'])}",
            ms(letter), "≤ 400 ms", letter <= 0.400),
        Row("P6", f"decision letter / reference letter ({ms(plain)})", f"{letter / plain:.2f}x",
            "≤ 1.5x", letter / plain <= 1.5),
        Row("P6", "network connections opened while rendering", str(result["connections"]), "0",
            result["connections"] == 0),
    ]  # fmt: skip


def sweep(db: str) -> list[Row]:
    """P5: the sweep over the due items, then at once a second one."""
    r = stack.python(db, "tests.bench.sweep")
    second = r["second"]
    again = second["created"] + second["requeued"] + second["enqueued"] + r["second_rows"]
    return [
        Row("P5", f"sweep over {r['rows_written']:,} due reminders ({r['due_items']:,} "
            "evaluations made due, each for its initiators and facilitators): written and "
            "handed to the broker", f"{r['first_seconds']:.1f} s", "≤ 10 s",
            r["first_seconds"] <= 10 and r["rows_written"] >= 100_000,
            "fewer than 100,000 due reminders" if r["rows_written"] < 100_000 else
            f"finding the due items alone takes {r['second_seconds']:.1f} s (the second sweep)"),
        Row("P5", f"immediate second sweep ({r['second_seconds']:.1f} s): rows written or "
            "handed over", str(again), "0", again == 0),
        Row("P5", "e-mails put in the outbox by the sweeps (sending is the worker's job)",
            str(r["mail"]), "0", r["mail"] == 0),
    ]  # fmt: skip


def drill(db: str) -> list[Row]:
    r = stack.python(db, "tests.bench.drill", "bench_restored")
    identical = r["restore_ok"] and not r["differing"] and r["sequences_equal"]
    return [
        Row("R5", f"backup → restore of the scale set: {r['tables']} tables, {r['rows']:,} rows "
            f"({r['dump_bytes'] / 2**20:.0f} MB dump in {r['dump_seconds']:.0f} s, restored in "
            f"{r['restore_seconds']:.0f} s)", "identical" if identical else "differs",
            "identical", identical, ", ".join(r["differing"])),
    ]  # fmt: skip
