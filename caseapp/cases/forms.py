"""The case form: shape only; the service checks the rules."""
from __future__ import annotations

from flask_babel import get_locale, gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from caseapp.cases.services import SUMMARY_MAX, TITLE_MAX
from caseapp.cases.vocab import SECTORS, country_names


class CaseForm(FlaskForm):
    title = StringField(
        _l("Title"),
        validators=[DataRequired(), Length(max=TITLE_MAX)],
        description=_l("Who, where and what, in a line: e.g. 'Construction workers held in barracks'."),
    )
    summary = TextAreaField(_l("Summary"), validators=[Optional(), Length(max=SUMMARY_MAX)])
    country = SelectField(_l("Country of work"), validators=[Optional()])
    sector = SelectField(_l("Sector"), validators=[DataRequired()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = country_names(str(get_locale() or "en"))
        self.country.choices = [SelectChoice("", gettext("Unknown"))] + [
            SelectChoice(code, name) for code, name in names.items()
        ]
        self.sector.choices = [SelectChoice(key, gettext(label)) for key, label in SECTORS.items()]
