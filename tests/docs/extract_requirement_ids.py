"""Write docs/requirement-ids.md from the domain catalogue beside the project.

    .venv/bin/python tests/docs/extract_requirement_ids.py ../shared/domain/requirements.md \
        > docs/requirement-ids.md

An id is defined where the catalogue gives it its text: a table row that starts with it
(`| BR-01 | **Single criterion.** … |`), a heading (`### WF-3 Interim evaluation …`) or a
bold paragraph (`**ENT-01 `Stadsdeel` / `Wijk` / scale**`). The title is the row's bold text
or its first sentence, the heading, or the bold text.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ID = r"(?:[A-Z]{1,4}-[A-Z]?\d{1,3})"
ROW = re.compile(rf"^\|\s*({ID})\s*\|(.*)$")
HEADING = re.compile(rf"^#+\s+({ID})\s+(.+)$")
BOLD = re.compile(rf"^\*\*({ID})\s+(.+?)\*\*")
STRONG = re.compile(r"\*\*(.+?)\*\*")
LIMIT = 110


def plain(text: str) -> str:
    text = re.sub(r"\*\*|`|\*", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text.replace("|", "/")


def shorten(text: str) -> str:
    text = plain(text).rstrip(".:")
    if len(text) <= LIMIT:
        return text
    cut = text[:LIMIT].rsplit(" ", 1)[0]
    return cut.rstrip(",;:(") + " …"


def row_title(number: str, cells: list[str]) -> str:
    first = cells[0].strip()
    strong = STRONG.match(first)
    if strong:
        title = strong.group(1)
        if number.startswith("NUM-") and len(cells) > 1:
            title = f"{title}: {cells[1]}"  # a bare number says little: add what it means
        return shorten(title)
    sentence = re.split(r"(?<=[.!?:])\s", plain(first), maxsplit=1)[0]
    return shorten(sentence)


def definitions(text: str) -> dict[str, tuple[str, str]]:
    """id -> (title, the catalogue's section that defines it)."""
    found: dict[str, tuple[str, str]] = {}
    section = ""
    for line in text.splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
            continue
        if match := ROW.match(line):
            number, rest = match.groups()
            title = row_title(number, rest.split("|"))
        elif match := HEADING.match(line) or BOLD.match(line):
            number, title = match.group(1), shorten(match.group(2))
        else:
            continue
        found.setdefault(number, (title, section))
    return found


def prefix(number: str) -> str:
    return number.rsplit("-", 1)[0] + "-" + re.sub(r"\d+$", "", number.rsplit("-", 1)[1])


def sort_key(number: str) -> tuple[str, int]:
    return prefix(number), int(re.search(r"\d+$", number).group())


def render(found: dict[str, tuple[str, str]], source: str) -> str:
    lines = [
        "# Requirement ids",
        "",
        f"Extracted from `{source}` (the domain catalogue beside the project, not",
        "in this repository) by `tests/docs/extract_requirement_ids.py`: every id the catalogue",
        "defines, with a one-line title, grouped as the catalogue groups them; the catalogue has",
        "the full text and its sources. `tests/docs/test_cited_ids.py` checks that every id the",
        "code and docs cite is here or in `targets.md`.",
        "",
    ]
    groups: dict[str, list[str]] = {}
    for number in sorted(found, key=sort_key):
        groups.setdefault(prefix(number), []).append(number)
    for group, numbers in groups.items():
        section = found[numbers[0]][1]
        lines += [f"## {group.rstrip('-')}: {section}", "", "| id | title |", "|---|---|"]
        lines += [f"| {number} | {found[number][0]} |" for number in numbers]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    path = Path(sys.argv[1])
    sys.stdout.write(
        render(definitions(path.read_text(encoding="utf-8")), "../shared/domain/requirements.md")
    )
