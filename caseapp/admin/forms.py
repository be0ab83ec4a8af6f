"""User administration forms: shape only."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from caseapp.auth.forms_common import new_password_length
from caseapp.auth.roles import ROLE_LABELS, ROLES

def role_choices():
    return [SelectChoice(role, _l(ROLE_LABELS[role])) for role in ROLES]


class NewUserForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    full_name = StringField(_l("Full name"), validators=[Length(max=200)])
    role = SelectField(_l("Role"), choices=role_choices(), default="caseworker")
    password = PasswordField(
        _l("Initial password"),
        validators=[DataRequired(), *new_password_length()],
        description=_l("At least 12 characters. Give it to the colleague in person; they change it on their profile."),
    )


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=role_choices())


class ResetPasswordForm(FlaskForm):
    password = PasswordField(
        _l("New password"), validators=[DataRequired(), *new_password_length()]
    )
