"""Which `next=` targets a login may redirect to. Plain Python."""
from __future__ import annotations

from urllib.parse import urlsplit


def safe_next(target: str | None) -> str | None:
    """Return target if it is a path on this site, else None.

    Only relative paths pass: `//host`, `/\\host`, schemes such as
    `javascript:` and anything with control characters are refused.
    """
    if not target or len(target) > 2000:
        return None
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return None
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
