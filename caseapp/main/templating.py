"""Filters and globals the templates use."""
from __future__ import annotations

from flask import Flask, request
from flask_babel import format_datetime, get_locale, gettext
from flask_wtf import FlaskForm

from caseapp.audit import labels
from caseapp.auth.roles import ROLE_LABELS
from caseapp.cases.vocab import SECTORS, STATUSES, country_name


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for POST buttons."""


def _locale() -> str:
    return str(get_locale() or "en")


def init_app(app: Flask) -> None:
    @app.template_filter("country")
    def country_filter(code: str | None) -> str:
        return country_name(code, _locale())

    @app.template_filter("sector")
    def sector_filter(key: str) -> str:
        return gettext(SECTORS[key]) if key in SECTORS else key

    @app.template_filter("status")
    def status_filter(key: str) -> str:
        return gettext(STATUSES[key]) if key in STATUSES else key

    @app.template_filter("role")
    def role_filter(key: str) -> str:
        return gettext(ROLE_LABELS[key]) if key in ROLE_LABELS else key

    @app.template_filter("action")
    def action_filter(key: str) -> str:
        return gettext(labels.ACTIONS[key]) if key in labels.ACTIONS else key

    @app.template_filter("field")
    def field_filter(key: str) -> str:
        return gettext(labels.FIELDS[key]) if key in labels.FIELDS else key

    @app.template_filter("when")
    def when_filter(value) -> str:
        return format_datetime(value, "medium") if value else ""

    @app.context_processor
    def globals_for_templates():
        return {
            "csrf_form": EmptyForm(),
            "languages": {"en": "English", "nl": "Nederlands"},
            "current_language": _locale(),
            "current_path": request.full_path.rstrip("?"),
        }
