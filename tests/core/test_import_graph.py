"""The dependency direction of docs/architecture.md, read from the source (issue #28).

`core` <- `accounts` <- `meetlat` <- `initiatives` <- `budget`; `advice` stands on `core`,
`accounts` and `meetlat` only. Every import of every module of the six apps counts, also one
inside a function (it is a dependency all the same), and so does a model field that points at
another app's model by name (`ForeignKey("budget.Application")`): the migrations then depend
on that app. The seeding (burgerkracht/seeding/: demo and scale data) stands on every app by
design and is left out, also where core's commands seed_demo and seed_scale import it; the
project modules (settings, urls, celery, checks) are no app either.

Where the code goes against the direction, the place would be named in KNOWN with its
reason, so that it shows instead of hiding; a fixed one must leave the list. It is empty:
the last ones, core.PostItem's keys to an initiative and an application, became the apps'
own links to the letter (initiatives.InitiativePostItem, budget.ApplicationPostItem), so any
breach fails.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = {
    "burgerkracht/core": "core",
    "burgerkracht/accounts": "accounts",
    "burgerkracht/meetlat": "meetlat",
    "initiatives": "initiatives",
    "budget": "budget",
    "advice": "advice",
}
# What each app may stand on (docs/architecture.md, "Apps and dependency direction").
MAY_USE = {
    "core": set(),
    "accounts": {"core"},
    "meetlat": {"core", "accounts"},
    "initiatives": {"core", "accounts", "meetlat"},
    "budget": {"core", "accounts", "meetlat", "initiatives"},
    "advice": {"core", "accounts", "meetlat"},
}
MODEL_FIELDS = {"ForeignKey", "OneToOneField", "ManyToManyField"}

# Against the direction, accepted: where, and why (docs/architecture.md, "Apps and dependency
# direction"). Nothing may be added here without its reason there.
KNOWN: dict[str, str] = {}


def app_of(module: str) -> str | None:
    """The app a dotted module name (or an app label) belongs to, None outside the six."""
    parts = module.split(".")
    if parts[0] == "burgerkracht":
        return parts[1] if len(parts) > 1 and parts[1] in {"core", "accounts", "meetlat"} else None
    return parts[0] if parts[0] in {"core", "accounts", "meetlat", *MAY_USE} else None


def sources() -> Iterator[tuple[str, str, ast.AST]]:
    """(app, path, tree) of every module of the six apps, migrations included."""
    for folder, app in APPS.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            yield app, relative, ast.parse(path.read_text(), filename=relative)


def references(tree: ast.AST, *, fields: bool = True) -> Iterator[tuple[str, str]]:
    """(kind, name): every module imported, and (`fields`) every model a field points at by
    name. The migrations repeat the models' fields, so their fields are not counted twice."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield "import", alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "burgerkracht":  # from burgerkracht import accounts
                for alias in node.names:
                    yield "import", f"burgerkracht.{alias.name}"
            else:
                yield "import", node.module
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            target = node.args[0] if node.args else None
            target = next((k.value for k in node.keywords if k.arg == "to"), target)
            if (
                fields
                and name in MODEL_FIELDS
                and isinstance(target, ast.Constant)
                and isinstance(target.value, str)
                and "." in target.value
            ):
                yield "model field ->", target.value


def edges() -> dict[str, tuple[str, str]]:
    """ "path: kind name" -> (from app, to app), for every reference to another of the six."""
    found = {}
    for app, path, tree in sources():
        for kind, name in references(tree, fields="/migrations/" not in path):
            other = app_of(name)
            if other is not None and other != app:
                found[f"{path}: {kind} {name}"] = (app, other)
    return found


def test_core_imports_nothing_of_accounts():
    offending = [
        place for place, (app, other) in edges().items() if app == "core" and other == "accounts"
    ]

    assert offending == [], "ask the user (settings.AUTH_USER_MODEL) or register through hooks"


def test_every_reference_follows_the_dependency_direction():
    against = sorted(place for place, (app, other) in edges().items() if other not in MAY_USE[app])

    assert against == sorted(KNOWN)


def test_the_app_graph_has_no_cycle_but_through_the_known_places():
    graph: dict[str, set[str]] = {app: set() for app in MAY_USE}
    for place, (app, other) in edges().items():
        if place not in KNOWN:
            graph[app].add(other)

    def cycle_from(start: str, path: list[str]) -> list[str] | None:
        for other in sorted(graph[path[-1]]):
            if other == start:
                return [*path, start]
            if other not in path:
                found = cycle_from(start, [*path, other])
                if found:
                    return found
        return None

    cycles = [cycle for app in graph if (cycle := cycle_from(app, [app]))]
    assert cycles == []


# Migrations whose `dependencies` name an app against the direction. The model fields above do
# not see these: a migration that moved a key to the app that owns it would keep its dependency.
# Empty: the last two (initiatives 0006 and 0010, the notes' old key to budget.Application)
# were taken out of the history (decision 0040), so any such dependency fails.
KNOWN_MIGRATION_DEPENDENCIES: dict[str, str] = {}


def migration_dependencies() -> Iterator[tuple[str, str, str]]:
    """(app, path, other app) of every `("label", "name")` in a migration's dependencies."""
    for app, path, tree in sources():
        if "/migrations/" not in path:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and any(
                getattr(target, "id", "") == "dependencies" for target in node.targets
            ):
                for item in getattr(node.value, "elts", []):
                    if isinstance(item, ast.Tuple) and isinstance(item.elts[0], ast.Constant):
                        yield app, path, item.elts[0].value


def test_core_migrations_depend_on_no_domain_app():
    """Core's migrations stand on none of the other apps (the user model is a swappable
    dependency, not a name here); checked before the rule below, as its own promise."""
    others = {other for app, _path, other in migration_dependencies() if app == "core"}

    assert others & set(MAY_USE) == {"core"}


def test_every_migration_dependency_follows_the_direction_but_the_known_ones():
    against = {
        f"{path} -> {other}"
        for app, path, other in migration_dependencies()
        if other in MAY_USE and other != app and other not in MAY_USE[app]
    }

    assert against == set(KNOWN_MIGRATION_DEPENDENCIES)


def test_the_scan_sees_an_import_inside_a_function_and_a_model_field():
    tree = ast.parse(
        "def f():\n    from burgerkracht.accounts.roles import Role\n"
        "x = models.ForeignKey('budget.Application', on_delete=None)\n"
        "from burgerkracht import accounts\n"
    )
    assert sorted(references(tree)) == [
        ("import", "burgerkracht.accounts"),
        ("import", "burgerkracht.accounts.roles"),
        ("model field ->", "budget.Application"),
    ]
    assert app_of("burgerkracht.seeding.demo.core") is None
    assert app_of("budget.models") == "budget"
    assert app_of("core.Neighbourhood") == "core"
