"""Uploaded files: what is accepted where, checked by content, named safely, scanned, and
served privately. docs/uploads.md describes the rules for administrators.

Every upload form uses `SafeFileField(policy=...)`. A file passes when
- it is not empty and not larger than the policy's limit (settings.UPLOAD_MAX_BYTES);
- its content is one of the policy's kinds (`filetype` reads the first bytes; zip-based
  office files are opened and their manifest read, because filetype only guesses from the
  order of the first zip entries); the client's content type is never used;
- its name's extension agrees with that content;
- an SVG (logo only) is drawn as a PNG by CairoSVG (safe mode) and kept as that PNG, so
  whatever script or references it held never reach a browser;
- the virus scanner, when CLAMD_URL is set, says it is clean. A scanner that is set but
  cannot answer refuses the file (fail closed) and logs a warning without the file name.

The name is cleaned (`clean_name`) before it is stored or shown. Files are stored under
``private/`` upload paths that no URL serves; `private_file_response` sends them from a view
that has checked the permission.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO

import cairosvg
import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.http import FileResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.files import clamd

logger = logging.getLogger(__name__)

MB = 1024 * 1024
MAX_NAME_LENGTH = 100
HEAD_BYTES = 8192


@dataclass(frozen=True)
class Kind:
    label: str
    extensions: tuple[str, ...]
    mime: str


PDF = Kind("PDF", ("pdf",), "application/pdf")
JPEG = Kind("JPG", ("jpg", "jpeg"), "image/jpeg")
PNG = Kind("PNG", ("png",), "image/png")
DOCX = Kind(
    "Word (docx)",
    ("docx",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
XLSX = Kind(
    "Excel (xlsx)", ("xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)
ODT = Kind("ODT", ("odt",), "application/vnd.oasis.opendocument.text")
SVG = Kind("SVG", ("svg",), "image/svg+xml")

# Kinds whose filetype signature is enough: a fixed magic number at the start.
BY_SIGNATURE = {kind.mime: kind for kind in (PDF, JPEG, PNG)} | {"image/apng": PNG}
# The main part's content type in [Content_Types].xml; macro-enabled variants differ.
OOXML_MAIN = {
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
ODF = {ODT.mime.encode(): ODT}


@dataclass(frozen=True)
class Policy:
    """What one kind of upload accepts; `wrong_kind` names the kinds for the person."""

    kinds: tuple[Kind, ...]
    wrong_kind: str | Promise
    max_bytes: int | None = None

    @property
    def limit(self) -> int:
        configured = settings.UPLOAD_MAX_BYTES
        return min(self.max_bytes, configured) if self.max_bytes else configured

    @property
    def accept(self) -> str:
        """For the file input's `accept` attribute: a hint to the browser, never a check."""
        return ",".join(f".{ext}" for kind in self.kinds for ext in kind.extensions)


# An application's files, and the receipts and photos of the accountability afterwards.
ATTACHMENTS = Policy(
    (PDF, JPEG, PNG, DOCX, XLSX, ODT),
    _("This kind of file cannot be added. Use PDF, JPG, PNG, Word (docx), Excel (xlsx) or ODT."),
)
# Policy documents of a request for advice, and the advice itself.
DOCUMENTS = Policy(
    (PDF, DOCX, ODT),
    _("This kind of file cannot be added. Use PDF, Word (docx) or OpenDocument (odt)."),
)
# The municipality's logo (admin). An SVG is kept as the PNG it draws (see rasterise_svg).
LOGO = Policy((PNG, SVG), _("This kind of file cannot be added. Use PNG or SVG."), max_bytes=MB)


# --- names ---------------------------------------------------------------------------------

_FORBIDDEN = set('<>:"|?*/\\')


