"""Every code name docs/glossary.md gives exists where the glossary says it is.

The convention (stated at the top of the glossary): in a table row, the backticked names of
the "Where" column are modules (dotted; `burgerkracht.` may be left off) and each backticked
name of the "English (code)" column is either `Name` / `Name.attribute`, found in one of the
row's modules, `app:name`, a URL name that reverses, or `/path/`, a URL that resolves.
"""

import importlib
import re
from pathlib import Path
from types import ModuleType

import pytest
from django.urls import Resolver404, resolve, reverse

GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "glossary.md"
BACKTICKED = re.compile(r"`([^`]+)`")
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")


def rows(text: str) -> list[tuple[int, str, list[str], list[str]]]:
    """(line number, Dutch, code names, modules) for each table row below the header."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) != 3:
            continue
        if cells[0] == "Dutch (UI)" or set(cells[0]) <= {"-"}:
            continue
        found.append((number, cells[0], BACKTICKED.findall(cells[1]), BACKTICKED.findall(cells[2])))
    return found


def import_module(dotted: str) -> ModuleType:
    for candidate in (dotted, f"burgerkracht.{dotted}"):
        try:
            return importlib.import_module(candidate)
        except ModuleNotFoundError as error:
            if not (error.name and candidate.startswith(error.name)):
                raise  # the module exists but imports something missing: a real error
    raise LookupError(f"no module {dotted!r}")


def problem(name: str, modules: list[ModuleType]) -> str | None:
    """Why `name` does not exist (None when it does)."""
    if name.startswith("/"):
        try:
            resolve(name)
        except Resolver404:
            return f"URL {name} does not resolve"
        return None
    if ":" in name:
        try:
            reverse(name)
        except Exception as error:  # NoReverseMatch, or a URL that needs arguments
            return f"URL name {name} does not reverse ({error.__class__.__name__})"
        return None
    if not IDENTIFIER.fullmatch(name):
        return f"{name!r} is neither an identifier, a URL name nor a path"
    head, *rest = name.split(".")
    for module in modules:
        if not hasattr(module, head):
            continue
        obj = getattr(module, head)
        for part in rest:
            if not hasattr(obj, part):
                return f"{name}: {head} in {module.__name__} has no {part!r}"
            obj = getattr(obj, part)
        return None
    return f"{name} is not in {', '.join(m.__name__ for m in modules) or 'any module'}"


def glossary_problems(text: str) -> list[str]:
    problems = []
    for number, dutch, names, where in rows(text):
        modules = []
        for dotted in where:
            try:
                modules.append(import_module(dotted))
            except LookupError as error:
                problems.append(f"line {number} ({dutch}): {error}")
        for name in names:
            reason = problem(name, modules)
            if reason:
                problems.append(f"line {number} ({dutch}): {reason}")
    return problems


def test_every_code_name_in_the_glossary_exists():
    text = GLOSSARY.read_text(encoding="utf-8")
    table = rows(text)
    assert len(table) >= 50, "the glossary table was not found or not parsed"
    assert sum(len(names) for _, _, names, _ in table) >= 80
    assert glossary_problems(text) == []


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "| aanvraag | grant application (`GrantApplication`) | `budget.models` |",
            "GrantApplication is not in budget.models",
        ),
        (
            "| tussentijdse evaluatie | (`Evaluation.nonsense`) | `budget.models` |",
            "has no 'nonsense'",
        ),
        ("| advies | (`Advice`) | `advice.nowhere` |", "no module 'advice.nowhere'"),
        ("| mijn | (`core:nowhere`) | `core.views` |", "does not reverse"),
        ("| mijn | (`/nergens-hier/`) | `core.views` |", "does not resolve"),
    ],
)
def test_a_name_that_does_not_exist_is_reported(row, expected):
    text = "| Dutch (UI) | English (code) | Where |\n|---|---|---|\n" + row + "\n"
    problems = glossary_problems(text)
    assert problems
    assert expected in problems[0]
