"""The person form: shape only."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from caseapp.cases.forms import choices
from caseapp.forms import StrictForm
from caseapp.persons.vocab import CONSENT, PERSON_ROLES, RISK
from caseapp.persons.limits import ALIASES_MAX, CONTACT_MAX, DOCUMENTS_MAX, NAME_MAX, NOTES_MAX


class PersonForm(StrictForm):
    version = HiddenField()
    base = HiddenField()  # the fields as the page showed them (caseapp.conflicts)
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=NAME_MAX)],
                       description=_l("A real name, or a description such as 'worker A' when none is known."))
    aliases = TextAreaField(_l("Other names"), validators=[Length(max=ALIASES_MAX)], description=_l("One per line."))
    role = SelectField(_l("Role"), validators=[DataRequired()])
    risk = SelectField(_l("Risk if identified"), validators=[Optional()],
                       description=_l("Informants are high risk unless you say otherwise."))
    consent = SelectField(_l("Consent to record and use their information"), default="unknown")
    consent_date = DateField(_l("Consent date"), validators=[Optional()])
    contact = TextAreaField(_l("Contact details"), validators=[Length(max=CONTACT_MAX)])
    document_numbers = TextAreaField(_l("Document numbers"), validators=[Length(max=DOCUMENTS_MAX)])
    notes = TextAreaField(_l("Notes"), validators=[Length(max=NOTES_MAX)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = choices(PERSON_ROLES.items())
        self.risk.choices = choices(RISK.items(), blank=_l("Default for the role"))
        self.consent.choices = choices(CONSENT.items())

    def to_data(self) -> dict:
        data = {
            "name": self.name.data, "role": self.role.data, "consent": self.consent.data,
            "consent_date": self.consent_date.data.isoformat() if self.consent_date.data else None,
            "contact": self.contact.data or "", "document_numbers": self.document_numbers.data or "",
            "notes": self.notes.data or "",
            "aliases": [line.strip() for line in (self.aliases.data or "").splitlines() if line.strip()],
        }
        if self.risk.data:
            data["risk"] = self.risk.data
        return data


def person_to_formdata(person) -> dict:
    return {"version": person.version, "name": person.name, "aliases": "\n".join(person.aliases or []),
            "role": person.role, "risk": person.risk, "consent": person.consent,
            "consent_date": person.consent_date, "contact": person.contact,
            "document_numbers": person.document_numbers, "notes": person.notes}
