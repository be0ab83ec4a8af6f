"""The case form: the whole record on one page. Shape only; the services check the rules."""
from __future__ import annotations

from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms import (BooleanField, Form, FormField, HiddenField, SelectField,
                     StringField, SubmitField, TextAreaField)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from caseapp.cases.conditions import CHOICE_LABELS, FACTS, NOTE_SUFFIX
from caseapp.cases.dates import check_period, parse_partial_date
from caseapp.cases.limits import (ACTIONS_MAX, GROUP_NOTE_MAX, GROUPS_MAX, NOTE_MAX, REGION_MAX, SUMMARY_MAX,
                                  TITLE_MAX, WORKSITE_MAX)
from caseapp.cases.vocab import ACTION_KINDS, CONFIDENTIALITY, COUNT_QUALIFIERS, SECTORS, country_names
from caseapp.errors import ServiceError
from caseapp.i18n import locale_now
from caseapp.forms import TYPE_TO_SEARCH, BoundedFieldList, DecimalNumberField, StrictForm, WholeNumberField
from caseapp.validation import is_whole_number

DATE_HELP = _l("YYYY, YYYY-MM or YYYY-MM-DD: as precise as the source is.")


def choices(pairs, blank: str | None = None) -> list[SelectChoice]:
    items = [SelectChoice("", blank)] if blank is not None else []
    return items + [SelectChoice(key, gettext(label) if isinstance(label, str) else label) for key, label in pairs]


class PartialDate:
    """YYYY, YYYY-MM or YYYY-MM-DD, checked by the form (caseapp.cases.dates), so that every date field of a
    submit shows its own mistake at once: the services stop at the first."""

    def __call__(self, form, field) -> None:
        value = (field.data or "").strip()
        if value:
            try:
                parse_partial_date(value, field.name)
            except ServiceError as error:
                raise ValidationError(error.translated(gettext)) from None


def tristate_choices() -> list[SelectChoice]:
    """Unknown, yes or no: unknown is not the same as no."""
    return [SelectChoice("", gettext("Unknown")), SelectChoice("yes", gettext("Yes")), SelectChoice("no", gettext("No"))]


def country_choices(blank) -> list[SelectChoice]:
    names = country_names(locale_now())
    return [SelectChoice("", blank)] + [SelectChoice(code, name) for code, name in names.items()]


