"""Templates read as their structure: no template line over 200 characters.

A long line is broken between tags or between attributes (never inside a text node: a break
there changes the text that people read and tests compare), or written with a component
(`{% button_link %}`, `{% submit_button %}`, `{% notice_list %}`, `{% field_errors %}`). A
long `{% translate %}` becomes a `{% blocktranslate trimmed %}` over several lines: the same
msgid. A paragraph, a mail line or a run of text with template logic in it goes inside
`{% trimmed %}` and breaks only where it has a space. Check a rewrite with
tests/harness/template_equivalence.py and tests/harness/render_snapshot.py (docs/design.md,
components).
"""

from __future__ import annotations

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
LIMIT = 200


def _long_lines() -> dict[str, int]:
    found: dict[str, int] = {}
    for path in sorted(TEMPLATES.rglob("*")):
        if not path.is_file() or path.suffix not in (".html", ".txt"):
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        count = sum(1 for line in lines if len(line) > LIMIT)
        if count:
            found[path.relative_to(TEMPLATES).as_posix()] = count
    return found


def test_no_template_line_is_longer_than_the_limit():
    too_long = _long_lines()
    assert not too_long, f"template lines over {LIMIT} characters (path: count): {too_long}"
