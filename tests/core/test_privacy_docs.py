"""docs/privacy.md names exactly the fields the code encrypts."""

import re
from pathlib import Path

from burgerkracht.core.privacy.encryption import encrypted_fields

DOC = Path(__file__).resolve().parents[2] / "docs" / "privacy.md"


def documented() -> set[tuple[str, str]]:
    section = DOC.read_text().split("## (d) Encrypted fields", 1)[1]
    rows = re.findall(r"^\| ([\w.]+) \| (\w+) \|", section, flags=re.MULTILINE)
    return {row for row in rows if row[0] != "Model"}


def test_the_privacy_document_lists_exactly_the_encrypted_fields():
    in_code = {
        (model._meta.label, name)
        for model, names in encrypted_fields().items()
        if not model._meta.label.split(".")[1].startswith("Historical")
        for name in names
    }
    assert len(in_code) == 15
    assert documented() == in_code
