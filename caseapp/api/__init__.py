"""The JSON API under /api/v1: bearer tokens, JSON errors, keyset lists."""
from __future__ import annotations

import hashlib

from flask import Blueprint, current_app, request

from caseapp.extensions import limiter

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")


def _rate_key() -> str:
    """Count per token when one is sent (hashed, never kept), else per address."""
    header = request.headers.get("Authorization", "")
    if header:
        return "token:" + hashlib.sha256(header.encode()).hexdigest()
    return "addr:" + (request.remote_addr or "")


# Registered once, here: the limiter is shared by every app the process builds.
limiter.limit(lambda: current_app.config["API_RATE_LIMIT"], key_func=_rate_key)(blueprint)

# The endpoint modules register their routes on the blueprint when imported.
from caseapp.api import (assessment, cases, errors, ilo, me, openapi, parties,  # noqa: E402,F401
                         persons, reports, search, sources)
