"""What a reader receives of the people of cases: one redaction for every page, API answer and export.

Need-to-know is the rule person records follow (`cases.permissions.can_view_persons`): the case's
assignee, coordinators and admins see people as recorded; everyone else — advocates, caseworkers on
someone else's case — gets, wherever a person's name, alias, phone or document number appears in free
text, the person's code instead: `[W-1]` for the first worker of that case, `[I-1]` for its first
informant, numbered per case so a code means the same on every page. Stored data and source snapshots
are untouched: this happens at output, on the way out of the app —

- every value a page template prints passes through `finalize` (installed on the app's Jinja
  environment by `install`), before escaping;
- every API answer passes through `redact_json` (`caseapp.api.operations.answer`);
- exports and search use `redactor_for(user)` directly.

The terms are built once per request and reader, from every person of the organisation the reader may
not see, so a page with a thousand values costs one build.
"""
from __future__ import annotations

import functools
import re
from typing import Any, Callable

from flask import Flask, current_app, g, has_request_context
from flask_babel import gettext
from flask_login import current_user
from markupsafe import Markup, escape

from caseapp.errors import N_
from caseapp.protection.redaction import PersonTerms, Redactor

# Who a reader may not see: the persons area answers (caseapp.persons.disclosure.hidden_people), with
# None for a reader who sees everyone; kept on the app.
PEOPLE_KEY = "caseapp.hidden_people"
CODE = re.compile(r"\[[A-Z]-\d+\]")  # a person's code as the redactor writes it: [W-1]
HiddenPeople = Callable[[Any], "list[PersonTerms] | None"]


