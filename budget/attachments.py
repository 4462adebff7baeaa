"""What a resident may attach to an application: a few file types, checked by their content
(not only their name), and clear limits on size and number."""

from __future__ import annotations

from dataclasses import dataclass

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 10


@dataclass(frozen=True)
class Kind:
    extensions: tuple[str, ...]
    content_type: str
    magic: bytes


KINDS = (
    Kind(("pdf",), "application/pdf", b"%PDF-"),
    Kind(("jpg", "jpeg"), "image/jpeg", b"\xff\xd8\xff"),
    Kind(("png",), "image/png", b"\x89PNG\r\n\x1a\n"),
    Kind(
        ("docx",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    Kind(
        ("xlsx",),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        b"PK\x03\x04",
    ),
    Kind(("odt",), "application/vnd.oasis.opendocument.text", b"PK\x03\x04"),
)
EXTENSIONS = tuple(ext for kind in KINDS for ext in kind.extensions)


def identify(name: str, head: bytes) -> Kind | None:
    """The kind of file, when its name and its first bytes agree; otherwise None."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    for kind in KINDS:
        if extension in kind.extensions and head.startswith(kind.magic):
            return kind
    return None


def clean_name(name: str) -> str:
    """Keep a readable name without path parts or control characters."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*').strip()
    return name[-200:] or "bijlage"
