"""Report templates, rendered with the redaction of the profile applied to every value they print.

This is the one place redaction happens. Report templates are rendered by an
overlay of the app's Jinja environment whose `finalize` hook sees every value
a template prints — case fields, quotes, party notes, history, even labels —
and replaces the names and details of the case's people by their codes before
autoescaping. Whatever a template prints, it cannot print a person's name in
the `advocate` profile.
"""
from __future__ import annotations

import re
from contextvars import ContextVar
from typing import Any

from flask import Flask, current_app, has_request_context
from jinja2 import Environment
from markupsafe import Markup, escape

from caseapp.protection.redaction import NoRedaction, Redactor

_current: ContextVar[Redactor | None] = ContextVar("report_redactor", default=None)
# Right to left: each printed value is isolated in the direction of its own first letter (U+2068 ... U+2069), so
# that "Andaman Blue Fishing Co." or "2026-12-07 23:01 UTC" reads as written inside an Arabic report. WeasyPrint
# ignores unicode-bidi: plaintext; the isolates are text, which it lays out with FriBidi.
_isolate: ContextVar[bool] = ContextVar("report_isolate", default=False)
FIRST_STRONG_ISOLATE, POP_ISOLATE = "\u2068", "\u2069"
_CODE = re.compile(r"[\w.:/#-]*")  # ids, codes, languages: printed into attributes too, never isolated
_SHOW_ALL = NoRedaction()
ENV_KEY = "caseapp.reports.env"


def _finalize(value: Any, isolate: bool = True) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup) or hasattr(value, "__html__"):
        # Markup comes from the reports' own macros, whose values were finalized inside them,
        # and from form widgets (the CSRF field); never from case data.
        return value
    text = value if isinstance(value, str) else str(value)
    segments = (_current.get() or _SHOW_ALL).segments(text)
    if not any(segment.code for segment in segments):
        return _isolated(text) if isolate else text
    return Markup("").join(
        Markup('<span class="redacted">[{}]</span>').format(segment.code) if segment.code else escape(segment.text)
        for segment in segments
    )


def verbatim(value: Any) -> Any:
    """A quote as the source has it: redacted like every value, but never wrapped in direction marks, so
    that a passage copied from the PDF is the passage (its block's dir attribute gives its direction).
    Escaped Markup, so that the template's own finalize does not wrap it again."""
    written = _finalize(value, isolate=False)
    return written if isinstance(written, Markup) else escape(written)


def _isolated(text: str) -> str:
    if not _isolate.get() or _CODE.fullmatch(text):
        return text
    return FIRST_STRONG_ISOLATE + text + POP_ISOLATE


def css_string(value: Any) -> Markup:
    """A CSS string literal of our own text (page labels), safe inside <style>."""
    text = str(value)
    escaped = "".join(c if c.isalnum() or c in " .,:;·-–" else f"\\{ord(c):X} " for c in text)
    # Safe as Markup: every character but letters, digits and .,:;·-– is CSS-escaped above.
    return Markup(f'"{escaped}"')  # nosec B704


def plain(value: Any) -> Markup:
    """Redacted text without markup, for attributes and metadata where a <span> cannot go."""
    return escape((_current.get() or _SHOW_ALL).redact("" if value is None else str(value)))


def text_dir(value: Any) -> Markup:
    """ dir="ltr" or dir="rtl" for an element of user text, from the first letter of what the reader receives
    (the redacted text: a hidden name's script must not show through its code's direction)."""
    from caseapp.i18n import text_direction

    found = text_direction((_current.get() or _SHOW_ALL).redact("" if value is None else str(value)))
    return Markup(f' dir="{found}"') if found else Markup("")  # nosec B704 - one of two constant values


def utc(value: Any) -> str:
    """A moment as a report states it: unambiguous, the same in every language."""
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else ""


def environment(app: Flask) -> Environment:
    env = app.extensions.get(ENV_KEY)
    if env is None:
        env = app.jinja_env.overlay(finalize=_finalize)
        env.filters["css_string"] = css_string
        env.filters["plain"] = plain
        env.filters["utc"] = utc
        env.filters["text_dir"] = text_dir
        env.filters["verbatim"] = verbatim
        app.extensions[ENV_KEY] = env
    return env


def render(template: str, redactor: Redactor, **context: Any) -> str:
    """Render a report template with this redactor applied to every printed value."""
    app = current_app._get_current_object()
    env = environment(app)
    if has_request_context():
        app.update_template_context(context)
    token = _current.set(redactor)
    meta = context.get("meta")
    isolating = _isolate.set(getattr(meta, "direction", "ltr") == "rtl")
    try:
        return env.get_template(template).render(**context)
    finally:
        _isolate.reset(isolating)
        _current.reset(token)
