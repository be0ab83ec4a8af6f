"""Filters and globals the templates use."""
from __future__ import annotations

from datetime import date

from babel import Locale, UnknownLocaleError
from flask import Flask, current_app, request
from flask_babel import format_date, format_datetime, format_number, gettext
from flask_wtf import FlaskForm

from caseapp import __version__
from caseapp.assessment import labels as finding_labels
from caseapp.assessment import reasons
from caseapp.assessment.labels import translated
from caseapp.audit import labels
from caseapp.i18n import (LANGUAGE_NAMES, direction, indicator_name, list_separator, locale_now)
from caseapp.auth.roles import ROLE_LABELS
from caseapp.cases import conditions, workflow
from caseapp.cases.vocab import (ACTION_KINDS, CONFIDENTIALITY, COUNT_QUALIFIERS, SECTORS, STATUSES, country_name,
                                 country_names)
from caseapp.parties.vocab import PARTY_KINDS
from caseapp.persons.vocab import CONSENT, PERSON_ROLES, RISK
from caseapp.sources import transcripts
from caseapp.sources.vocab import RELIABILITY, SOURCE_KINDS

# Vocabularies the templates translate with the `label` filter: {{ value|label("sector") }}.
VOCABULARIES = {
    "sector": SECTORS, "status": STATUSES, "confidentiality": CONFIDENTIALITY, "qualifier": COUNT_QUALIFIERS,
    "action": ACTION_KINDS, "party_kind": PARTY_KINDS, "person_role": PERSON_ROLES, "consent": CONSENT,
    "risk": RISK, "role": ROLE_LABELS, "source_kind": SOURCE_KINDS, "reliability": RELIABILITY,
}


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for POST buttons."""


def _locale() -> str:
    return locale_now()


def init_app(app: Flask) -> None:
    app.jinja_env.globals["caseapp_version"] = __version__

    @app.template_filter("country")
    def country_filter(code: str | None) -> str:
        return country_name(code, _locale())

    @app.template_filter("label")
    def label_filter(key: str | None, vocabulary: str) -> str:
        labels = VOCABULARIES[vocabulary]
        return gettext(labels[key]) if key in labels else (key or "")

    @app.template_filter("sector")
    def sector_filter(key: str) -> str:
        return label_filter(key, "sector")

    @app.template_filter("status")
    def status_filter(key: str) -> str:
        return label_filter(key, "status")

    @app.template_filter("role")
    def role_filter(key: str) -> str:
        return label_filter(key, "role")

    @app.template_filter("fact")
    def fact_filter(value, key: str | None = None) -> str:
        """A condition's value as a person reads it: yes/no, 'unknown' for None, choices by their label."""
        if value is None:
            return gettext("unknown")
        if value is True:
            return gettext("yes")
        if value is False:
            return gettext("no")
        labels = conditions.CHOICE_LABELS.get(key or "", {})
        if value in labels:
            return gettext(labels[value])
        try:
            return format_number(value) if isinstance(value, int | float) else str(value)
        except (ArithmeticError, ValueError):
            return str(value)  # a number Babel cannot format is still shown

    @app.template_filter("action")
    def action_filter(key: str) -> str:
        return gettext(labels.ACTIONS[key]) if key in labels.ACTIONS else key

    @app.template_filter("sign_in_value")
    def sign_in_value_filter(value) -> str:
        return gettext(labels.SIGN_IN_VALUES[value]) if value in labels.SIGN_IN_VALUES else str(value)

    @app.template_filter("heard")
    def heard_filter(segments, start: int, end: int) -> dict | None:
        """Where in a recording a quote of its transcript is heard: seconds for the player, and a label."""
        heard = transcripts.time_range(segments, start, end)
        if heard is None:
            return None
        return {"start": heard[0] / 1000, "end": heard[1] / 1000,
                "label": transcripts.span_label(heard)}

    @app.template_filter("record_kind")
    def record_kind_filter(table: str) -> str:
        return gettext(labels.RECORD_KINDS[table]) if table in labels.RECORD_KINDS else table

    @app.template_filter("shown_value")
    def shown_value_filter(value) -> str:
        """A stored or typed value as the conflict screen shows it: lists joined, blanks as a dash."""
        if isinstance(value, list | tuple):
            value = ", ".join(str(item) for item in value if item not in (None, ""))
        if isinstance(value, bool):
            return gettext("yes") if value else gettext("no")
        return "—" if value in (None, "") else str(value)

    @app.template_filter("field")
    def field_filter(key: str) -> str:
        return gettext(labels.FIELDS[key]) if key in labels.FIELDS else conditions.condition_label(key, gettext) or key

    app.add_template_filter(indicator_name, "indicator")

    @app.template_filter("language_name")
    def language_name_filter(code: str | None) -> str:
        """A language's name in the reader's language ("nl" -> "Dutch", "néerlandais"...); the code if unknown."""
        if not code:
            return ""
        try:
            return Locale.parse(code.replace("-", "_")).get_display_name(_locale()) or code
        except (ValueError, UnknownLocaleError):
            return code

    @app.template_filter("reason")
    def reason_filter(reason, stored: dict | None = None) -> str:
        """A reason of the ILO rules in the reader's language (caseapp/assessment/reasons.py)."""
        return reasons.reason_text(reason, gettext, indicator_name, stored, list_separator(locale_now()),
                                   lambda day: format_date(date.fromisoformat(day), "long"))

    @app.template_filter("number")
    def number_filter(value) -> str:
        return format_number(value) if value is not None else ""

    @app.template_filter("when")
    def when_filter(value) -> str:
        if not value:
            return ""
        written = format_datetime(value, "medium")
        # Right to left, a date beside a Latin name keeps its order: isolated in its own direction (U+2068..2069).
        return f"\u2068{written}\u2069" if direction(_locale()) == "rtl" else written

    @app.context_processor
    def navigation_counts():
        from flask_login import current_user

        from caseapp.notifications.services import unread_count

        return {"unread_notifications": unread_count(current_user) if current_user.is_authenticated else 0}

    @app.context_processor
    def globals_for_templates():
        return {
            # Never read from the request: the page that says a request was too large renders this too.
            "csrf_form": EmptyForm(formdata=None),
            "languages": {code: LANGUAGE_NAMES[code] for code in current_app.config["LANGUAGES"]},
            "text_direction": direction(_locale()),
            "list_sep": list_separator(_locale()),
            "current_language": _locale(),
            "current_path": request.full_path.rstrip("?"),
            "condition_groups": [(gettext(name), keys) for name, keys in conditions.GROUPS],
            "fact_labels": {fact.key: gettext(fact.label) for fact in conditions.FACTS},
            "status_labels": {key: gettext(label) for key, label in STATUSES.items()},
            "sector_labels": {key: gettext(label) for key, label in SECTORS.items()},
            "country_list": country_names(_locale()),
            "stage_labels": translated(finding_labels.STAGES, gettext),
            "determination_short": translated(finding_labels.DETERMINATIONS_SHORT, gettext),
            "status_words": translated(finding_labels.FINDING_STATUSES, gettext),
            "move_labels": {target: gettext(label) for target, label in workflow.ACTION_LABELS.items()},
            "reopen_label": gettext(workflow.REOPEN_LABEL),
            "profile_labels": {"internal": gettext("internal (full record)"),
                               "advocate": gettext("advocate (people pseudonymised)")},
            "export_kinds": {"case": gettext("case report"), "dossier": gettext("evidence dossier"),
                             "portfolio": gettext("portfolio")},
            # "done" reads "ready": built, its hashes recorded (and, for a dossier, its files kept for a time).
            "job_states": {"awaiting_approval": gettext("awaiting approval"), "refused": gettext("refused"),
                           "queued": gettext("waiting"), "running": gettext("being built"), "done": gettext("ready"),
                           "failed": gettext("failed")},
        }
