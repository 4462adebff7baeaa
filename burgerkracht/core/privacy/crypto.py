"""Application-level encryption of special-category free text (health, care needs).

The keys come from the environment (`FIELD_ENCRYPTION_KEYS`, comma-separated Fernet keys).
The first key encrypts; every key decrypts. Rotating is: put a new key first, run
`manage.py rotate_encryption_keys` (re-encrypts every value with the new key), then remove the
old key. Fernet (AES-128-CBC with HMAC-SHA256, from `cryptography`) authenticates every value,
so a changed or foreign value is refused instead of read.
"""

from __future__ import annotations

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class DecryptionError(Exception):
    """A stored value could not be decrypted with any configured key."""


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty: no key to encrypt with.")
    return MultiFernet([Fernet(key.encode()) for key in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        # Never include the value: it is either ciphertext or somebody's plain text.
        raise DecryptionError("a value could not be decrypted with the configured keys") from error


def rotate(token: str) -> str:
    """The same text, encrypted with the first (newest) key."""
    try:
        return fernet().rotate(token.encode()).decode()
    except InvalidToken as error:
        raise DecryptionError("a value could not be decrypted with the configured keys") from error


def key_problems(keys) -> list[str]:
    """What is wrong with a list of keys (for the system check); empty when all is well."""
    if not keys:
        return ["FIELD_ENCRYPTION_KEYS is empty."]
    problems = []
    for number, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except (ValueError, TypeError):
            problems.append(f"Key {number} of FIELD_ENCRYPTION_KEYS is not a valid Fernet key.")
    return problems


def new_key() -> str:
    return Fernet.generate_key().decode()
