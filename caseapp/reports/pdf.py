"""HTML to PDF with WeasyPrint, reaching nothing but the app's own static files. No Flask here.

WeasyPrint's default fetcher opens any URL a document names, `file:` included,
and `<link rel="attachment">` would embed the file it finds. Case fields are
escaped before they reach the HTML, so no user text can name a URL; this
fetcher is the second wall: it serves the CSS, fonts and images under the
static folder, by real path, and refuses everything else — http(s), data:,
other files, other hosts, redirects.
"""
from __future__ import annotations

import io
import mimetypes
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from caseapp.protection.files import write_private

# What a report may load from the static folder.
STYLESHEET = "css/report.css"
ALLOWED_SUFFIXES = {".css": "text/css", ".ttf": "font/ttf", ".otf": "font/otf", ".svg": "image/svg+xml",
                    ".png": "image/png"}


class RefusedURL(ValueError):
    """A document asked for something other than one of the app's static files."""


class StaticOnlyFetcher(URLFetcher):
    def __init__(self, static_root: Path) -> None:
        super().__init__(timeout=1, allowed_protocols=("file",), allow_redirects=False)
        self.root = Path(static_root).resolve()
        self.refused: list[str] = []
        self.served: list[str] = []

    def resolve(self, url: str) -> Path | None:
        """The static file this URL names, or None when it is anything else."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("",) or parts.query or parts.fragment:
            return None
        try:
            path = Path(unquote(parts.path)).resolve(strict=True)
        except (OSError, RuntimeError, ValueError):
            return None
        if not path.is_relative_to(self.root) or not path.is_file():
            return None
        if path.suffix.lower() not in ALLOWED_SUFFIXES:
            return None
        return path

    def fetch(self, url, headers=None):
        path = self.resolve(url)
        if path is None:
            self.refused.append(url)
            raise RefusedURL(f"refused to fetch {url[:200]!r}: reports load only the app's static files")
        self.served.append(path.name)
        mime = ALLOWED_SUFFIXES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    refused: list[str] = field(default_factory=list)
    anchors: dict[str, int] = field(default_factory=dict)  # element id -> 0-based page index


class _Styles:
    """The report stylesheet and its fonts, loaded once per process.

    Loading five font files for every report cost half a second; WeasyPrint can
    reuse a FontConfiguration and a parsed stylesheet. Renders in one process
    take turns (WeasyPrint is not written for threads), which costs nothing on
    CPU-bound work under the GIL.
    """

    lock = threading.Lock()
    loaded: dict[Path, tuple[FontConfiguration, CSS]] = {}

    @classmethod
    def get(cls, root: Path) -> tuple[FontConfiguration, CSS]:
        if root not in cls.loaded:
            fonts = FontConfiguration()
            css = CSS(filename=str(root / STYLESHEET), font_config=fonts, url_fetcher=StaticOnlyFetcher(root))
            cls.loaded[root] = (fonts, css)
        return cls.loaded[root]


def render_pdf(html: str, static_root: Path, tagged: bool = True) -> Rendered:
    """Render one HTML document with the report stylesheet; relative URLs resolve inside the static folder.

    `tagged` asks for PDF/UA-1, which carries the document's structure for
    screen readers; it needs <title> and <html lang>, which every report has.
    """
    root = Path(static_root).resolve()
    fetcher = StaticOnlyFetcher(root)
    with _Styles.lock:
        fonts, css = _Styles.get(root)
        document = HTML(string=html, base_url=root.as_uri() + "/", url_fetcher=fetcher).render(
            stylesheets=[css], font_config=fonts)
        pages = len(document.pages)
        anchors: dict[str, int] = {}
        for index, page in enumerate(document.pages):
            for name in page.anchors:
                anchors.setdefault(name, index)
        pdf = document.write_pdf(pdf_variant="pdf/ua-1" if tagged else None)
        del document  # the layout of every page is held until here
    return Rendered(pdf, pages, fetcher.refused, anchors)


@dataclass(frozen=True)
class Bookmark:
    title: str
    page: int  # 0-based index in the joined document


def join_pdfs(parts: list[Path], output: Path, title: str, author: str, language: str,
              bookmarks: list[Bookmark]) -> int:
    """Join separately rendered parts into one PDF, with metadata and bookmarks; returns the page count."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(str(part)), import_outline=False)
    writer.add_metadata({"/Title": title, "/Author": author, "/Creator": "caseapp", "/Producer": "caseapp"})
    writer._root_object[NameObject("/Lang")] = TextStringObject(language)
    for mark in bookmarks:
        if 0 <= mark.page < len(writer.pages):
            writer.add_outline_item(title=mark.title, page_number=mark.page)
    stream = io.BytesIO()
    writer.write(stream)
    write_private(output, stream.getvalue())
    return len(writer.pages)
