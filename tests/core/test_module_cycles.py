"""The graph inside each app, and between the apps, has no import cycles (issue #28).

Read from the source: every module of the six apps (migrations and management commands left
out). There is no cycle, at module level nor through an import inside a function: such an
import is a dependency all the same, only hidden. The usual ways out (docs/architecture.md,
"Apps and dependency direction"): a service queues a task by its name
(`core.queueing.enqueue("budget.generate_letter", …)`) instead of importing the tasks module
that imports the service; who may see a model is asked of the app's `permissions`
(`applications_visible_to(user)`), not of a model method that would import it; what two
modules both need moves below them.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP_DIRS = (
    "burgerkracht/core",
    "burgerkracht/accounts",
    "burgerkracht/meetlat",
    "initiatives",
    "budget",
    "advice",
)


def _modules() -> dict[str, Path]:
    modules = {}
    for folder in APP_DIRS:
        for path in (ROOT / folder).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts or "management" in parts:
                continue
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            modules[name] = path
    return modules


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(nodes, modules: dict[str, Path]) -> set[str]:
    found = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in modules else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name in modules}


def _graph(*, lazy: bool) -> dict[str, set[str]]:
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text())
        if lazy:
            skipped = {
                id(inner)
                for node in ast.walk(tree)
                if _is_type_checking(node)
                for inner in ast.walk(node)
            }
            nodes = [node for node in ast.walk(tree) if id(node) not in skipped]
        else:
            nodes = [node for node in tree.body if not _is_type_checking(node)]
        graph[name] = _imports(nodes, modules) - {name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[frozenset[str]] = set()
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.add(frozenset(component))
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == {frozenset("abc")}
    assert _cycles({"a": {"b"}, "b": set()}) == set()


def test_no_import_cycle_at_module_level():
    assert _cycles(_graph(lazy=False)) == set()


def test_no_import_cycle_also_through_imports_inside_functions():
    assert _cycles(_graph(lazy=True)) == set()


def test_an_import_inside_a_function_counts(tmp_path):
    tree = ast.parse("def f():\n    from budget.tasks import generate_letter_task\n")
    modules = {"budget.tasks": tmp_path}

    assert _imports(list(ast.walk(tree)), modules) == {"budget.tasks"}
    assert _imports(tree.body, modules) == set()
