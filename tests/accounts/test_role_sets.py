"""Named role sets once (issue #28): every grouping of roles a check uses is a named set in
burgerkracht/accounts/roles.py, and no other module of the product spells one out again.

An AST scan of every Python module outside tests/, the migrations and roles.py itself. It
refuses, as a list of roles written in place:
- a set, tuple or list display, or the positional arguments of a call (`has_role(…)`), with
  two or more roles in it: `Role.X` members, role values ("facilitator"), or a role member
  next to a constant spread into it (`has_role(Role.FACILITATOR, *SEE_ALL)`);
- a named set combined with roles or another named set (`OVERSEER_ROLES | {Role.READ_ONLY}`,
  `STAFF_ROLES - BODY_ROLES`): a new grouping, which gets its own name in roles.py.
One role on its own (`has_role(Role.ADMINISTRATOR)`) is not a list. What it cannot see: a
grouping assembled step by step (a loop appending roles, `Q(groups__name=…) | Q(…)`).
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from burgerkracht.accounts.roles import Role

ROOT = Path(__file__).resolve().parents[2]
ROLES_MODULE = ROOT / "burgerkracht" / "accounts" / "roles.py"
SKIPPED_DIRS = {"tests", "migrations", "node_modules", "static", "var", "__pycache__"}
ROLE_VALUES = frozenset(Role.values)


def _is_role(node: ast.AST) -> bool:
    """`Role.X` (or `roles.Role.X`) or a role's value as a string."""
    if isinstance(node, ast.Attribute) and node.attr in Role.names:
        owner = node.value
        return (isinstance(owner, ast.Name) and owner.id == "Role") or (
            isinstance(owner, ast.Attribute) and owner.attr == "Role"
        )
    return isinstance(node, ast.Constant) and node.value in ROLE_VALUES


def _constant_name(node: ast.AST) -> str:
    """`STAFF_ROLES`, `roles.STAFF_ROLES`, `EDITORS`: a module constant's name, else ""."""
    name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")
    is_constant = isinstance(node, ast.Name | ast.Attribute) and name.isupper()
    return name if is_constant else ""


def _is_role_set(node: ast.AST) -> bool:
    """A named role set: `STAFF_ROLES`, `roles.STAFF_ROLES`."""
    return _constant_name(node).endswith("_ROLES")


def _spells_roles(elements: list[ast.expr]) -> bool:
    """Two roles, or a role and a constant spread next to it (`(*EDITORS, Role.READ_ONLY)`)."""
    members = sum(_is_role(element) for element in elements)
    spread = sum(
        isinstance(element, ast.Starred) and bool(_constant_name(element.value))
        for element in elements
    )
    return members >= 2 or (members >= 1 and members + spread >= 2)


def _has_roles(node: ast.AST) -> bool:
    """A named set, or a display holding at least one role."""
    if _is_role_set(node):
        return True
    return isinstance(node, ast.Set | ast.Tuple | ast.List) and any(map(_is_role, node.elts))


def role_lists(source: str) -> list[tuple[int, str]]:
    """(line, code) of every role list spelled out in `source`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Set | ast.Tuple | ast.List):
            hit = _spells_roles(node.elts)
        elif isinstance(node, ast.Call):
            hit = _spells_roles(node.args)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr | ast.Sub | ast.BitAnd):
            hit = _has_roles(node.left) and _has_roles(node.right)
            hit = hit and (_is_role_set(node.left) or _is_role_set(node.right))
        else:
            continue
        if hit:
            found.append((node.lineno, ast.unparse(node)))
    return found


def product_modules() -> list[Path]:
    """Every Python module of the checkout but tests, migrations, roles.py and hidden folders
    (the virtualenv)."""
    found = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [s for s in subfolders if s not in SKIPPED_DIRS and not s.startswith(".")]
        found += [Path(folder) / name for name in files if name.endswith(".py")]
    return sorted(path for path in found if path != ROLES_MODULE)


def test_no_module_spells_out_a_list_of_roles():
    offending = [
        f"{path.relative_to(ROOT)}:{line}: {code}"
        for path in product_modules()
        for line, code in role_lists(path.read_text())
    ]

    assert offending == [], "name the set in burgerkracht/accounts/roles.py and import it"


def test_the_scan_covers_the_apps():
    scanned = {path.relative_to(ROOT).parts[0] for path in product_modules()}

    assert {"burgerkracht", "initiatives", "budget", "advice"} <= scanned


def test_the_scan_sees_the_sets_in_roles_py():
    """Not vacuous: the named sets themselves are what the scan would refuse elsewhere."""
    assert len(role_lists(ROLES_MODULE.read_text())) >= 5


@pytest.mark.parametrize(
    "source",
    [
        "user.has_role(Role.FACILITATOR, Role.FACILITATOR_COORDINATOR)",
        "EDITORS = (Role.ADVICE_COORDINATOR, Role.ADMINISTRATOR)",
        "x = {roles.Role.RESIDENT, roles.Role.PROFESSIONAL}",
        'User.objects.filter(groups__name__in=["facilitator", "administrator"])',
        "user.has_role(Role.FACILITATOR, *OVERSEER_ROLES)",
        "roles = (*STAFF_ROLES, Role.ASD_MEMBER)",
        "INTERNAL = (*EDITORS, Role.READ_ONLY)",
        "VIEWERS = OVERSEER_ROLES | {Role.READ_ONLY}",
        "EDITORS = STAFF_ROLES - BODY_ROLES",
    ],
)
def test_a_spelled_out_list_is_found(source):
    assert len(role_lists(source)) == 1


@pytest.mark.parametrize(
    "source",
    [
        "user.has_role(Role.ADMINISTRATOR)",
        "user.has_role(*OVERSEER_ROLES)",
        "f(*args, Role.ADMINISTRATOR)",
        "user.role_names & STAFF_ROLES",
        'select_related("facilitator", "backup_facilitator")',
        "role in STAFF_ROLES",
        "(Role.RESIDENT, _('Resident'))",
    ],
)
def test_one_role_or_a_named_set_is_not_a_list(source):
    assert role_lists(source) == []
