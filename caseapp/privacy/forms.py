"""Finding a person and confirming an erasure: shape only."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from caseapp.forms import StrictForm, WholeNumberField


class FindPersonForm(StrictForm):
    name = StringField(_l("Name, exactly as recorded"), validators=[Optional(), Length(max=300)])
    person_id = WholeNumberField(_l("Or the person's number"), validators=[Optional(), NumberRange(min=1, max=2**31 - 1)],
                                 description=_l("Shown in the address of the person's page: /persons/NUMBER."))


class EraseForm(StrictForm):
    confirmation = StringField(_l("Type the word shown to confirm"), validators=[DataRequired(), Length(max=20)])
