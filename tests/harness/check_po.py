"""Fail when a message is missing from locale/nl or left untranslated or fuzzy."""

import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"

subprocess.run(
    [
        sys.executable,
        "manage.py",
        "makemessages",
        "-l",
        "nl",
        "--no-obsolete",
        "--ignore=.venv/*",
        "--ignore=var/*",
        "--ignore=tests/*",
        "--ignore=static/vendor/*",
    ],
    cwd=ROOT,
    check=True,
    capture_output=True,
)
po = polib.pofile(str(PO))
problems = [e for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
for entry in problems:
    print(
        f"untranslated: {entry.msgid!r} ({entry.occurrences[0][0] if entry.occurrences else '?'})"
    )
print(f"locale/nl: {len(po.translated_entries())} translated, {len(problems)} missing or fuzzy")
subprocess.run(
    [sys.executable, "manage.py", "compilemessages", "-l", "nl", "--ignore=.venv/*"],
    cwd=ROOT,
    check=True,
    capture_output=True,
)
sys.exit(1 if problems else 0)
