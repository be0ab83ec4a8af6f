"""The JSON API under /api/v1: bearer tokens, JSON errors, keyset lists."""
from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")

# The endpoint modules register their routes on the blueprint when imported.
from caseapp.api import cases, errors_handlers, me, openapi  # noqa: E402,F401
