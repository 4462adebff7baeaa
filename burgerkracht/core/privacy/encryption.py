"""Which fields are encrypted, and re-encrypting them with the newest key."""

from __future__ import annotations

from django.apps import apps
from django.db import transaction

from burgerkracht.core.privacy import crypto
from burgerkracht.core.privacy.fields import EncryptedTextField

BATCH = 500


def encrypted_fields() -> dict[type, list[str]]:
    """Every model (historical models included) with its encrypted fields."""
    found: dict[type, list[str]] = {}
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if names:
            found[model] = names
    return found


def rotate_all() -> dict[str, int]:
    """Re-encrypt every stored value with the first key; returns the count per model.

    Works on the ciphertext itself (Fernet's rotate), so the plain text never leaves this
    function and a value that no key can read stops the rotation with an error instead of
    being overwritten."""
    counts: dict[str, int] = {}
    for model, names in encrypted_fields().items():
        table = model._meta.db_table
        pk = model._meta.pk.column
        columns = [model._meta.get_field(name).column for name in names]
        counts[model._meta.label] = _rotate_table(table, pk, columns)
    return counts


def _rotate_table(table: str, pk: str, columns: list[str]) -> int:
    from django.db import connection

    quote = connection.ops.quote_name
    count = 0
    for column in columns:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote(pk)}, {quote(column)} FROM {quote(table)} "  # noqa: S608
                f"WHERE {quote(column)} <> '' FOR UPDATE"
            )
            rows = cursor.fetchall()
            for start in range(0, len(rows), BATCH):
                cursor.executemany(
                    f"UPDATE {quote(table)} SET {quote(column)} = %s "  # noqa: S608
                    f"WHERE {quote(pk)} = %s",
                    [(crypto.rotate(value), key) for key, value in rows[start : start + BATCH]],
                )
            count += len(rows)
    return count
