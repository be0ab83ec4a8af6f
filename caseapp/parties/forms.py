"""Party forms: shape only."""
from __future__ import annotations

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from caseapp.cases.forms import choices, country_choices
from caseapp.forms import TYPE_TO_SEARCH, StrictForm
from caseapp.parties.vocab import PARTY_KINDS
from caseapp.parties.limits import ALIASES_MAX, NAME_MAX, NOTE_MAX, REGISTRATION_MAX


class PartyForm(StrictForm):
    version = HiddenField()
    base = HiddenField()  # the fields as the page showed them (caseapp.conflicts)
    case_id = HiddenField()  # when the party is being added from a case page
    confirm_new = HiddenField()  # set once the user has seen the similar parties and still wants a new one
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=NAME_MAX)])
    kind = SelectField(_l("Kind"), validators=[DataRequired()])
    country = SelectField(_l("Country"), validators=[Optional()])
    registration_number = StringField(_l("Registration number"), validators=[Length(max=REGISTRATION_MAX)])
    aliases = TextAreaField(_l("Other names"), validators=[Length(max=ALIASES_MAX)],
                            description=_l("One per line: spellings, transliterations, former names."))
    note = TextAreaField(_l("Note"), validators=[Length(max=NOTE_MAX)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = choices(PARTY_KINDS.items())
        self.country.choices = country_choices(gettext("Unknown"))

    def to_data(self) -> dict:
        return {
            "name": self.name.data, "kind": self.kind.data, "country": self.country.data or None,
            "registration_number": self.registration_number.data or "", "note": self.note.data or "",
            "aliases": [line.strip() for line in (self.aliases.data or "").splitlines() if line.strip()],
        }


def party_to_formdata(party) -> dict:
    return {"version": party.version, "name": party.name, "kind": party.kind, "country": party.country or "",
            "registration_number": party.registration_number, "aliases": "\n".join(party.aliases or []),
            "note": party.note}


class LinkPartyForm(FlaskForm):
    party_id = SelectField(_l("Party"), validators=[DataRequired()], render_kw=TYPE_TO_SEARCH)
    role = SelectField(_l("Role in this case"), validators=[DataRequired()])
    note = StringField(_l("Note"), validators=[Length(max=NOTE_MAX)])

    def __init__(self, parties, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = {kind: gettext(label) for kind, label in PARTY_KINDS.items()}  # once, not once per party
        self.party_id.choices = [SelectChoice(str(p.id), f"{p.name} ({kinds[p.kind]})") for p in parties]
        self.role.choices = choices(PARTY_KINDS.items())
        chosen = next((p for p in parties if str(p.id) == str(self.party_id.data)), None)
        if chosen is not None and not self.role.raw_data:
            self.role.data = chosen.kind
