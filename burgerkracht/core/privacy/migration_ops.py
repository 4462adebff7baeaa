"""Operations for migrations that turn existing plain text into ciphertext and back."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import migrations

from burgerkracht.core.privacy import crypto

BATCH = 500


def _convert(apps, schema_editor, targets, convert: Callable[[str], str]) -> None:
    quote = schema_editor.quote_name
    with schema_editor.connection.cursor() as cursor:
        for app_label, model_name, fields in targets:
            model = apps.get_model(app_label, model_name)
            table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
            for field in fields:
                column = quote(model._meta.get_field(field).column)
                # Raw SQL: the model in the migration state would already encrypt and decrypt.
                cursor.execute(f"SELECT {pk}, {column} FROM {table} WHERE {column} <> ''")  # noqa: S608
                rows = cursor.fetchall()
                for start in range(0, len(rows), BATCH):
                    cursor.executemany(
                        f"UPDATE {table} SET {column} = %s WHERE {pk} = %s",  # noqa: S608
                        [(convert(value), key) for key, value in rows[start : start + BATCH]],
                    )


def encrypt_existing(targets: Iterable[tuple[str, str, list[str]]]) -> migrations.RunPython:
    """Encrypt what is stored in plain text; backwards, decrypt it again."""
    targets = list(targets)
    return migrations.RunPython(
        lambda apps, editor: _convert(apps, editor, targets, crypto.encrypt),
        lambda apps, editor: _convert(apps, editor, targets, crypto.decrypt),
    )
