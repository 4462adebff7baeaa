"""The dependency direction of docs/architecture.md: `advice` stands on core, accounts and
meetlat only, and the other domain apps do not reach into it."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        if "migrations" in path.parts or path.is_relative_to(ROOT / "burgerkracht" / "seeding"):
            continue  # the demo and scale data stand on every app by design
        names = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
        found[str(path.relative_to(ROOT))] = names
    return found


def test_advice_imports_no_other_domain_app():
    offending = {
        path: sorted(names & {"initiatives", "budget"})
        for path, names in imported_modules("advice").items()
        if names & {"initiatives", "budget"}
    }

    assert offending == {}


@pytest.mark.parametrize("package", ["initiatives", "budget", "burgerkracht"])
def test_no_other_app_imports_advice(package):
    offending = [path for path, names in imported_modules(package).items() if "advice" in names]

    assert offending == []