def redactor_for(user) -> Redactor | None:
    """The redaction this reader's outputs get, or None when they may see every person of their cases."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if has_request_context():
        cached = g.get("caseapp_redactors", {})
        if user.id not in cached:
            cached[user.id] = _redactor(user)
            g.caseapp_redactors = cached
        return cached[user.id]
    return _redactor(user)


def _redactor(user) -> Redactor | None:
    hidden_people: HiddenPeople = current_app.extensions[PEOPLE_KEY]
    people = hidden_people(user)
    # Nobody hidden (no person in the reader's cases they lack need-to-know for): nothing to redact, and
    # every value a page prints is spared a pass through an empty redactor.
    return Redactor(people) if people else None


def _reader_redactor() -> Redactor | None:
    if not has_request_context():
        return None
    # Asked for every value a page prints (thousands on a long list): flask-login keeps the request's user
    # in g once loaded, and sets it again on sign-in and sign-out, so it is read there first.
    user = g.get("_login_user")
    return redactor_for(user if user is not None else current_user._get_current_object())


def redact(text: str | None) -> str | None:
    """The text as the current reader may receive it."""
    redactor = _reader_redactor()
    return text if redactor is None or not text else redactor.redact(text)


def redact_json(value: Any) -> Any:
    """Every string of a JSON value as the current reader may receive it (ids and numbers untouched)."""
    redactor = _reader_redactor()
    return value if redactor is None else redactor.redact_all(value)


def finalize(value: Any) -> Any:
    """Jinja's `finalize`: every value a page prints, redacted for its reader, before it is escaped.

    Markup is the app's own (macros whose values went through here, form widgets) and passes as it is.
    """
    if hasattr(value, "__html__"):
        # A <select>'s option labels (parties, cases to pick) are data; its values are ids, so redacting
        # the markup cannot change what the form sends back. Other markup passes as it is.
        if isinstance(value, Markup) and value.lstrip().startswith("<select"):
            redactor = _reader_redactor()
            return value if redactor is None else Markup(redactor.redact(str(value)))  # nosec B704 - app markup
        return value
    if not isinstance(value, str):
        return value
    redactor = _reader_redactor()
    return value if redactor is None else redactor.redact(value)


# --- edit forms ---------------------------------------------------------------------------------
# A reader may edit a record whose text names people they may not see (a caseworker editing a party
# that another case's informant is mentioned in). The form shows that text redacted and read-only, and
# saving keeps the stored text: a code typed back must never overwrite the name it stands for.

HIDDEN_FIELD = N_("This text names people you may not see, so you cannot change it here; the case's assignee "
                  "or a coordinator can.")


def _hidden_fields(form: Any, stored: dict[str, str | None]) -> dict[str, tuple[str, str]]:
    redactor = _reader_redactor()
    if redactor is None:
        return {}
    found = {}
    for name, value in stored.items():
        if value and name in form:
            shown = redactor.redact(value)
            if shown != value:
                found[name] = (value, shown)
    return found


def protect_form(form: Any, stored: dict[str, str | None]) -> None:
    """Before showing an edit form: text naming hidden people is shown redacted, read-only."""
    for name, (_, shown) in _hidden_fields(form, stored).items():
        form[name].data, form[name].raw_data = shown, []
        form[name].render_kw = {**(form[name].render_kw or {}), "readonly": True}
        form[name].description = gettext(HIDDEN_FIELD)


def protect_fields(form: Any) -> None:
    """Before showing a form again (an error, a conflict): its own text naming hidden people, redacted."""
    from wtforms import StringField, TextAreaField
    from wtforms.fields import HiddenField

    protect_form(form, {field.short_name: field.data for field in form
                        if isinstance(field, StringField | TextAreaField) and not isinstance(field, HiddenField)
                        and isinstance(field.data, str)})


def keep_hidden_text(form: Any, stored: dict[str, str | None]) -> bool:
    """After a post: the fields naming hidden people get their stored text back; a changed one is an error.
    False when one was changed (the form then shows the error on it)."""
    kept = True
    for name, (value, shown) in _hidden_fields(form, stored).items():
        typed = (form[name].data or "").replace("\r\n", "\n").strip()
        if typed not in (shown.strip(), value.strip()):
            form[name].errors = [*form[name].errors, gettext(HIDDEN_FIELD)]
            kept = False
        form[name].data = value
        form[name].render_kw = {**(form[name].render_kw or {}), "readonly": True}
    if not kept:  # shown again: redacted
        protect_form(form, stored)
    return kept


def words_seen(redactor: Redactor, text: str | None) -> str:
    """The text as the reader sees it, for asking which words it holds: redacted, and without the codes that
    stand for people ([W-1] is not the words "w" and "1": a search for them, or excluding them, must not tell
    a text that hides someone from one that does not)."""
    return CODE.sub(" ", redactor.redact(text or ""))


def shows_words(redactor: Redactor, query: str, texts) -> bool:
    """Whether every word of a search is in these texts as the reader sees them (redacted)."""
    shown = " ".join(redactor.redact(text or "") for text in texts)
    # The codes themselves are not words of the text: "w-1" must not find a text because it hides someone.
    shown = CODE.sub(" ", shown).casefold()
    return all(word.casefold() in shown for word in query.split()[:10])


def names_hidden_people(text: str | None) -> bool:
    """Whether this text names someone the current reader may not see."""
    redactor = _reader_redactor()
    return bool(text) and redactor is not None and redactor.redact(text) != text


def _redacting(translate: Callable) -> Callable:
    """A template's gettext whose %(values)s are redacted before they are put in the sentence (they are
    arguments, not printed values, so `finalize` would not see them)."""
    @functools.wraps(translate)  # keeps Jinja's pass_context mark
    def wrapper(*args: Any, **variables: Any) -> Any:
        redactor = _reader_redactor()
        if redactor is not None:
            variables = {key: redactor.redact(value) if isinstance(value, str) and not hasattr(value, "__html__")
                         else value for key, value in variables.items()}
        return translate(*args, **variables)
    return wrapper


def typed(value: Any) -> Markup:
    """What the reader typed themselves (a search, and the links that carry it), printed back as typed and
    escaped: redacting it would tell them that a name they guessed is one of the people hidden from them."""
    return Markup(escape("" if value is None else str(value)))


def install(app: Flask, hidden_people: HiddenPeople) -> None:
    app.extensions[PEOPLE_KEY] = hidden_people
    app.jinja_env.finalize = finalize
    app.jinja_env.filters["typed"] = typed
    for name in ("gettext", "_", "ngettext", "pgettext", "npgettext"):
        if callable(app.jinja_env.globals.get(name)):
            app.jinja_env.globals[name] = _redacting(app.jinja_env.globals[name])
