"""What a stored document says: its type by content, its main text and metadata, its language.

HTML goes through trafilatura, PDF through pypdf, e-mail through the standard
library. The stored bytes are never changed; this only reads them.
"""
from __future__ import annotations

import email
import email.policy
import io
import re
from dataclasses import dataclass
from datetime import date

import nh3

from caseapp.errors import N_, ServiceError

HTML, PDF, TEXT, EMAIL = "text/html", "application/pdf", "text/plain", "message/rfc822"
# What one PDF may inflate to: each stream, and the text of all its pages (some 1,500 printed pages).
PDF_STREAM_MAX = 16 * 1024 * 1024
PDF_STREAM_LIMITS = ("zlib_maximum_output_length", "lzw_maximum_output_length", "run_length_maximum_output_length",
                     "brotli_maximum_output_length", "array_based_stream_maximum_output_length")
TEXT_MAX = 5_000_000
EMAIL_HEADERS = re.compile(rb"^(received|from|to|subject|date|message-id|mime-version|return-path):", re.I | re.M)


@dataclass(frozen=True)
class Extracted:
    content_type: str
    text: str
    title: str = ""
    author: str = ""
    publisher: str = ""
    published_on: str | None = None


def sniff(data: bytes) -> str | None:
    """The kind of document by its content, whatever it is called; None for anything else."""
    head = data[:4096]
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return TEXT  # UTF-16 text, with its byte-order mark
    if b"\x00" in head:
        return None  # binary, and not a PDF
    # An e-mail starts with its header block, even when a part of it is HTML.
    header_block = head.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    if len(EMAIL_HEADERS.findall(header_block)) >= 2:
        return EMAIL
    lowered = decode_text(head).lstrip().lower()
    if lowered.startswith(("<!doctype html", "<html")) or re.search(r"<(html|body|article|p|div)[\s>]", lowered):
        return HTML
    return TEXT


def decode_text(data: bytes) -> str:
    """Text in UTF-8, UTF-16 (with a byte-order mark) or, failing those, Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _html(data: bytes) -> Extracted:
    import trafilatura

    html = decode_text(data)
    text = trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=True,
                               favor_recall=True) or ""
    if not text.strip():
        # No main text found: keep every visible word rather than nothing.
        text = nh3.clean(html, tags=set(), strip_comments=True)
    meta = trafilatura.extract_metadata(html)
    return Extracted(HTML, _tidy(text), title=(meta.title or "") if meta else "",
                     author=(meta.author or "") if meta else "", publisher=(meta.sitename or "") if meta else "",
                     published_on=_date(meta.date if meta else None))


def _date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _pdf(data: bytes) -> Extracted:
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import PyPdfError

    try:
        # A few kilobytes can inflate to gigabytes: no real page needs more than this.
        with apply_configuration(**{limit: PDF_STREAM_MAX for limit in PDF_STREAM_LIMITS}):
            reader = PdfReader(io.BytesIO(data))
            # Pages can share one large stream: a small file can still take minutes to read. The caller
            # runs this in a child process that a deadline stops (caseapp.sandbox).
            pages, length = [], 0
            for page in reader.pages:
                pages.append(page.extract_text() or "")
                length += len(pages[-1])
                if length > TEXT_MAX:
                    raise ServiceError(N_("The PDF holds more text than one source may (%(max)s characters)."),
                                       "file", max=TEXT_MAX)
            info = reader.metadata or {}
    except ServiceError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError):
        raise ServiceError(N_("The PDF could not be read."), "file") from None
    return Extracted(PDF, _tidy("\n\n".join(pages)), title=str(info.get("/Title") or ""),
                     author=str(info.get("/Author") or ""))


def _email(data: bytes) -> Extracted:
    message = email.message_from_bytes(data, policy=email.policy.default)
    body = message.get_body(preferencelist=("plain", "html"))
    content = body.get_content() if body is not None else ""
    if body is not None and body.get_content_type() == "text/html":
        content = _html(content.encode("utf-8")).text
    sent = message.get("Date")
    published = None
    if sent is not None and getattr(sent, "datetime", None):
        published = sent.datetime.date().isoformat()
    return Extracted(EMAIL, _tidy(str(content)), title=str(message.get("Subject") or ""),
                     author=str(message.get("From") or ""), published_on=published)


def extract(data: bytes, content_type: str | None = None) -> Extracted:
    """The text and metadata of a document; raise ServiceError for what caseapp does not keep."""
    kind = content_type if content_type in (HTML, PDF, TEXT, EMAIL) else sniff(data)
    if kind == HTML:
        return _html(data)
    if kind == PDF:
        return _pdf(data)
    if kind == EMAIL:
        return _email(data)
    if kind == TEXT:
        return Extracted(TEXT, _tidy(decode_text(data)))
    raise ServiceError(N_("caseapp keeps web pages, PDF, plain text and e-mail (.eml); this file is none of "
                          "them."), "file")


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ('' when there is too little text to tell)."""
    sample = text[:5000]
    if len(re.findall(r"\w+", sample)) < 3:
        return ""
    import py3langid

    code, _ = py3langid.classify(sample)
    return code