def clean_name(name: str, default: str = "bestand") -> str:
    """A readable file name without path parts, control or invisible characters or ``..``.

    Drops everything up to the last / or \\, control characters (NUL included) and format
    characters such as the right-to-left override that can make ``gpj.exe`` look like
    ``exe.jpg``. Leading dots go (no hidden files, no ``..``) and runs of dots become one.
    Long names are shortened in the middle of the stem so the extension stays.
    """
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(
        " " if ch.isspace() else ch
        for ch in name
        if ch not in _FORBIDDEN and unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )
    name = re.sub(r"\.{2,}", ".", re.sub(r"\s+", " ", name)).strip(" ")
    hidden = name.startswith(".")  # ".pdf" is a PDF without a stem
    name = name.strip(" .")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = ("", name) if hidden else (name, "")
    extension = extension[:10]
    stem = stem.strip(" .") or default
    room = MAX_NAME_LENGTH - len(extension) - 1
    if len(stem) > room:
        stem = stem[: room // 2].rstrip() + "…" + stem[-(room - room // 2 - 1) :].lstrip()
    return f"{stem}.{extension}" if extension else stem


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def content_type_for(name: str) -> str:
    """The content type of a stored file by its (checked) extension, for downloads."""
    extension = extension_of(name)
    for kind in (PDF, JPEG, PNG, DOCX, XLSX, ODT, SVG):
        if extension in kind.extensions:
            return kind.mime
    return "application/octet-stream"


# --- content -------------------------------------------------------------------------------


def detect(upload: IO[bytes], policy: Policy) -> Kind | None:
    """The kind of file by its content alone, or None when it is none we accept."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(upload)
    guess = filetype.guess(head)
    if guess is not None:
        return BY_SIGNATURE.get(guess.mime)
    if SVG in policy.kinds and _looks_like_svg(head):
        return SVG
    return None


def _office_kind(upload: IO[bytes]) -> Kind | None:
    """Open the zip and read its manifest; a generic zip, or one with macros, is None."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return None
            if "mimetype" in names:
                return ODF.get(_read_small(archive, "mimetype").strip())
            if "[Content_Types].xml" in names:
                manifest = _read_small(archive, "[Content_Types].xml")
                found = {kind for main, kind in OOXML_MAIN.items() if main in manifest}
                return found.pop() if len(found) == 1 else None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        upload.seek(0)
    return None


def _read_small(archive: zipfile.ZipFile, name: str, limit: int = MB) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > limit:  # never inflate a zip bomb
        return b""
    with archive.open(info) as member:
        return member.read(limit)


def _looks_like_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in text


# The height in pixels an SVG logo is drawn at: sharp in the header and on letters.
LOGO_PIXELS = 400


def rasterise_svg(data: bytes) -> bytes:
    """The SVG drawn as a PNG by CairoSVG in its safe mode (no entities, no external files:
    only data: URLs are read). A PNG carries no script, handlers or references, whatever the
    SVG held, so nothing of it can run where the logo is shown. ValueError when it cannot be
    drawn."""
    try:
        png = cairosvg.svg2png(bytestring=data, output_height=LOGO_PIXELS, unsafe=False)
    except Exception as error:  # CairoSVG raises parser, cairo and value errors alike
        raise ValueError("SVG cannot be drawn") from error
    if not png or not png.startswith(b"\x89PNG"):
        raise ValueError("SVG cannot be drawn")
    return png


# --- virus scan ----------------------------------------------------------------------------


def scan(upload: IO[bytes]) -> None:
    """Ask clamd (when CLAMD_URL is set) and refuse a virus; refuse too when it cannot say."""
    url = settings.CLAMD_URL
    if not url:
        return
    upload.seek(0)
    try:
        verdict = clamd.scan_stream(url, upload, timeout=settings.CLAMD_TIMEOUT)
    except clamd.ScannerUnavailable as error:
        logger.warning("Upload refused: the virus scanner gave no answer (%s).", error)
        raise ValidationError(
            _("We could not check this file for viruses just now. Please try again later."),
            code="scanner_unavailable",
        ) from error
    finally:
        upload.seek(0)
    if not verdict.clean:
        logger.warning("Upload refused: the virus scanner found %s.", verdict.signature)
        raise ValidationError(
            _("This file contains a virus or other harmful content. It was not added."),
            code="virus",
        )


# --- the check -----------------------------------------------------------------------------


def size_text(size: int) -> str:
    return f"{size // MB} MB" if size % MB == 0 else f"{size // 1024} KB"


def check_upload(upload: UploadedFile, policy: Policy) -> Kind:
    """Check an uploaded file against `policy`; raise ValidationError with a message for the
    person, or return its kind. The upload's name becomes the cleaned name and its content
    type the detected one. A file checked once against a policy is not scanned again (the
    form field checks it, the service that stores it asks again)."""
    checked = getattr(upload, "_upload_check", None)
    if checked and checked[0] is policy:
        return checked[1]
    if not upload.size:
        raise ValidationError(_("This file is empty."), code="empty")
    if upload.size > policy.limit:
        raise ValidationError(
            _("This file is too large: at most %(size)s."),
            code="too_large",
            params={"size": size_text(policy.limit)},
        )
    name = clean_name(upload.name or "")
    kind = detect(upload, policy)
    if kind is None or kind not in policy.kinds:
        raise ValidationError(policy.wrong_kind, code="wrong_kind")
    if extension_of(name) not in kind.extensions:
        raise ValidationError(
            _("The name of this file does not match its content: it is a %(kind)s file."),
            code="name_mismatch",
            params={"kind": kind.label},
        )
    upload.seek(0)
    scan(upload)
    upload.name, upload.content_type = name, kind.mime
    upload._upload_check = (policy, kind)
    return kind


class SafeFileField(forms.FileField):
    """A file field that runs `check_upload`; its errors show next to the field."""

    def __init__(self, *args, policy: Policy, **kwargs):
        self.policy = policy
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", policy.accept)

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile) and check_upload(value, self.policy) is SVG:
            return _as_png(value)
        return value


def _as_png(upload: UploadedFile) -> UploadedFile:
    """An SVG upload (the logo) is kept as the PNG it draws (see rasterise_svg)."""
    try:
        png = rasterise_svg(upload.read())
    except ValueError:
        raise ValidationError(
            _("This SVG cannot be read. Save it again as a plain SVG, or use a PNG."),
            code="unreadable_svg",
        ) from None
    stem = upload.name.rsplit(".", 1)[0]
    return SimpleUploadedFile(f"{stem}.png", png, PNG.mime)


def safe_file_field(policy: Policy):
    """A form_class for ModelAdmin.formfield_for_dbfield (which passes only keywords)."""
    return functools.partial(SafeFileField, policy=policy)


# --- serving -------------------------------------------------------------------------------


def private_file_response(file, *, filename: str, content_type: str | None = None):
    """A stored private file as a download. Call it only after the permission check.

    Always ``Content-Disposition: attachment`` with a cleaned name (older rows may predate
    the cleaning), nosniff, and no caching by shared caches.
    """
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=clean_name(filename),
        content_type=content_type or "application/octet-stream",
    )  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
