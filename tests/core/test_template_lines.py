"""Templates read as their structure: no template line over 200 characters.

A long line is broken between tags or between attributes (never inside a text node: a break
there changes the text that people read and tests compare), or written with a component
(`{% button_link %}`, `{% submit_button %}`, `{% notice_list %}`, `{% field_errors %}`). A
long `{% translate %}` becomes a `{% blocktranslate trimmed %}` over several lines: the same
msgid. Check a rewrite with tests/harness/render_snapshot.py (docs/design.md, components).

ALLOW names, per template, how many long lines are still there and why. It only shrinks: a
template with more long lines fails, and so does one with fewer than its entry says (lower
the number, or remove the entry).
"""

from __future__ import annotations

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
LIMIT = 200

MAIL = "mail text: a line break in the template is a line break in the mail (not rewritten yet)"
PDF = "letter text rendered to PDF (not rewritten yet; render_snapshot checks its HTML)"
PROSE = "running text of a content page: one text node, a break inside it would change it"
TEXT_RUN = (
    "a run of text with template logic inside one text node (e.g. 'name — {% if %}…'): no "
    "break between tags; needs its translations hoisted (`as`) or a component"
)

ALLOW: dict[str, tuple[int, str]] = {
    "advice/bodies/detail.html": (1, TEXT_RUN),
    "advice/meetings/form.html": (3, TEXT_RUN),
    "advice/promises/detail.html": (1, TEXT_RUN),
    "allauth/elements/button.html": (1, TEXT_RUN),
    "budget/assess.html": (1, TEXT_RUN),
    "budget/dashboard_administrator.html": (1, TEXT_RUN),
    "budget/dashboard_payments.html": (1, TEXT_RUN),
    "budget/includes/follow_up_list.html": (1, TEXT_RUN),
    "budget/integrity_log.html": (1, TEXT_RUN),
    "core/post_queue.html": (2, TEXT_RUN),
    "includes/messages.html": (1, TEXT_RUN),
    "includes/status_timeline.html": (1, TEXT_RUN),
    "initiatives/handover.html": (1, TEXT_RUN),
    "nlds/layout/buttonholder.html": (1, TEXT_RUN),
}


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
    too_long = {
        path: count for path, count in _long_lines().items() if count > ALLOW.get(path, (0, ""))[0]
    }
    assert not too_long, f"template lines over {LIMIT} characters (path: count): {too_long}"


def test_every_allowed_line_is_still_there():
    found = _long_lines()
    stale = {
        path: found.get(path, 0) for path, (count, _) in ALLOW.items() if found.get(path, 0) < count
    }
    assert not stale, f"ALLOW names more long lines than these templates have: {stale}"


def test_every_allowed_line_says_why():
    assert all(count > 0 and reason.strip() for count, reason in ALLOW.values())
