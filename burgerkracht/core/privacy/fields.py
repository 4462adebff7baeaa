"""Model fields of our own."""

from __future__ import annotations

from django.db import models
from django.db.models.lookups import Exact, IsNull

from burgerkracht.core.privacy import crypto


class EncryptedTextField(models.TextField):
    """Free text encrypted at rest with `core.privacy.crypto`: the database, its backups and its
    logs hold only ciphertext. An empty text stays empty, so "was anything written?" can still be
    asked in SQL (`field=""`); the content itself cannot be searched, sorted or compared."""

    description = "Text, encrypted in the database"

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(value)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_lookup(self, lookup_name):
        # Only "is it empty?" questions make sense on ciphertext.
        return {"exact": EmptyOnlyExact, "isnull": IsNull}.get(lookup_name)

    def get_transform(self, name):
        return None


class EmptyOnlyExact(Exact):
    def get_prep_lookup(self):
        if self.rhs not in ("", None):
            raise ValueError("An encrypted field can only be compared with the empty text.")
        return super().get_prep_lookup()
