"""Operations on cases: create, update (optimistically locked), find, list. The caller commits."""
from __future__ import annotations

from typing import Any

from sqlalchemy import case as sql_case
from sqlalchemy import select, update

from caseapp.audit.changes import created_fields, field_changes
from caseapp.audit.services import record
from caseapp.auth.models import Organisation, User
from caseapp.auth.roles import CASEWORKER, COORDINATOR
from caseapp.cases import events, permissions, workflow
from caseapp.cases.conditions import merge_conditions
from caseapp.cases.limits import (ACTIONS_MAX, GROUP_NOTE_MAX, GROUPS_MAX, NOTE_MAX, REGION_MAX, SUMMARY_MAX,
                                  TITLE_MAX, WORKSITE_MAX)
from caseapp.cases.dates import check_period, parse_partial_date
from caseapp.cases.models import Case, CaseAction, WorkerGroup
from caseapp.cases.vocab import ACTION_KINDS, CONFIDENTIALITY, COUNT_QUALIFIERS, SECTORS, is_country
from caseapp.db import utcnow
from caseapp.errors import N_, ServiceError
from caseapp.extensions import db
from caseapp.locking import check_version, stale_as_conflict
from caseapp.validation import clean_choice as _choice

SCALARS = ("title", "summary", "confidentiality", "assignee_id", "country", "region", "worksite", "sector",
           "period_start", "period_end")


# --- checking input -------------------------------------------------------------------------------

def _text(data: dict, key: str, maximum: int, required: bool = False) -> str:
    value = data.get(key)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ServiceError(N_("Give a text value."), key)
    value = value.replace("\r\n", "\n").strip()
    if required and not value:
        raise ServiceError(N_("A case needs a title."), key)
    if len(value) > maximum:
        raise ServiceError(N_("Keep this under %(max)s characters."), key, max=maximum)
    return value


def _country(value: Any, field: str) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not is_country(value.strip().upper()):
        raise ServiceError(N_("%(code)s is not an ISO 3166 country code."), field, code=str(value)[:20])
    return value.strip().upper()


def _partial_date(value: Any, field: str) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ServiceError(N_("Write the date as YYYY, YYYY-MM or YYYY-MM-DD."), field)
    parse_partial_date(value.strip(), field)
    return value.strip()


def _assignee(value: Any, organisation_id: int) -> int:
    user = db.session.get(User, value) if isinstance(value, int) and not isinstance(value, bool) else None
    if user is None or user.organisation_id != organisation_id or not user.active \
            or user.role not in (CASEWORKER, COORDINATOR):
        raise ServiceError(N_("Choose an active caseworker or coordinator of your organisation."), "assignee_id")
    return user.id


def clean_scalars(data: dict, organisation_id: int) -> dict[str, Any]:
    """Check and tidy the case's own fields that are present in data."""
    cleaners = {
        "title": lambda v: _text(data, "title", TITLE_MAX, required=True),
        "summary": lambda v: _text(data, "summary", SUMMARY_MAX),
        "region": lambda v: _text(data, "region", REGION_MAX),
        "worksite": lambda v: _text(data, "worksite", WORKSITE_MAX),
        "country": lambda v: _country(v, "country"),
        "sector": lambda v: _choice(v, SECTORS, "sector"),
        "confidentiality": lambda v: _choice(v, CONFIDENTIALITY, "confidentiality"),
        "period_start": lambda v: _partial_date(v, "period_start"),
        "period_end": lambda v: _partial_date(v, "period_end"),
        "assignee_id": lambda v: _assignee(v, organisation_id),
    }
    return {key: cleaner(data[key]) for key, cleaner in cleaners.items() if key in data}