class WorkerGroupForm(Form):
    id = HiddenField()
    origin = SelectField(_l("Origin"), validators=[Optional()], render_kw=TYPE_TO_SEARCH)
    count_qualifier = SelectField(_l("How many"), default="unknown")
    count_min = WholeNumberField(_l("From"), validators=[Optional(), NumberRange(min=0)])
    count_max = WholeNumberField(_l("To"), validators=[Optional(), NumberRange(min=0)])
    gender_note = StringField(_l("Gender"), validators=[Length(max=GROUP_NOTE_MAX)])
    age_note = StringField(_l("Ages"), validators=[Length(max=GROUP_NOTE_MAX)])
    children_involved = SelectField(_l("Children involved"), validators=[Optional()])
    note = TextAreaField(_l("Note"), validators=[Length(max=NOTE_MAX)])
    remove = BooleanField(_l("Remove this group"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.origin.choices = country_choices(gettext("Unknown"))
        self.count_qualifier.choices = choices(COUNT_QUALIFIERS.items())
        self.children_involved.choices = tristate_choices()


class ActionForm(Form):
    id = HiddenField()
    kind = SelectField(_l("Kind"))
    date = StringField(_l("Date"), validators=[Optional(), Length(max=10), PartialDate()], description=DATE_HELP)
    outcome = TextAreaField(_l("Outcome"), validators=[Length(max=NOTE_MAX)])
    remove = BooleanField(_l("Remove this action"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = choices(ACTION_KINDS.items())


def _condition_field(fact):
    label = _l(fact.label)
    if fact.kind == "number":
        return DecimalNumberField(label, validators=[Optional(), NumberRange(min=fact.minimum, max=fact.maximum)])
    if fact.kind == "integer":
        return WholeNumberField(label, validators=[Optional(), NumberRange(min=fact.minimum, max=fact.maximum)])
    if fact.kind in ("boolean", "choice"):
        return SelectField(label, validators=[Optional()], default="")
    if fact.kind == "text":
        return TextAreaField(label, validators=[Length(max=NOTE_MAX)])
    description = _l("HH:MM, e.g. 07:00") if fact.kind == "time" else _l("e.g. USD, EUR, RUB")
    return StringField(label, validators=[Optional(), Length(max=5)], description=description)


class ConditionsForm(Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for fact in FACTS:
            field = self[fact.key]
            if fact.kind == "boolean":
                field.choices = tristate_choices()
            elif fact.kind == "choice":
                field.choices = choices(CHOICE_LABELS[fact.key].items(), blank=gettext("Unknown"))


for _fact in FACTS:
    setattr(ConditionsForm, _fact.key, _condition_field(_fact))
    setattr(ConditionsForm, _fact.key + NOTE_SUFFIX, StringField(_l("Note"), validators=[Length(max=NOTE_MAX)]))


class CaseForm(StrictForm):
    version = HiddenField()
    base = HiddenField()  # the fields as the page showed them (caseapp.conflicts)
    title = StringField(
        _l("Title"), validators=[DataRequired(), Length(max=TITLE_MAX)],
        description=_l("Who, where and what, in a line: e.g. 'Construction workers held in barracks'."),
    )
    summary = TextAreaField(_l("Summary"), validators=[Optional(), Length(max=SUMMARY_MAX)])
    confidentiality = SelectField(_l("Confidentiality"), default="normal")
    assignee_id = SelectField(_l("Assigned caseworker"), validators=[Optional()], render_kw=TYPE_TO_SEARCH)
    country = SelectField(_l("Country of work"), validators=[Optional()], render_kw=TYPE_TO_SEARCH)
    region = StringField(_l("Region"), validators=[Length(max=REGION_MAX)])
    worksite = StringField(_l("Worksite"), validators=[Length(max=WORKSITE_MAX)],
                           description=_l("e.g. 'stadium construction site, Saint Petersburg'"))
    sector = SelectField(_l("Sector"), validators=[DataRequired()])
    period_start = StringField(_l("From"), validators=[Optional(), Length(max=10), PartialDate()], description=DATE_HELP)
    period_end = StringField(_l("Until"), validators=[Optional(), Length(max=10), PartialDate()], description=DATE_HELP)
    worker_groups = BoundedFieldList(FormField(WorkerGroupForm), _l("Worker groups"), min_entries=1, max_entries=GROUPS_MAX)
    conditions = FormField(ConditionsForm)
    actions = BoundedFieldList(FormField(ActionForm), _l("Follow-up actions"), max_entries=ACTIONS_MAX)
    save = SubmitField(_l("Save the case"))
    add_group = SubmitField(_l("Add a worker group"))
    add_action = SubmitField(_l("Add an action"))

    def validate_period_end(self, field) -> None:
        """The period's order, beside its own dates' form: one submit names every mistake."""
        if self.period_start.errors or field.errors or not (self.period_start.data or "").strip() \
                or not (field.data or "").strip():
            return
        try:
            check_period(self.period_start.data.strip(), field.data.strip())
        except ServiceError as error:
            raise ValidationError(error.translated(gettext)) from None

    def __init__(self, *args, assignees=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = country_choices(gettext("Unknown"))
        # No sector is chosen for the user: a required choice left at its first value would be saved unread.
        self.sector.choices = choices(SECTORS.items(), blank=gettext("Choose a sector"))
        self.confidentiality.choices = choices(CONFIDENTIALITY.items())
        if assignees is None:
            del self.assignee_id  # only coordinators assign cases
        else:
            self.assignee_id.choices = [SelectChoice(str(u.id), u.display_name) for u in assignees]


# --- between the form and the services' plain data ---------------------------------------------

def _blank_to_none(value: Any) -> Any:
    return None if value == "" else value


def _tristate(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def _from_tristate(value: bool | None) -> str:
    return {True: "yes", False: "no"}.get(value, "")


def _id(value: Any) -> int | None:
    return int(value) if is_whole_number(str(value)) else None


def form_to_data(form: CaseForm) -> dict[str, Any]:
    """The form's content in the shape the services (and the API) take."""
    data: dict[str, Any] = {key: form[key].data for key in (
        "title", "summary", "confidentiality", "region", "worksite", "sector")}
    data["country"] = _blank_to_none(form.country.data)
    data["period_start"] = _blank_to_none((form.period_start.data or "").strip())
    data["period_end"] = _blank_to_none((form.period_end.data or "").strip())
    if "assignee_id" in form and _id(form.assignee_id.data) is not None:
        data["assignee_id"] = _id(form.assignee_id.data)
    conditions = {}
    for fact in FACTS:
        value = form.conditions[fact.key].data
        conditions[fact.key] = _tristate(value) if fact.kind == "boolean" else _blank_to_none(value)
        conditions[fact.key + NOTE_SUFFIX] = _blank_to_none(form.conditions[fact.key + NOTE_SUFFIX].data)
    data["conditions"] = conditions
    data["worker_groups"] = [_group_data(entry.form) for entry in form.worker_groups
                             if not entry.form.remove.data and not _empty_group(entry.form)]
    data["actions"] = [_action_data(entry.form) for entry in form.actions if not entry.form.remove.data]
    return data


def _empty_group(group: WorkerGroupForm) -> bool:
    # A blank group that was never saved is the empty row the form offers, not a group.
    return not group.id.data and not any([group.origin.data, group.count_min.data is not None,
                                          group.count_max.data is not None, group.gender_note.data,
                                          group.age_note.data, group.children_involved.data, group.note.data])


def _group_data(group: WorkerGroupForm) -> dict[str, Any]:
    return {
        "id": _id(group.id.data),
        "origin": _blank_to_none(group.origin.data),
        "count_min": group.count_min.data,
        "count_max": group.count_max.data,
        "count_qualifier": group.count_qualifier.data or "unknown",
        "gender_note": group.gender_note.data or "",
        "age_note": group.age_note.data or "",
        "children_involved": _tristate(group.children_involved.data),
        "note": group.note.data or "",
    }


def _action_data(action: ActionForm) -> dict[str, Any]:
    return {"id": _id(action.id.data), "kind": action.kind.data,
            "date": _blank_to_none((action.date.data or "").strip()), "outcome": action.outcome.data or ""}


def case_to_formdata(case) -> dict[str, Any]:
    """The stored case as the form's initial data."""
    conditions = {}
    for fact in FACTS:
        value = (case.conditions or {}).get(fact.key)
        conditions[fact.key] = _from_tristate(value) if fact.kind == "boolean" else (
            value if value is not None else ("" if fact.kind in ("choice", "time", "currency", "text") else None))
        conditions[fact.key + NOTE_SUFFIX] = (case.conditions or {}).get(fact.key + NOTE_SUFFIX) or ""
    groups = [{
        "id": g.id, "origin": g.origin or "", "count_min": g.count_min, "count_max": g.count_max,
        "count_qualifier": g.count_qualifier, "gender_note": g.gender_note, "age_note": g.age_note,
        "children_involved": _from_tristate(g.children_involved), "note": g.note,
    } for g in case.worker_groups]
    return {
        "version": case.version, "title": case.title, "summary": case.summary,
        "confidentiality": case.confidentiality, "assignee_id": str(case.assignee_id or ""),
        "country": case.country or "", "region": case.region, "worksite": case.worksite, "sector": case.sector,
        "period_start": case.period_start or "", "period_end": case.period_end or "",
        "conditions": conditions, "worker_groups": groups or [{}],
        "actions": [{"id": a.id, "kind": a.kind, "date": a.date or "", "outcome": a.outcome} for a in case.actions],
    }
