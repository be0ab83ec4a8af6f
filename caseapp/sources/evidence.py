"""Excerpts (exact quotes) and the evidence they give for a case's facts, contradictions included.

The caller commits.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from caseapp.audit.changes import created_fields
from caseapp.audit.services import record
from caseapp.auth.models import User
from caseapp.cases import permissions as case_permissions
from caseapp.cases.conditions import BY_KEY, clean_fact_value, merge_conditions
from caseapp.cases.models import Case, WorkerGroup
from caseapp.cases.services import reopen_if_verified
from caseapp.cases.vocab import COUNT_QUALIFIERS
from caseapp.db import utcnow
from caseapp.errors import N_, NotAllowed, ServiceError
from caseapp.extensions import db
from caseapp.protection import disclosure
from caseapp.sources import permissions
from caseapp.sources.models import Excerpt, FactDecision, FactEvidence, Source
from caseapp.sources.services import link_case, text_revision
from caseapp.sources.vocab import CREDIBILITY, TRANSLATORS
from caseapp.sources.limits import TRANSLATION_MAX

WORKERS_COUNT = "workers_count"


def _int(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ServiceError(N_("Give a whole number."), field)
    return value


QUOTE_HIDDEN = N_("This source names people you may not see, so you cannot quote it; the case's assignee or a "
                   "coordinator can.")


def create_excerpt(source: Source, case: Case, data: dict[str, Any], actor: User) -> Excerpt:
    """Save text[start:end] of a revision as a quote for the case; refuse it unless the quote is exact."""
    if not case_permissions.can_edit_case(actor, case):
        raise PermissionError("edit case")
    text = text_revision(source, data.get("revision"))
    redactor = disclosure.redactor_for(actor)
    if redactor is not None and redactor.redact(text.text) != text.text:
        # Matching a typed quote against a text the quoter sees redacted would tell them, guess by guess,
        # the names behind the codes.
        raise NotAllowed(QUOTE_HIDDEN)
    quote = data.get("quote")
    if not isinstance(quote, str) or not quote:
        raise ServiceError(N_("Give the quoted passage."), "quote")
    start, end = data.get("start"), data.get("end")
    if start is None and end is None:
        start, end = _locate(text.text, quote)
    start, end = _int(start, "start"), _int(end, "end")
    if not 0 <= start < end <= len(text.text):
        raise ServiceError(N_("The passage must lie within the text (0 to %(length)s)."), "end",
                           length=len(text.text))
    if text.text[start:end] != quote:
        raise ServiceError(N_("The quote is not exactly the text at these positions."), "quote")
    credibility = data.get("credibility", 3)
    if credibility not in CREDIBILITY or isinstance(credibility, bool):
        raise ServiceError(N_("Rate the credibility from 1 to 6."), "credibility")
    excerpt = Excerpt(case_id=case.id, source_id=source.id, text_id=text.id, start=start, end=end, quote=quote,
                      credibility=credibility, created_by_id=actor.id, **_translation(data))
    link_case(case, source, actor)
    db.session.add(excerpt)
    db.session.flush()
    record("excerpt.create", excerpt, actor, created_fields({"source": source.title or source.url, "start": start,
                                                            "end": end, "quote": quote,
                                                            "credibility": credibility}))
    reopen_if_verified(case, actor)
    return excerpt


def _locate(text: str, quote: str) -> tuple[int, int]:
    """Where a quote given without offsets stands; it must stand there exactly once."""
    first = text.find(quote)
    if first < 0:
        raise ServiceError(N_("The quote does not appear in the text."), "quote")
    if text.find(quote, first + 1) >= 0:
        raise ServiceError(N_("The quote appears more than once; select the passage you mean."), "quote")
    return first, first + len(quote)


def _translation(data: dict[str, Any]) -> dict[str, Any]:
    translation = data.get("translation") or ""
    if not translation:
        return {}
    if not isinstance(translation, str) or len(translation) > TRANSLATION_MAX:
        raise ServiceError(N_("Keep this under %(max)s characters."), "translation", max=TRANSLATION_MAX)
    by, kind = data.get("translation_by") or "", data.get("translation_by_kind")
    if kind not in TRANSLATORS:
        raise ServiceError(N_("Say whether a person or a tool translated it."), "translation_by_kind")
    if not isinstance(by, str) or not by.strip():
        raise ServiceError(N_("Say who (or which tool) translated it."), "translation_by")
    return {"translation": translation, "translation_by": by.strip()[:200], "translation_by_kind": kind,
            "translated_at": utcnow()}


def excerpts_of_case(case: Case) -> list[Excerpt]:
    return list(db.session.scalars(select(Excerpt).where(Excerpt.case_id == case.id).order_by(Excerpt.id)))


def excerpts_of_source(source: Source, case_ids: set[int]) -> list[Excerpt]:
    return [e for e in db.session.scalars(select(Excerpt).where(Excerpt.source_id == source.id)
                                          .order_by(Excerpt.start)) if e.case_id in case_ids]


def already_quoted(source: Source, case: Case, start: Any, end: Any) -> Excerpt | None:
    """A quote of this case from the source's current text that overlaps start–end: quoting the same passage
    twice is mostly a slip, so the page warns (and saves, since a second quote may prove another fact)."""
    if not (isinstance(start, int) and isinstance(end, int)):
        return None
    return db.session.scalar(select(Excerpt).where(
        Excerpt.case_id == case.id, Excerpt.source_id == source.id, Excerpt.text_id == source.current_text.id,
        Excerpt.start < end, Excerpt.end > start).order_by(Excerpt.id).limit(1))


def get_excerpt(case: Case, excerpt_id: Any) -> Excerpt:
    excerpt = db.session.get(Excerpt, excerpt_id) if isinstance(excerpt_id, int) else None
    if excerpt is None or excerpt.case_id != case.id:
        raise ServiceError(N_("There is no such excerpt in this case."), "excerpt_id")
    return excerpt


# --- facts --------------------------------------------------------------------------------------

def _clean_count(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict) or set(value) - {"min", "max", "qualifier"}:
        raise ServiceError(N_("Give the number of workers as {\"min\", \"max\", \"qualifier\"}."), "value")
    low, high = value.get("min"), value.get("max")
    for key, number in (("min", low), ("max", high)):
        if number is not None and (isinstance(number, bool) or not isinstance(number, int) or number < 0):
            raise ServiceError(N_("Give a whole number of 0 or more."), f"value.{key}")
    if low is not None and high is not None and low > high:
        raise ServiceError(N_("The lowest number is above the highest."), "value.max")
    qualifier = value.get("qualifier") or "unknown"
    if not isinstance(qualifier, str) or qualifier not in COUNT_QUALIFIERS:
        raise ServiceError(N_("Choose one of: %(choices)s."), "value.qualifier", choices=", ".join(COUNT_QUALIFIERS))
    return {"min": low, "max": high, "qualifier": qualifier}


def clean_value(fact: str, value: Any) -> Any:
    if fact == WORKERS_COUNT:
        return _clean_count(value)
    if fact not in BY_KEY:
        raise ServiceError(N_("%(key)s is not a fact of a case."), "fact", key=fact)
    cleaned = clean_fact_value(fact, value, "value")
    if cleaned is None:
        raise ServiceError(N_("Give the value the excerpt supports."), "value")
    return cleaned


def worker_group_for(case: Case, fact: str, worker_group_id: Any) -> WorkerGroup | None:
    if fact != WORKERS_COUNT:
        return None
    groups = {group.id: group for group in case.worker_groups}
    if worker_group_id is None and len(groups) == 1:
        return next(iter(groups.values()))
    if worker_group_id not in groups:
        raise ServiceError(N_("Choose the worker group the number is about."), "worker_group_id")
    return groups[worker_group_id]


def attach_evidence(case: Case, fact: str, excerpt_id: Any, value: Any, actor: User,
                    worker_group_id: Any = None) -> FactEvidence:
    """Give an excerpt as evidence that a fact has a value; fill the fact when it is unknown and undisputed."""
    if not case_permissions.can_edit_case(actor, case):
        raise PermissionError("edit case")
    value = clean_value(fact, value)
    excerpt = get_excerpt(case, excerpt_id)
    group = worker_group_for(case, fact, worker_group_id)
    group_id = group.id if group else None
    duplicate = db.session.scalar(select(FactEvidence).where(
        FactEvidence.case_id == case.id, FactEvidence.fact == fact, FactEvidence.excerpt_id == excerpt.id,
        FactEvidence.worker_group_id.is_(None) if group_id is None else FactEvidence.worker_group_id == group_id))
    if duplicate is not None:
        raise ServiceError(N_("This excerpt is already evidence for this fact."), "excerpt_id")
    evidence = FactEvidence(case_id=case.id, fact=fact, worker_group_id=group_id, value=value,
                            excerpt_id=excerpt.id, created_by_id=actor.id)
    db.session.add(evidence)
    db.session.flush()
    record("fact_evidence.create", evidence, actor, {_label(fact, group): {"old": None, "new": value},
                                                     "excerpt": {"old": None, "new": excerpt.quote}})
    view = fact_view(case, fact, group)
    if not view.contradiction and view.decision is None and _current(case, fact, group) in (None, _empty(fact)):
        _set_fact(case, fact, group, value, actor)
    reopen_if_verified(case, actor)
    return evidence


def _label(fact: str, group: WorkerGroup | None) -> str:
    return f"{fact}[{group.id}]" if group is not None else fact


def _empty(fact: str) -> Any:
    return {"min": None, "max": None, "qualifier": "unknown"} if fact == WORKERS_COUNT else None


def _current(case: Case, fact: str, group: WorkerGroup | None) -> Any:
    if fact == WORKERS_COUNT:
        return {"min": group.count_min, "max": group.count_max, "qualifier": group.count_qualifier}
    return (case.conditions or {}).get(fact)


def _set_fact(case: Case, fact: str, group: WorkerGroup | None, value: Any, actor: User) -> None:
    """Write the retained value into the record, as a change of the case (new version, history)."""
    before = _current(case, fact, group)
    if before == value:
        return
    if fact == WORKERS_COUNT:
        group.count_min, group.count_max, group.count_qualifier = value["min"], value["max"], value["qualifier"]
    else:
        case.conditions = merge_conditions(case.conditions, {fact: value})
    case.updated_at = utcnow()
    db.session.flush()
    record("case.update", case, actor, {f"conditions.{fact}" if fact != WORKERS_COUNT else _label(fact, group):
                                        {"old": before, "new": value}})


@dataclass
class FactView:
    fact: str
    worker_group: WorkerGroup | None
    values: list[tuple[Any, list[FactEvidence]]] = field(default_factory=list)
    decision: FactDecision | None = None
    recorded: Any = None  # the value the record holds (typed, or retained)

    @property
    def typed_disagrees(self) -> bool:
        """The record holds a value no quote gives: typed 22:00 where the quote says 23:00."""
        return self.recorded not in (None, _empty(self.fact)) and all(self.recorded != v for v, _ in self.values)

    @property
    def contradiction(self) -> bool:
        return len(self.values) > 1 or self.typed_disagrees

    @property
    def open_contradiction(self) -> bool:
        """Until a coordinator settles it: a retained value that the record still holds."""
        return self.contradiction and (self.decision is None or self.decision.value != self.recorded)

    @property
    def choices(self) -> list[Any]:
        """The values a coordinator may retain: each quoted value, and the record's own where no quote gives it."""
        return [value for value, _ in self.values] + ([self.recorded] if self.typed_disagrees else [])


