"""The one screen for a record someone else saved first (a case, a party, a person's record).

Every edit form sends the version it started from; when the record has moved on, the service raises
Conflict (caseapp.locking) and the view answers with this page: the fields where the two versions
differ side by side, and the form again with everything the user typed. Saving it again, now against
the current version, deliberately keeps the user's version.
"""
from __future__ import annotations

from typing import Any

from flask import render_template

from caseapp.locking import Difference


def conflict_page(form: Any, current: Any, differences: list[Difference], *, heading: str,
                  crumbs: list[tuple[str, str]], fields: str, action: str, keep_theirs: str, **context: Any):
    """The 409 page: `fields` is the template of the form's fields, shared with the edit page."""
    form.version.data = str(current.version)  # saving again now replaces theirs, knowingly
    return render_template("conflict.html", form=form, current=current, differences=differences, heading=heading,
                           crumbs=crumbs, fields_template=fields, action=action, keep_theirs=keep_theirs,
                           **context), 409
