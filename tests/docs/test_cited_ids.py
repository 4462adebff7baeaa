"""Every target id (P2, R1, S7, A4 …) and requirement id (WF-13, BR-51, SC-04, F-M10 …) that
the code and docs cite is defined in the repository: targets in docs/targets.md, requirement
ids in docs/requirement-ids.md (extracted from the domain catalogue)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGETS = ROOT / "docs" / "targets.md"
REQUIREMENT_IDS = ROOT / "docs" / "requirement-ids.md"
SKIPPED_DIRS = {".venv", ".venv-bench", "node_modules", ".git", "var", "vendor"}
SUFFIXES = {".py", ".md", ".html"}
# The definitions themselves, and this test's own examples.
SKIPPED_FILES = {TARGETS, REQUIREMENT_IDS, Path(__file__).resolve()}

# A table row of targets.md: `| P2 | … |`.
TARGET_ROW = re.compile(r"^\|\s*([PRSA]\d{1,2})\s*\|", re.MULTILINE)
# A table row of requirement-ids.md: `| WF-13 | … |`.
REQUIREMENT_ROW = re.compile(r"^\|\s*([A-Z]{1,4}-[A-Z]?\d{1,3})\s*\|", re.MULTILINE)
# A target cited: P, R, S or A and a number, a word of its own ("R2_REMINDERS" and the S11
# of "F-S11" are not targets).
TARGET = re.compile(r"(?<![\w-])([PRSA])(\d{1,2})(?!\w)")


def key(number: str) -> tuple[str, int]:
    """("WF-", 13) for WF-13, ("SC-", 4) for SC-04 and SC-4: cited with or without the zero."""
    match = re.fullmatch(r"(.*?)(\d+)", number)
    return match.group(1), int(match.group(2))


def defined_targets() -> set[tuple[str, int]]:
    return {key(t) for t in TARGET_ROW.findall(TARGETS.read_text(encoding="utf-8"))}


def defined_requirements() -> set[tuple[str, int]]:
    return {key(r) for r in REQUIREMENT_ROW.findall(REQUIREMENT_IDS.read_text(encoding="utf-8"))}


def requirement_pattern(defined: set[tuple[str, int]]) -> re.Pattern:
    """The prefixes the catalogue uses (ACT-, BR-, F-M, SC-, WF- …), each followed by a number:
    an id with a known prefix and an unknown number is the mistake to find."""
    prefixes = sorted({prefix for prefix, _ in defined}, key=len, reverse=True)
    alternatives = "|".join(re.escape(p) for p in prefixes)
    return re.compile(rf"(?<![\w-])((?:{alternatives})\d{{1,3}})(?![\w-])")


def cited_files() -> list[Path]:
    files = []
    for path in ROOT.rglob("*"):
        relative = path.relative_to(ROOT)
        if path.suffix not in SUFFIXES or not path.is_file():
            continue
        if SKIPPED_DIRS.intersection(relative.parts) or path.resolve() in SKIPPED_FILES:
            continue
        files.append(path)
    return files


def undefined_in(text: str, targets, requirements, pattern) -> list[str]:
    missing = [f"{m.group(1)}{m.group(2)}" for m in TARGET.finditer(text)
               if (m.group(1), int(m.group(2))) not in targets]  # fmt: skip
    missing += [m.group(1) for m in pattern.finditer(text) if key(m.group(1)) not in requirements]
    return missing


def test_the_definitions_are_there():
    targets, requirements = defined_targets(), defined_requirements()
    assert {("P", 2), ("R", 1), ("S", 7), ("A", 4)} <= targets
    assert {("WF-", 13), ("BR-", 51), ("SC-", 4), ("F-M", 10)} <= requirements
    assert len(requirements) > 400


def test_every_cited_id_is_defined():
    targets, requirements = defined_targets(), defined_requirements()
    pattern = requirement_pattern(requirements)
    files = cited_files()
    assert len(files) > 500, "the code base was not found"
    problems = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for missing in undefined_in(line, targets, requirements, pattern):
                problems.append(f"{path.relative_to(ROOT)}:{number}: {missing}")
    assert problems == [], "cited but defined in neither docs/targets.md nor requirement-ids.md"


def test_an_undefined_id_is_found():
    targets, requirements = defined_targets(), defined_requirements()
    pattern = requirement_pattern(requirements)
    text = "See targets.md P9 and R2, WF-99, BR-51, SC-4, F-M99 and F-S11; R2_REMINDERS, Q-1."
    assert undefined_in(text, targets, requirements, pattern) == ["P9", "WF-99", "F-M99"]