def _count(value: Any, field: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ServiceError(N_("Give a whole number of 0 or more."), field)
    return value


def clean_worker_group(raw: dict, index: int) -> dict[str, Any]:
    prefix = f"worker_groups.{index}"
    group = {
        "id": raw.get("id"),
        "origin": _country(raw.get("origin"), f"{prefix}.origin"),
        "count_min": _count(raw.get("count_min"), f"{prefix}.count_min"),
        "count_max": _count(raw.get("count_max"), f"{prefix}.count_max"),
        "count_qualifier": _choice(raw.get("count_qualifier") or "unknown", COUNT_QUALIFIERS,
                                   f"{prefix}.count_qualifier"),
        "gender_note": _text(raw, "gender_note", GROUP_NOTE_MAX),
        "age_note": _text(raw, "age_note", GROUP_NOTE_MAX),
        "children_involved": raw.get("children_involved"),
        "note": _text(raw, "note", NOTE_MAX),
    }
    if group["children_involved"] not in (None, True, False):
        raise ServiceError(N_("Answer yes or no, or leave it empty for unknown."), f"{prefix}.children_involved")
    low, high = group["count_min"], group["count_max"]
    if low is not None and high is not None and low > high:
        raise ServiceError(N_("The lowest number is above the highest."), f"{prefix}.count_max")
    if group["count_qualifier"] == "exact" and low is not None and high is not None and low != high:
        raise ServiceError(N_("An exact number has one value: make both numbers the same."), f"{prefix}.count_max")
    return group


def clean_action(raw: dict, index: int) -> dict[str, Any]:
    prefix = f"actions.{index}"
    return {
        "id": raw.get("id"),
        "kind": _choice(raw.get("kind"), ACTION_KINDS, f"{prefix}.kind"),
        "date": _partial_date(raw.get("date"), f"{prefix}.date"),
        "outcome": _text(raw, "outcome", NOTE_MAX),
    }


def _set_period(case: Case) -> None:
    """Check the period and keep the whole days it covers beside it, for the period filters."""
    check_period(case.period_start, case.period_end)
    case.period_first = parse_partial_date(case.period_start).first if case.period_start else None
    case.period_last = parse_partial_date(case.period_end).last if case.period_end else None


def _refuse_unsettable(data: dict, actor: User) -> None:
    allowed = permissions.settable_fields(actor)
    for key in data:
        if key not in allowed:
            raise ServiceError(N_("You may not set %(name)s."), key, name=key)


# --- writing --------------------------------------------------------------------------------------

def next_reference(organisation: Organisation) -> str:
    """Allocate the next CODE-YEAR-NNNN for the organisation, safe under concurrency."""
    return reserve_references(organisation, 1)[0]


def reserve_references(organisation: Organisation, count: int) -> list[str]:
    """Allocate the next `count` CODE-YEAR-NNNN of the organisation at once (an import takes one block
    instead of updating the counter for every case), safe under concurrency; a rollback gives them back."""
    year = utcnow().year
    # One UPDATE both locks the row and counts, so two writers never share a number.
    last = db.session.execute(
        update(Organisation)
        .where(Organisation.id == organisation.id)
        .values(
            case_counter=sql_case((Organisation.case_counter_year == year, Organisation.case_counter + count),
                                  else_=count),
            case_counter_year=year,
        )
        .returning(Organisation.case_counter),
        # Not looked for among the objects in the session (none reads the counter): an import holds
        # thousands, and looking through them all for each new case made the import quadratic.
        execution_options={"synchronize_session": False},
    ).scalar_one()
    return [f"{organisation.code}-{year}-{number:04d}" for number in range(last - count + 1, last + 1)]


def create_case(data: dict[str, Any], actor: User, reference: str | None = None) -> Case:
    """A new draft case (reference: one the caller reserved with reserve_references, else the next)."""
    if not permissions.can_create_case(actor):
        raise PermissionError("create case")
    _refuse_unsettable(data, actor)
    if "title" not in data:
        raise ServiceError(N_("A case needs a title."), "title")
    scalars = clean_scalars(data, actor.organisation_id)
    case = Case(
        organisation_id=actor.organisation_id,
        reference=reference or next_reference(actor.organisation),
        status="draft",
        created_by_id=actor.id,
        assignee_id=scalars.pop("assignee_id", None) or actor.id,
        conditions=merge_conditions(None, data.get("conditions") or {}),
        sector=scalars.pop("sector", "other"),
        confidentiality=scalars.pop("confidentiality", "normal"),
        # Empty from the start: a new case has no children to read back from the database.
        worker_groups=[],
        actions=[],
        **scalars,
    )
    _set_period(case)
    db.session.add(case)
    record("case.create", case, actor, created_fields(case_fields(case)))
    pending = _replace_children(case, data)
    db.session.flush()
    _record_children(case, pending, actor)
    return case


def update_case(case: Case, data: dict[str, Any], actor: User, expected_version: int) -> Case:
    """Apply the fields present in data; refuse if the case changed since expected_version."""
    if not permissions.can_edit_case(actor, case):
        raise PermissionError("edit case")
    check_version(case, expected_version)
    _refuse_unsettable(data, actor)
    with stale_as_conflict(case):
        # One flush at the end: one UPDATE of the case row, so one new version per save.
        with db.session.no_autoflush:
            before = case_fields(case)
            for key, value in clean_scalars(data, case.organisation_id).items():
                setattr(case, key, value)
            _set_period(case)
            if "conditions" in data:
                case.conditions = merge_conditions(case.conditions, data["conditions"] or {})
            child_changes = _replace_children(case, data)
            changes = field_changes(before, case_fields(case))
            reopened = bool(changes or child_changes) and case.status == workflow.VERIFIED
            if changes or child_changes:
                case.updated_at = utcnow()
            if reopened:
                # What was verified is no longer what the case says: it goes back to review (and out of
                # the advocates' sight) until a coordinator verifies it again.
                case.status, case.status_changed_at = workflow.IN_REVIEW, utcnow()
        db.session.flush()
    if changes:
        record("case.update", case, actor, changes)
    _record_children(case, child_changes, actor)
    if reopened:
        _tell_reopened(case, actor)
    return case


def reopen_if_verified(case: Case, actor: User | None) -> bool:
    """A change to what a verified case says (its record, parties, people, quotes, facts, findings, sources)
    sends it back to review: what was verified is no longer what the case says, and advocates lose it until a
    coordinator verifies it again. Every service that changes a case's content calls this; the history says
    why the status moved. Returns whether it did."""
    if case.status != workflow.VERIFIED:
        return False
    case.status, case.status_changed_at = workflow.IN_REVIEW, utcnow()
    db.session.flush()
    _tell_reopened(case, actor)
    return True


def _tell_reopened(case: Case, actor: User | None) -> None:
    """The history entry and the notice of a verified case sent back to review (update_case moves the status
    itself, in the same UPDATE as the change, so that one save is one new version)."""
    record("case.reopen_by_edit", case, actor, {"status": {"old": workflow.VERIFIED, "new": workflow.IN_REVIEW}})
    if actor is not None:
        events.case_reopened.send(case, actor=actor)


def case_fields(case: Case) -> dict[str, Any]:
    """The fields of a case as they appear in its history: its own, and each condition."""
    fields = {key: getattr(case, key) for key in ("reference", "status", *SCALARS)}
    fields.update({f"conditions.{k}": v for k, v in (case.conditions or {}).items() if v is not None})
    return fields


def _replace_children(case: Case, data: dict) -> list[tuple[str, Any, dict]]:
    """Apply worker groups and actions from data; return the history entries to write."""
    pending: list[tuple[str, Any, dict]] = []
    if "worker_groups" in data:
        groups = [clean_worker_group(raw, i) for i, raw in enumerate(_list(data, "worker_groups"))]
        pending += _sync(case.worker_groups, groups, WorkerGroup, "worker_group")
    if "actions" in data:
        actions = [clean_action(raw, i) for i, raw in enumerate(_list(data, "actions"))]
        pending += _sync(case.actions, actions, CaseAction, "case_action")
    return pending


def _record_children(case: Case, pending: list[tuple[str, Any, dict]], actor: User) -> None:
    for action, row, changes in pending:
        record(action, row, actor, changes, case_id=case.id)


LIST_MAX = {"worker_groups": GROUPS_MAX, "actions": ACTIONS_MAX}


def _list(data: dict, key: str) -> list[dict]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ServiceError(N_("Give a list of objects."), key)
    if len(value) > LIST_MAX[key]:
        raise ServiceError(N_("At most %(max)s."), key, max=LIST_MAX[key])
    return value


def _sync(existing: list, wanted: list[dict], model, noun: str) -> list[tuple[str, Any, dict]]:
    """Make a case's child rows match `wanted`: update by id, add new ones, remove the rest."""
    by_id = {row.id: row for row in existing}
    keep, pending = set(), []
    for index, item in enumerate(wanted):
        row_id = item.pop("id", None)
        if row_id is None:
            row = model(**item)
            existing.append(row)
            pending.append((f"{noun}.create", row, created_fields(item)))
            continue
        if row_id not in by_id:
            raise ServiceError(N_("There is no such entry in this case."), f"{model.__tablename__}.{index}.id")
        row = by_id[row_id]
        diff = field_changes({k: getattr(row, k) for k in item}, item)
        for key, value in item.items():
            setattr(row, key, value)
        if diff:
            pending.append((f"{noun}.update", row, diff))
        keep.add(row_id)
    for row in [r for r in existing if r.id is not None and r.id not in keep]:
        pending.append((f"{noun}.delete", row, field_changes({k: getattr(row, k) for k in _columns(row)}, {})))
        existing.remove(row)
    return pending


def _columns(row) -> list[str]:
    return [c.key for c in row.__table__.columns if c.key not in ("id", "case_id")]


# --- reading --------------------------------------------------------------------------------------


def assignable_users(organisation_id: int) -> list[User]:
    return list(db.session.scalars(
        select(User).where(User.organisation_id == organisation_id, User.active.is_(True),
                           User.role.in_((CASEWORKER, COORDINATOR))).order_by(User.full_name, User.email)
    ))
