"""Reference numbers residents and officials quote on the phone, in e-mails and in letters.

A reference is derived, never stored: a prefix per kind of dossier, the year the dossier was
made and its primary key (``BI-2026-00042`` for an initiative, ``SS-2026-00042`` for a Samen
Sterk application). The key makes it unique and stable; the year helps a person read it.
`parse_reference` turns what someone typed back into the kind and the key, so a search field
can find the dossier by it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

INITIATIVE = "BI"
APPLICATION = "SS"
PREFIXES = (INITIATIVE, APPLICATION)

_PATTERN = re.compile(
    r"^\s*(?P<prefix>[A-Za-z]{2})\s*-?\s*(?:(?P<year>\d{4})\s*-\s*)?(?P<pk>\d{1,12})\s*$"
)


@dataclass(frozen=True)
class Reference:
    prefix: str
    pk: int


def reference(prefix: str, obj) -> str:
    """The reference of a saved object with `created_at`."""
    return f"{prefix}-{obj.created_at.year}-{obj.pk:05d}"


def parse_reference(text: str) -> Reference | None:
    """`Reference` for ``SS-2026-00042``, ``ss 2026-42`` or ``SS-42``; None otherwise."""
    match = _PATTERN.match(text or "")
    if not match or match["prefix"].upper() not in PREFIXES:
        return None
    return Reference(prefix=match["prefix"].upper(), pk=int(match["pk"]))