def fact_view(case: Case, fact: str, group: WorkerGroup | None) -> FactView:
    group_id = group.id if group else None
    same = (FactEvidence.worker_group_id.is_(None) if group_id is None
            else FactEvidence.worker_group_id == group_id)
    rows = db.session.scalars(select(FactEvidence).where(FactEvidence.case_id == case.id, FactEvidence.fact == fact,
                                                         same).order_by(FactEvidence.id))
    view = FactView(fact, group, recorded=_current(case, fact, group))
    for evidence in rows:
        for value, items in view.values:
            if value == evidence.value:
                items.append(evidence)
                break
        else:
            view.values.append((evidence.value, [evidence]))
    decided = (FactDecision.worker_group_id.is_(None) if group_id is None
               else FactDecision.worker_group_id == group_id)
    view.decision = db.session.scalar(select(FactDecision).where(
        FactDecision.case_id == case.id, FactDecision.fact == fact, decided).order_by(FactDecision.id.desc()))
    return view


def facts_of_case(case: Case) -> list[FactView]:
    """Every fact of the case that has evidence, with its values side by side."""
    keys = db.session.execute(select(FactEvidence.fact, FactEvidence.worker_group_id)
                              .where(FactEvidence.case_id == case.id).distinct()).all()
    groups = {group.id: group for group in case.worker_groups}
    order = {key: index for index, key in enumerate([*BY_KEY, WORKERS_COUNT])}
    views = [fact_view(case, fact, groups.get(group_id)) for fact, group_id in keys]
    return sorted(views, key=lambda v: (order.get(v.fact, 99), v.worker_group.id if v.worker_group else 0))


def retain_value(case: Case, fact: str, value: Any, note: Any, actor: User,
                 worker_group_id: Any = None) -> FactDecision:
    """A coordinator chooses the value the case holds where sources disagree, and says why."""
    if not (permissions.can_retain_values(actor) and case_permissions.can_edit_case(actor, case)):
        raise PermissionError("retain value")
    value = clean_value(fact, value)
    group = worker_group_for(case, fact, worker_group_id)
    if not isinstance(note, str) or not note.strip():
        raise ServiceError(N_("Say why this value is retained."), "note")
    decision = FactDecision(case_id=case.id, fact=fact, worker_group_id=group.id if group else None, value=value,
                            note=note.strip()[:4000], decided_by_id=actor.id)
    db.session.add(decision)
    db.session.flush()
    record("fact.retain", decision, actor, {_label(fact, group): {"old": None, "new": value},
                                            "note": {"old": None, "new": decision.note}})
    _set_fact(case, fact, group, value, actor)
    reopen_if_verified(case, actor)
    return decision


