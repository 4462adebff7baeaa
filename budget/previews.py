"""Small previews of the files attached to an application: a thumbnail of an image, or of
the first page of a PDF, and a line such as "PDF, 2 pagina's, 340 kB".

Made on the server when the file is stored (after its type check and virus scan, so never
of a file that was refused), as a new PNG: no EXIF or other metadata of the original is
copied. Stored beside the file as `<file>.preview.png` and served only through the
permission-checked view `budget:attachment-preview` (docs/uploads.md, "Previews").
A file that cannot be previewed (another kind, a broken PDF or image) simply has none; the
page shows a neutral icon instead. Making one never raises.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, ImageOps

from burgerkracht.core.files import uploads

logger = logging.getLogger(__name__)

SIZE = 240  # the longest side of a preview, in pixels (shown at half that on the page)
MAX_PIXELS = 40_000_000  # larger images are not decoded for a preview
IMAGES = {uploads.JPEG.mime: "JPEG", uploads.PNG.mime: "PNG"}
LABELS = {kind.mime: kind.label for kind in uploads.ATTACHMENTS.kinds}


@dataclass(frozen=True)
class Preview:
    png: bytes
    pages: int | None = None


def _png(image: Image.Image) -> bytes:
    image.thumbnail((SIZE, SIZE))
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    out = io.BytesIO()
    # A fresh PNG: Pillow writes no EXIF, XMP or text chunks unless asked to.
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _of_image(data: bytes, kind: str) -> Preview:
    with Image.open(io.BytesIO(data), formats=[kind]) as image:
        if image.width * image.height > MAX_PIXELS:
            raise ValueError("image too large to preview")
        image.draft("RGB", (SIZE * 2, SIZE * 2))  # JPEG: decode at a smaller scale
        # Turn it the way the camera meant, then forget the EXIF (location, device).
        return Preview(_png(ImageOps.exif_transpose(image)))


def _of_pdf(data: bytes) -> Preview:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        pages = len(document)
        if pages < 1:
            raise ValueError("PDF without pages")
        page = document[0]
        width, height = page.get_size()
        scale = SIZE / max(width, height, 1)
        bitmap = page.render(scale=scale)
        image = bitmap.to_pil()
        png = _png(image)
        page.close()
        return Preview(png, pages)
    finally:
        document.close()


def make(data: bytes, content_type: str) -> Preview | None:
    """The preview of a file's content, or None when there is none to make."""
    try:
        if content_type in IMAGES:
            return _of_image(data, IMAGES[content_type])
        if content_type == uploads.PDF.mime:
            return _of_pdf(data)
    except Exception as error:
        # Never the file's name or content: only why.
        logger.info("No preview made: %s", type(error).__name__)
    return None


def attach_preview(attachment) -> None:
    """Make and store the preview of a just-stored attachment (before it is saved)."""
    with attachment.file.storage.open(attachment.file.name, "rb") as stored:
        data = stored.read()
    preview = make(data, attachment.content_type)
    if preview is None:
        return
    attachment.pages = preview.pages
    name = f"{attachment.file.name}.preview.png"
    attachment.preview.name = attachment.preview.storage.save(name, ContentFile(preview.png))


def size_label(size: int) -> str:
    """340 kB, 2,4 MB: the way a Dutch reader writes it (decimal units)."""
    if size < 1000:
        return ngettext("%(n)d byte", "%(n)d bytes", size) % {"n": size}
    if size < 1_000_000:
        return _("%(n)s kB") % {"n": number_format(round(size / 1000))}
    return _("%(n)s MB") % {"n": number_format(round(size / 1_000_000, 1), decimal_pos=1)}


def describe(attachment) -> str:
    """ "PDF, 2 pagina's, 340 kB" """
    parts = [LABELS.get(attachment.content_type, _("File"))]
    if attachment.pages:
        parts.append(
            ngettext("%(n)d page", "%(n)d pages", attachment.pages) % {"n": attachment.pages}
        )
    parts.append(size_label(attachment.size))
    return ", ".join(parts)
