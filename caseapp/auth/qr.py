"""The QR code an authenticator app scans, drawn by the app itself (no outside service sees the secret)."""
from __future__ import annotations

import segno


def qr_data_uri(text: str) -> str:
    """An SVG data: URI of `text` as a QR code, for an <img> (allowed by the CSP's img-src data:)."""
    return segno.make(text, error="m").svg_data_uri(scale=5, border=4, dark="#000", light="#fff")
