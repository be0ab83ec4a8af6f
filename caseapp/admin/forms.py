"""User administration forms: shape only."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from caseapp.auth.forms_common import new_password_length
from caseapp.auth.roles import ROLE_LABELS, ROLES
from caseapp.forms import StrictForm, WholeNumberField


def role_choices():
    return [SelectChoice(role, _l(ROLE_LABELS[role])) for role in ROLES]


class NewUserForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    full_name = StringField(_l("Full name"), validators=[Length(max=200)])
    role = SelectField(_l("Role"), choices=role_choices(), default="caseworker")
    password = PasswordField(
        _l("Initial password"),
        validators=[DataRequired(), *new_password_length()],
        description=_l("At least 12 characters. Give it to the colleague in person; at their first sign-in caseapp asks them to choose their own."),
    )


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=role_choices())


class ResetPasswordForm(FlaskForm):
    password = PasswordField(
        _l("New password"), validators=[DataRequired(), *new_password_length()]
    )


class SecuritySettingsForm(FlaskForm):
    two_factor_roles = SelectMultipleField(
        _l("Roles that must sign in with a second factor"), choices=role_choices(),
        option_widget=CheckboxInput(), widget=ListWidget(prefix_label=False),
    )
    idle_timeout_minutes = WholeNumberField(
        _l("Sign out after this many minutes without activity"), validators=[Optional(), NumberRange(min=1)],
    )
    absolute_timeout_minutes = WholeNumberField(
        _l("End every session this many minutes after sign-in"), validators=[Optional(), NumberRange(min=1)],
    )


class RetentionSettingsForm(StrictForm):
    # Bounds and help are the service's and the view's: caseapp.privacy.due.MIN_DAYS and MAX_DAYS.
    closed_case_retention_days = WholeNumberField(
        _l("Delete closed cases this many days after they were closed"), validators=[Optional()])
    person_retention_days = WholeNumberField(
        _l("Delete the people of a closed case this many days after it was closed"), validators=[Optional()])


class ExportApprovalForm(StrictForm):
    export_approval_required = BooleanField(_l("Advocates' exports need approval"))
