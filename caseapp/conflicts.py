"""The one screen for a record someone else saved first (a case, a party, a person's record).

Every edit form sends the version it started from, and `base`: its fields as they were when the
page was opened. When the record has moved on, the service raises Conflict (caseapp.locking) and the
view answers with this page, after a three-way merge of the form:

- a field the user left alone takes the value saved now (their colleague's change is kept);
- a field only the user changed keeps the user's value;
- a field both changed, differently, is a conflict: listed side by side, the user's value in the form.

Saving the page again, now against the current version, saves that merge: nothing the user typed
is lost, and nothing the colleague saved is undone unless the user chose to.
"""
from __future__ import annotations

import json
from typing import Any, Iterator

from flask import render_template
from wtforms import Field, FieldList, FormField
from wtforms.fields import HiddenField, SubmitField

from caseapp.locking import Difference, normalised
from caseapp.protection import disclosure

SKIPPED = (HiddenField, SubmitField)


def _fields(form: Any, prefix: str = "") -> Iterator[tuple[str, Field]]:
    """The form's fields a person edits, by dotted name ("conditions.daily_hours"); a list is one field."""
    for field in form:
        if isinstance(field, SKIPPED) or field.name == "csrf_token":
            continue
        name = prefix + field.short_name
        if isinstance(field, FormField):
            yield from _fields(field.form, name + ".")
        else:
            yield name, field


def _value(field: Field) -> Any:
    """A field's value as a person compares it, in its JSON form (as `base` holds it): a list of rows as
    the list of their values."""
    if isinstance(field, FieldList):
        value = [sorted((k, normalised(_plain(v))) for k, v in entry.data.items() if k != "id")
                 for entry in field.entries] or None
    else:
        value = normalised(_plain(field.data))
    return json.loads(json.dumps(value, default=str))


def _plain(value: Any) -> Any:
    return str(value) if value is not None and not isinstance(value, str | bool | list | tuple) else value


def snapshot(form: Any) -> str:
    """The `base` of a form just filled from the record: what "unchanged" means when it comes back."""
    return json.dumps({name: _value(field) for name, field in _fields(form)})


def _base(form: Any) -> dict[str, Any] | None:
    try:
        base = json.loads(form.base.data or "")
    except (TypeError, ValueError, AttributeError):
        return None
    return base if isinstance(base, dict) else None


def merge(form: Any, theirs: Any) -> tuple[list[Difference], list[str]]:
    """Merge the saved version (`theirs`, a form filled from the current record) into the user's form.

    Returns the conflicts (changed on both sides, differently) and the names of the fields that took
    the saved value because the user had left them alone. Without a usable `base` (a form from before
    this screen existed), every field that differs is shown as a conflict.
    """
    base = _base(form)
    theirs_fields = dict(_fields(theirs))
    conflicts, taken = [], []
    for name, field in _fields(form):
        saved = theirs_fields.get(name)
        if saved is None:
            continue
        mine, now = _value(field), _value(saved)
        if mine == now:
            continue
        if base is not None and name in base and mine == base[name] and not isinstance(field, FieldList):
            field.data, field.raw_data = saved.data, []  # left alone by the user: keep the colleague's change
            taken.append(name)
        elif base is not None and name in base and now == base[name]:
            continue  # only the user changed it
        else:
            conflicts.append(Difference(name, _shown(field), _shown(saved)))
    return conflicts, taken


def _shown(field: Field) -> Any:
    if isinstance(field, FieldList):
        return len(field.entries)
    return field.data


def conflict_page(form: Any, current: Any, theirs: Any, *, heading: str, crumbs: list[tuple[str, str]],
                  fields: str, action: str, keep_theirs: str, **context: Any):
    """The 409 page: `theirs` is the same form filled from the current record; `fields` is the template
    of the form's fields, shared with the edit page."""
    conflicts, taken = merge(form, theirs)
    form.version.data = str(current.version)  # saving again now saves the merge, knowingly
    disclosure.protect_fields(form)  # text naming people this reader may not see: redacted, read-only
    disclosure.protect_fields(theirs)
    form.base.data = snapshot(theirs)
    return render_template("conflict.html", form=form, current=current, differences=conflicts, taken=taken,
                           heading=heading, crumbs=crumbs, fields_template=fields, action=action,
                           keep_theirs=keep_theirs, **context), 409
