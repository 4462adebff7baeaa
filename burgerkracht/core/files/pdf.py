"""The one place that turns a Django template into a PDF (style guide §8).

WeasyPrint pulls in Pango, cairo and fontconfig, so it is imported inside the functions
that need it, never at module level (ruff TID253 enforces this). Documents are tagged
PDF/UA-1 so screen readers can follow them. Rendering never touches the network: the URL
fetcher serves our own static files and ``data:`` URLs and refuses everything else.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# Relative URLs such as {% static %}'s "/static/css/pdf.css" need a base to be joined to.
# ".invalid" never resolves (RFC 2606); the fetcher maps this origin onto our static files.
BASE_URL = "https://burgerkracht.invalid/"


def _static_prefix() -> str:
    """STATIC_URL as an absolute URL (it stays as it is if STATIC_URL is already absolute)."""
    return urljoin(BASE_URL, settings.STATIC_URL)


def _static_file(name: str) -> Path | None:
    """The file behind a static name: source folders first, then STATIC_ROOT.

    STATIC_ROOT holds the hashed names that ManifestStaticFilesStorage gives {% static %}
    in production; the finders know only the unhashed source files.
    """
    if not name or name.startswith("/") or ".." in name.split("/"):
        return None
    found = finders.find(name)
    if found:
        return Path(found)
    try:
        if staticfiles_storage.exists(name):
            return Path(staticfiles_storage.path(name))
    except NotImplementedError:  # a remote storage has no local path
        pass
    return None


def static_only_fetcher(url: str) -> URLFetcherResponse:
    """Fetch a resource for WeasyPrint from our own static files only.

    Allowed: URLs under STATIC_URL (relative, or joined to BASE_URL) and ``data:`` URLs,
    which carry their content inline. Anything else (http, https, file, ftp) raises ValueError,
    which WeasyPrint reports as a failed resource while it goes on rendering: a template or
    a resident's text can never make the server fetch a URL.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # lazy: see module docstring

    url = urljoin(BASE_URL, url)  # "/static/x.css" as written in a template is fine too
    parts = urlsplit(url)
    if parts.scheme == "data":
        # urllib's DataHandler decodes the URL itself; no other protocol is allowed.
        return URLFetcher(allowed_protocols=("data",)).fetch(url)
    prefix = _static_prefix()
    clean = parts._replace(query="", fragment="").geturl()
    if clean.startswith(prefix):
        name = unquote(clean.removeprefix(prefix))
        path = _static_file(name)
        if path is not None:
            mime_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type})
    # Scheme and host only: a path or query could carry personal data.
    logger.warning("PDF: refused to fetch a %s URL on host %r", parts.scheme, parts.hostname)
    raise ValueError("Only our own static files can be used in a PDF")


def _weasyprint_fetcher() -> URLFetcher:
    """Wrap static_only_fetcher in a URLFetcher subclass: WeasyPrint 70 takes no plain function."""
    from weasyprint.urls import URLFetcher  # lazy: see module docstring

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            return static_only_fetcher(url)

    return StaticOnlyFetcher()


def render_pdf(template_name: str, context: dict[str, Any]) -> RenderedPdf:
    """Render ``templates/pdf/<name>.html`` in the active language to a tagged PDF/UA-1.

    WeasyPrint takes the document title from <title> and its language from <html lang>,
    which pdf/base.html sets from the active language. Callers that write a letter in a
    resident's language wrap the call in ``translation.override``.
    """
    html = render_to_string(template_name, context)
    return RenderedPdf(pdf_of_html([html]), html=html)


class RenderedPdf(bytes):
    """A PDF that render_pdf made, carrying the HTML it came from: a letter that goes in
    the post behind a notice is set again with it, as one document (`pdf_of_html`), so
    the envelope's PDF keeps its tags. Everywhere else it is the PDF's bytes."""

    html: str

    def __new__(cls, content: bytes, *, html: str = "") -> RenderedPdf:
        pdf = super().__new__(cls, content)
        pdf.html = html
        return pdf


def pdf_of_html(parts: list[str]) -> bytes:
    """One tagged PDF/UA-1 of the HTML `parts`, each starting on a new page, with its own
    page numbers; the title and language are the first part's. WeasyPrint writes the pages
    of all parts with their structure: copying the pages of finished PDFs drops the tags."""
    import weasyprint  # lazy: see module docstring

    fetcher = _weasyprint_fetcher()
    documents = [
        weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
            pdf_variant="pdf/ua-1"
        )
        for html in parts
    ]
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf(pdf_variant="pdf/ua-1")


def logo_data_url(municipality: Any) -> str:
    """The municipality's logo as a ``data:`` PNG for a letter ("" without one).

    The fetcher serves only static files and data: URLs, and a logo is an upload; an SVG is
    drawn as a PNG first (core.files.uploads.rasterise_svg), so a letter never carries its script.
    """
    import base64

    from burgerkracht.core.files.uploads import rasterise_svg

    if not municipality.logo:
        return ""
    try:
        with municipality.logo.open("rb") as file:
            data = file.read()
        if municipality.logo.name.lower().endswith(".svg"):
            data = rasterise_svg(data)
    except (OSError, ValueError):
        logger.warning("PDF: the logo could not be read; the letter goes without it")
        return ""
    if not data.startswith(b"\x89PNG"):
        return ""
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")
