"""The base of the record forms: a post carrying a field the form lacks is refused, naming it.

What a role may not set is left out of its form (a caseworker's case form has
no assignee); a post that sends it anyway saves nothing and says why, rather
than dropping it silently.
"""
from __future__ import annotations

from flask import abort, request
from flask_babel import gettext, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FieldList, FloatField, IntegerField
from wtforms.utils import unset_value

from caseapp.validation import decimal_number, form_field_names, is_whole_number

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


def version_of(form) -> int:
    """The version an edit form started from: a hand-made post without a plain number is a bad request."""
    if not is_whole_number(form.version.data or ""):
        abort(400)
    return int(form.version.data)


class WholeNumberField(IntegerField):
    """A whole number typed with the digits 0 to 9, as `caseapp.validation` reads every number.

    WTForms' IntegerField would read "٣" or "３" as 3 and take " 3" or "3_0": a number that was not
    typed as shown is refused, and the field keeps what was typed.
    """

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        raw = valuelist[0].strip()
        self.raw_data = valuelist
        if raw == "":
            self.data = None
        elif is_whole_number(raw, maximum=10**15):
            self.data = int(raw)
        else:
            self.data = None
            raise ValueError(_l("Write a whole number with the digits 0 to 9."))


class DecimalNumberField(FloatField):
    """A number such as 12, 12.5 or 12,5, typed with the digits 0 to 9 (never "nan", "inf" or "1e9")."""

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        raw = valuelist[0].strip()
        self.raw_data = valuelist
        if raw == "":
            self.data = None
            return
        self.data = decimal_number(raw)
        if self.data is None:
            raise ValueError(_l("Write a number with the digits 0 to 9, such as 12 or 12.5."))


class BoundedFieldList(FieldList):
    """A list of sub-forms that stops at max_entries and says so, where WTForms' own fails with an error 500.

    A post with more rows than the form takes (or an "add a row" past the last) keeps the first rows and
    refuses to save, naming the limit.
    """

    overflowed = False

    def process(self, formdata, data=unset_value, extra_filters=None):
        if formdata is not None and self.max_entries:
            # WTForms keeps the first max_entries rows of a post without a word: refuse it instead.
            self.overflowed = len(set(self._extract_indices(self.name, formdata))) > self.max_entries
        super().process(formdata, data, extra_filters)

    def append_entry(self, data=unset_value):
        if self.max_entries and len(self.entries) >= self.max_entries:
            self.overflowed = True
            return None
        return super().append_entry(data)

    def validate(self, form, extra_validators=()):
        valid = super().validate(form, extra_validators)
        if self.overflowed:
            form.form_errors.append(gettext("%(label)s: at most %(max)s.", label=self.label.text,
                                            max=self.max_entries))
            return False
        return valid


# A long list (about 250 countries, every party, every user) is typed to search in the browser:
# static/js/combobox.js enhances each select marked so; without JavaScript it stays a plain select.
TYPE_TO_SEARCH = {"data-combobox": ""}
