"""Every decision record says near its top whether it holds, and the records it points to
from that status line exist."""

import re
from pathlib import Path

DECISIONS = Path(__file__).resolve().parents[2] / "docs" / "decisions"
STATUS = re.compile(r"^Status: (accepted|superseded|split into|proposed)\b")
RECORD = re.compile(r"(?<![\d-])(\d{4})(?![\d-])")  # 0004, not the 2026 of a date


def status_problems(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    status = [i for i, line in enumerate(lines[:8]) if STATUS.match(line)]
    if not status:
        return [f"{path.name}: no 'Status: …' line in its first eight lines"]
    # The status may run on to the next lines until a blank one.
    text = " ".join(
        lines[status[0] : lines.index("", status[0]) if "" in lines[status[0] :] else None]
    )
    known = {p.name[:4] for p in DECISIONS.glob("[0-9][0-9][0-9][0-9]-*.md")}
    return [
        f"{path.name}: its status names {number}, which is not a record"
        for number in RECORD.findall(text)
        if number not in known
    ]


def test_every_decision_record_has_a_status():
    records = sorted(DECISIONS.glob("[0-9][0-9][0-9][0-9]-*.md"))
    assert len(records) >= 20
    assert [problem for path in records for problem in status_problems(path)] == []


def test_numbers_are_not_used_twice():
    numbers = [p.name[:4] for p in DECISIONS.glob("[0-9][0-9][0-9][0-9]-*.md")]
    assert sorted(numbers) == sorted(set(numbers))


def test_a_record_without_status_is_reported(tmp_path):
    record = tmp_path / "0099-nothing.md"
    record.write_text("# 0099 Nothing\n\nIssue #1.\n\n## Context\n", encoding="utf-8")
    assert status_problems(record) == [
        "0099-nothing.md: no 'Status: …' line in its first eight lines"
    ]


def test_a_status_pointing_nowhere_is_reported(tmp_path):
    record = tmp_path / "0099-gone.md"
    record.write_text("# 0099 Gone\n\nStatus: superseded by 0999\n\nText.\n", encoding="utf-8")
    assert status_problems(record) == ["0099-gone.md: its status names 0999, which is not a record"]
