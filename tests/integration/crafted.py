"""Documents made to be slow to read: small to send, minutes of parsing without a hard limit."""
from __future__ import annotations

import zlib


def pdf_sharing_one_stream(pages: int, deflate_twice: bool = False) -> bytes:
    """Many pages drawn by the same large content stream: small on disk, long to read.

    Each page shows 200,000 pieces of text (some five seconds of parsing); deflated twice, the stream
    fits in a few hundred bytes, so a PDF of about 4.5 KB holds two minutes of reading.
    """
    stream, filters = zlib.compress(b"BT /F1 1 Tf (a) Tj ET\n" * (200 * 1024), 9), b"/FlateDecode"
    if deflate_twice:
        stream, filters = zlib.compress(stream, 9), b"[/FlateDecode /FlateDecode]"
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
               b"<< /Length %d /Filter %s >>\nstream\n" % (len(stream), filters) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
                b"/Resources << /Font << /F1 4 0 R >> >> >>"] * pages
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def nested_html(depth: int) -> bytes:
    """A valid page whose few words sit `depth` elements deep: small to send, long to read."""
    return b"<html><body>" + b"<div>" * depth + b"A few words." + b"</div>" * depth + b"</body></html>"
