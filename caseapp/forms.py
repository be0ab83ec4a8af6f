"""The base of the record forms: a post carrying a field the form lacks is refused, naming it.

What a role may not set is left out of its form (a caseworker's case form has
no assignee); a post that sends it anyway saves nothing and says why, rather
than dropping it silently.
"""
from __future__ import annotations

from flask import request
from flask_babel import gettext
from flask_wtf import FlaskForm

from caseapp.validation import form_field_names

IGNORED = frozenset({"csrf_token"})


class StrictForm(FlaskForm):
    def refused_fields(self) -> list[str]:
        return sorted(set(request.form) - form_field_names(self) - IGNORED)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        refused = self.refused_fields()
        if refused:
            self.form_errors.append(gettext("You may not set %(name)s.", name=", ".join(refused)))
            return False
        return valid
