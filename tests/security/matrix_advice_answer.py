"""Permission-matrix entries of the advice register: the answer pages."""

from tests.security.matrix import Entry, everyone, logged_in, only  # noqa: F401

ENTRIES: dict[str, Entry] = {}
