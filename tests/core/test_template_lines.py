"""Templates read as their structure: no line over 200 characters.

A long line is markup that should be broken over lines at tag and attribute boundaries, or
written with a component (`{% button_link %}`, `{% submit_button %}`, `{% notice_list %}`,
`{% field_errors %}`). What cannot be split without changing the output or a msgid is named
in ALLOW, one entry per long line, each with its reason; an entry that is no longer needed
fails too, so the list only shrinks.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
LIMIT = 200

MSGID = "one {% translate %} whose msgid alone is longer than the line may be"
PLURAL = "one {% blocktranslate %} with a plural: its two msgids and its arguments are longer"
SUBJECT = "a mail subject is one line of output: a line break would be in the subject"
MAIL = "a sentence of a mail body: a line break in the template is a line break in the mail"

ALLOW: set[tuple[str, str]] = {
    ("advice/agendas/import.html", MSGID + ": the explanation of the upload"),
    ("advice/agendas/import.html", PLURAL + ": what the file will create"),
    ("advice/agendas/import.html", PLURAL + ": how many rows are wrong"),
    ("advice/agendas/list.html", PLURAL + ": who handed the agenda in, when, how many topics"),
    ("advice/dashboard_panel.html", PLURAL + ": the open promises you own"),
    (
        "advice/promises/detail.html",
        "the title block: a break would put a line break inside <title>, which tests read",
    ),
    ("core/calendarfeed_detail.html", MSGID + ": the introduction of My agenda"),
    ("email/reminders/advice_promise_overdue_subject.txt", SUBJECT),
    ("email/reminders/advice_promise_soon_subject.txt", SUBJECT),
    ("email/reminders/advice_promise_overdue_body.txt", MAIL),
    ("email/reminders/advice_promise_soon_body.txt", MAIL),
}


def _long_lines() -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for path in sorted(TEMPLATES.rglob("*")):
        if not path.is_file() or path.suffix not in (".html", ".txt"):
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        numbers = [n for n, line in enumerate(lines, start=1) if len(line) > LIMIT]
        if numbers:
            found[path.relative_to(TEMPLATES).as_posix()] = numbers
    return found


def test_no_template_line_is_longer_than_the_limit():
    allowed = Counter(path for path, _reason in ALLOW)
    too_long = [
        f"{path}:{numbers[allowed[path] :]}"
        for path, numbers in _long_lines().items()
        if len(numbers) > allowed[path]
    ]
    assert not too_long, f"template lines over {LIMIT} characters: {too_long}"


def test_every_allowed_line_is_still_there():
    found = {path: len(numbers) for path, numbers in _long_lines().items()}
    allowed = Counter(path for path, _reason in ALLOW)
    stale = [path for path, count in allowed.items() if found.get(path, 0) < count]
    assert not stale, f"ALLOW names more long lines than these templates have: {stale}"


def test_every_allowed_line_says_why():
    assert all(path.strip() and reason.strip() for path, reason in ALLOW)
