"""Small files of every kind the upload checks meet: good ones, and ones that lie (S3)."""

from __future__ import annotations

import io
import zipfile

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<rect width="10" height="10" fill="#1d4f91"/></svg>'
)

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
WORD_MACRO = "application/vnd.ms-word.document.macroEnabled.main+xml"
ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"
EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def _zip(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries:
            compress = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=compress)
    return buffer.getvalue()


def _content_types(part: str, content_type: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="{part}" ContentType="{content_type}"/></Types>'
    ).encode()


def docx(main: str = WORD_MAIN, extra: list[tuple[str, bytes]] | None = None) -> bytes:
    """A minimal Word file. Word itself writes [Content_Types].xml first; many tools (and
    this one, with `extra` first) write the parts in another order."""
    entries = [
        ("[Content_Types].xml", _content_types("/word/document.xml", main)),
        ("_rels/.rels", b"<Relationships/>"),
        ("word/document.xml", b"<w:document/>"),
    ]
    return _zip((extra or []) + entries)


def xlsx() -> bytes:
    """A real workbook, written by openpyxl (installed with tablib[xlsx])."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "Begroting"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odt(mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    return _zip([
        ("mimetype", mimetype.encode()),
        ("META-INF/manifest.xml", b"<manifest:manifest/>"),
        ("content.xml", b"<office:document-content/>"),
    ])  # fmt: skip


def plain_zip() -> bytes:
    return _zip([("readme.txt", b"just a zip")])


def photo_with_exif(width: int = 640, height: int = 480) -> bytes:
    """A real JPEG with a camera model and a GPS position in its EXIF (for the previews)."""
    from PIL import Image

    image = Image.new("RGB", (width, height), (31, 78, 121))
    exif = Image.Exif()
    exif[0x0110] = "Camera van de bewoner"  # Model
    exif[0x8825] = {1: "N", 2: (52.0, 5.0, 0.0)}  # GPSInfo
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def pdf_pages(count: int = 2) -> bytes:
    """A real PDF of `count` pages (drawn by Pillow), for the previews."""
    from PIL import Image

    pages = [Image.new("RGB", (595, 842), (255, 255, 255)) for _ in range(count)]
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:])
    return buffer.getvalue()
