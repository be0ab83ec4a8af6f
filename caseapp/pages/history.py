"""A case's history as a person reads it: each change in words and labelled values, in the reader's language,
grouped by who changed what at one sitting, the latest first.

The audit log keeps internal keys and stored values (`withholding_of_wages.signed_off False True`,
`['employment', 'exit']`); this turns them into lines such as "Withholding of wages: signed off" and
"Withholding of wages: stages — Employment, Exit". Values are still checked for need-to-know by the page
(`shown`): the history keeps old text for ever.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flask_babel import format_number, gettext, ngettext
from sqlalchemy import select

from caseapp.assessment.labels import FINDING_STATUSES, STAGES
from caseapp.audit import labels as audit_labels
from caseapp.auth.models import User
from caseapp.auth.roles import ROLE_LABELS
from caseapp.extensions import db
from caseapp.cases import conditions
from caseapp.errors import N_
from caseapp.cases.vocab import ACTION_KINDS, CONFIDENTIALITY, COUNT_QUALIFIERS, SECTORS, STATUSES, country_name
from caseapp.i18n import indicator_name, locale_now
from caseapp.ilo.catalogue import BY_ID as INDICATORS
from caseapp.parties.vocab import PARTY_KINDS
from caseapp.persons.vocab import CONSENT, PERSON_ROLES, RISK

# Entries by one person this close together read as one change (a case saved with its worker groups, a quote
# with the fact it proves).
SITTING = timedelta(minutes=3)
# How many changes the page shows before "Earlier changes", and values of one step before "more changes".
SHOWN_FIRST = 5
LINES_FIRST = 6

EXTRA_FIELDS = {"quote": N_("Quote"), "excerpt": N_("Quote"), "source": N_("Source"),
                "credibility": N_("Credibility"), "start": N_("From character"), "end": N_("To character")}


@dataclass(frozen=True)
class Line:
    """One changed value. `old`/`new` are what the reader sees; `raw` the stored values, for need-to-know."""

    label: str
    old: str | None = None
    new: str | None = None
    raw: tuple[Any, Any] = (None, None)
    # "value": before and after; "event": a sentence alone (signed off); "not_kept": changed, value not kept.
    kind: str = "value"


@dataclass
class Step:
    action: str
    lines: list[Line]


@dataclass
class Sitting:
    actor: str
    started: datetime
    ended: datetime
    steps: list[Step] = field(default_factory=list)


# The order lines are read in: as the form shows the fields (FIELDS' order), "from" before "to"; the audit log
# keeps them sorted by key.
ORDER = {key: index for index, key in enumerate(
    ["reference", "title", "summary", "status", "quote", "source", "start", "end", "credibility", "excerpt",
     *audit_labels.FIELDS])}


def _order(key: str) -> tuple[int, str]:
    part = _indicator_part(key)
    what = part[1] if part else key
    ranks = {"status": 0, "stages": 1, "note": 2, "excerpt_ids": 3, "signed_off": 4}
    if part is not None:
        return (0, f"{part[0]}.{ranks.get(what, 9)}")
    return (ORDER.get(key, len(ORDER)), key)


# The codes a history value may be without being free text: every vocabulary's keys.
KNOWN_CODES = frozenset().union(
    STATUSES, SECTORS, CONFIDENTIALITY, COUNT_QUALIFIERS, ACTION_KINDS, PARTY_KINDS, PERSON_ROLES, CONSENT, RISK,
    ROLE_LABELS, STAGES, FINDING_STATUSES, *conditions.CHOICE_LABELS.values())
# Country and currency codes, dates (2024, 2024-03, 2024-03-05), times of day, case references (DEMO-2026-0007).
CODED = re.compile(r"[A-Z]{2,3}|\d{4}(-\d{2}){0,2}|\d{2}:\d{2}|[A-Z0-9]{1,12}-\d{4}-\d{4,}")


def coded_value(value: Any) -> bool:
    """A history value shown to readers without need-to-know for the case's people: numbers, yes/no, and codes
    of the app's own vocabularies, dates, countries; never free text. Free text is redacted on the page, but
    the history keeps old text for ever: a person removed from the case since would be named in it. A lowercase
    word or a string of digits is not a code here: it may be a name or a telephone number."""
    if value is None or isinstance(value, bool | int | float):
        return True
    if isinstance(value, str):
        return value in KNOWN_CODES or CODED.fullmatch(value) is not None
    return isinstance(value, list) and all(coded_value(item) for item in value)


def _word(key: str, table: dict[str, str]) -> str:
    return gettext(table[key]) if key in table else key


def _plain(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, list | tuple):
        return ", ".join(_plain(item) for item in value) or "—"
    if isinstance(value, dict):  # a count with its bounds: {"min": 10000, "max": None, "qualifier": "at_least"}
        low, high = value.get("min"), value.get("max")
        qualifier = _word(value.get("qualifier") or "", COUNT_QUALIFIERS)
        span = _plain(low) if high in (None, low) else f"{_plain(low)}–{_plain(high)}"
        return f"{qualifier} {span}".strip()
    return str(value)


def _indicator_part(key: str) -> tuple[str, str] | None:
    head, _, rest = key.partition(".")
    return (head, rest) if head in INDICATORS and rest else None


class Reader:
    """Labels and values for one page: the names of the organisation's people by id, the reader's locale."""

    def __init__(self, names: dict[int, str]) -> None:
        self.names = names
        self.locale = locale_now()

    def line(self, action: str, key: str, change: dict[str, Any]) -> Line:
        if change.get("changed"):
            return Line(self.label(action, key), kind="not_kept")
        old, new = change.get("old"), change.get("new")
        part = _indicator_part(key)
        if key == "deleted" and action in ("case.delete", "case.restore"):
            return Line(gettext("moved to the bin") if new else gettext("brought back from the bin"), kind="event",
                        raw=(old, new))
        if part is not None and part[1] == "signed_off":
            name = indicator_name(part[0])
            text = gettext("%(indicator)s: signed off", indicator=name) if new else \
                gettext("%(indicator)s: sign-off taken away", indicator=name)
            return Line(text, kind="event", raw=(old, new))
        return Line(self.label(action, key), self.value(action, key, old), self.value(action, key, new), (old, new))

    def label(self, action: str, key: str) -> str:
        part = _indicator_part(key)
        if part is not None:
            indicator, what = part
            words = {"status": gettext("finding"), "stages": gettext("stages"), "note": gettext("note"),
                     "excerpt_ids": gettext("quotes")}
            return gettext("%(indicator)s: %(what)s", indicator=indicator_name(indicator),
                           what=words.get(what, what))
        if key in audit_labels.FIELDS:
            return gettext(audit_labels.FIELDS[key])
        if key in EXTRA_FIELDS:
            return gettext(EXTRA_FIELDS[key])
        name = key.split("[", 1)[0]  # workers_count[1]: the value of that fact for worker group 1
        if name == "workers_count":
            return gettext("Number of workers")
        return conditions.condition_label(name, gettext) or key

    def value(self, action: str, key: str, value: Any) -> str | None:
        if value is None:
            return None
        part = _indicator_part(key)
        if part is not None:
            what = part[1]
            if what == "status":
                return _word(value, FINDING_STATUSES)
            if what == "stages":
                return ", ".join(_word(stage, STAGES) for stage in value) or "—"
            if what == "excerpt_ids":
                return ngettext("%(num)d quote", "%(num)d quotes", len(value or ()))
            return _plain(value)
        table = self._vocabulary(action, key)
        if table is not None:
            return ", ".join(_word(item, table) for item in value) if isinstance(value, list) else _word(value, table)
        if key in ("country", "origin"):
            return country_name(value, self.locale) or str(value)
        if key == "assignee_id":
            return self.names.get(value, "#%s" % value)
        name = key.removeprefix("conditions.").split("[", 1)[0]
        if name in conditions.CHOICE_LABELS:
            return _word(value, conditions.CHOICE_LABELS[name])
        return _plain(value)

    @staticmethod
    def _vocabulary(action: str, key: str) -> dict[str, str] | None:
        if key == "role":
            return PERSON_ROLES if action.startswith("person.") else PARTY_KINDS if action.startswith(
                "case_party.") else ROLE_LABELS
        return {"status": STATUSES, "sector": SECTORS, "confidentiality": CONFIDENTIALITY,
                "count_qualifier": COUNT_QUALIFIERS, "kind": ACTION_KINDS if action.startswith("case_action.")
                else None, "consent": CONSENT, "risk": RISK}.get(key)


def names_in(entries: list[Any]) -> dict[int, str]:
    """The people the entries name by id (who acted, a case's assignee), by the name the page shows."""
    ids = {value for entry in entries for key, change in (entry.changes or {}).items()
           if key == "assignee_id" and isinstance(change, dict)
           for value in (change.get("old"), change.get("new")) if isinstance(value, int)}
    ids |= {entry.actor_id for entry in entries if getattr(entry, "actor_id", None) is not None}
    if not ids:
        return {}
    return {user.id: user.display_name for user in db.session.scalars(select(User).where(User.id.in_(ids)))}


def readable(entries: list[Any]) -> list[Sitting]:
    """The entries (oldest first, as the audit log gives them) as sittings, the latest first."""
    names = names_in(entries)
    reader = Reader(names)
    sittings: list[Sitting] = []
    for entry in entries:
        actor = names.get(entry.actor_id, entry.actor_label) if entry.actor_id is not None else entry.actor_label
        changes = sorted(((key, change) for key, change in (entry.changes or {}).items() if isinstance(change, dict)),
                         key=lambda item: _order(item[0]))
        step = Step(entry.action, [reader.line(entry.action, key, change) for key, change in changes])
        last = sittings[-1] if sittings else None
        if last is not None and last.actor == actor and entry.created_at - last.ended <= SITTING:
            if last.steps[-1].action == step.action:  # five sign-offs in a row read as one, with five lines
                last.steps[-1].lines.extend(step.lines)
            else:
                last.steps.append(step)
            last.ended = entry.created_at
        else:
            sittings.append(Sitting(actor, entry.created_at, entry.created_at, [step]))
    sittings.reverse()
    for sitting in sittings:
        sitting.steps.reverse()
    return sittings
