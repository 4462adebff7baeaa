"""The demo data (`manage.py seed_demo`) for tests that read it, seeded once per process.

`seed_demo()` leaves the database as `call_command("seed_demo", quiet_logins=True)` with DEBUG
on leaves it. The first call in a process (an xdist worker) runs the command and copies the
rows it added (`COPY … TO`, every table, compared with the table before); a later call on
the same database state puts those rows back (`COPY … FROM`) and moves each table's id
sequence past them, in the caller's transaction (a test's savepoint or a module's outer
transaction, tests/module_data.py), so the rollback removes them as it removes a real run's.

The copy is used only where a real run would start from the same place: the same rows in
every table as before the copied run (compared in full), the same day (the demo's dates are
relative to today), the same MEDIA_ROOT with the files the run wrote (the logo, letters)
still there. Anywhere else the command runs. Tests whose subject is seed_demo itself
(tests/core/test_seed_demo.py, test_make_run.py) call the command, not this.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone


@dataclass(frozen=True)
class _Copy:
    rows: dict[str, bytes]  # table → the COPY text of the rows seed_demo added
    columns: dict[str, str]  # table → its column list, as COPY wrote them
    maxima: list[tuple[str, str, str]]  # (sequence, table, column) of the tables with rows
    files: dict[str, int]  # the files seed_demo wrote under MEDIA_ROOT → their sizes


_COPIES: dict[tuple[str, str, str, str], _Copy] = {}
# How many times the command ran and how many times its rows were put back (in this process).
runs = {"seeded": 0, "copied": 0}


def seed_demo() -> None:
    """The demo data, as `seed_demo --quiet-logins` makes it (see the module's docstring)."""
    from burgerkracht.core.models import Municipality

    tables = _tables()
    before = _contents(tables)
    key = (
        connection.settings_dict["NAME"],
        timezone.localdate().isoformat(),
        str(settings.MEDIA_ROOT),
        _digest(before),
    )
    copy = _COPIES.get(key)
    if copy is not None and _files_there(copy.files):
        _put_back(copy)
        Municipality.forget_current()
        runs["copied"] += 1
        return
    files_before = _files()
    with override_settings(DEBUG=True):  # seed_demo refuses without it (known passwords)
        call_command("seed_demo", quiet_logins=True)
    runs["seeded"] += 1
    after = _contents(tables)
    added: dict[str, bytes] = {}
    for table, text in after.items():
        old = set(before[table].splitlines(keepends=True))
        lines = text.splitlines(keepends=True)
        if not old.issubset(lines):
            return  # the command changed or removed rows that were there: no copy
        new = [line for line in lines if line not in old]
        if new:
            added[table] = b"".join(new)
    files = {name: size for name, size in _files().items() if files_before.get(name) != size}
    _COPIES[key] = _Copy(
        rows=added,
        columns={table: _column_list(table) for table in added},
        maxima=[entry for entry in _sequences() if entry[1] in added],
        files=files,
    )


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY c.relname"
        )
        return [name for (name,) in cursor.fetchall()]


def _column_list(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0"
            " AND NOT attisdropped AND attgenerated = '' ORDER BY attnum",
            [connection.ops.quote_name(table)],
        )
        return ", ".join(connection.ops.quote_name(name) for (name,) in cursor.fetchall())


def _contents(tables: list[str]) -> dict[str, bytes]:
    """Every table's rows as COPY text, in the order the table holds them."""
    contents = {}
    with connection.cursor() as cursor:
        for table in tables:
            out = io.BytesIO()
            columns = _column_list(table)
            statement = f"COPY {connection.ops.quote_name(table)} ({columns}) TO STDOUT"
            with cursor.cursor.copy(statement) as copy:
                for block in copy:
                    out.write(block)
            contents[table] = out.getvalue()
    return contents


def _digest(contents: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for table, text in contents.items():
        digest.update(table.encode() + b"\0" + hashlib.sha256(text).digest())
    return digest.hexdigest()


def _sequences() -> list[tuple[str, str, str]]:
    """(sequence, table, column) of every serial or identity column."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.relname, t.relname, a.attname FROM pg_depend d"
            " JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'"
            " JOIN pg_class t ON t.oid = d.refobjid"
            " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid"
            " JOIN pg_namespace n ON n.oid = t.relnamespace"
            " WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass"
            " AND d.deptype IN ('a', 'i') AND n.nspname = current_schema()"
        )
        return list(cursor.fetchall())


def _put_back(copy: _Copy) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, text in copy.rows.items():
            statement = f"COPY {quote(table)} ({copy.columns[table]}) FROM STDIN"
            with cursor.cursor.copy(statement) as writer:
                writer.write(text)
        # A sequence never goes back (a later insert must not meet these ids): past the
        # largest id put back, or where it is if that is further.
        for sequence, table, column in copy.maxima:
            cursor.execute(
                f"SELECT setval(%s, GREATEST((SELECT last_value FROM {quote(sequence)}),"  # noqa: S608 (names from pg_catalog)
                f" (SELECT MAX({quote(column)}) FROM {quote(table)})))",
                [quote(sequence)],
            )


def _files() -> dict[str, int]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return {}
    return {
        str(path.relative_to(root)): path.stat().st_size
        for path in root.rglob("*")
        if path.is_file()
    }


def _files_there(files: dict[str, int]) -> bool:
    root = Path(settings.MEDIA_ROOT)
    return all(
        (root / name).is_file() and (root / name).stat().st_size == size
        for name, size in files.items()
    )
