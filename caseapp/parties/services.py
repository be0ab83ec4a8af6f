"""Operations on parties and their links to cases. The caller commits."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from caseapp.audit.changes import created_fields, field_changes
from caseapp.audit.services import record
from caseapp.auth.models import User
from caseapp.cases import permissions as case_permissions
from caseapp.cases.models import Case
from caseapp.cases.services import reopen_if_verified
from caseapp.cases.workflow import VERIFIED
from caseapp.cases.queries import visible_cases
from caseapp.cases.vocab import is_country
from caseapp.errors import N_, NotFound, ServiceError
from caseapp.db import contains_pattern
from caseapp.extensions import db
from caseapp.validation import clean_choice, clean_names, clean_text
from caseapp.locking import locked_update
from caseapp.pagination import Page, SortKey, keyset_page
from caseapp.protection import disclosure
from caseapp.parties import permissions
from caseapp.parties.matching import Candidate, Match, similar_parties
from caseapp.parties.models import CaseParty, Party
from caseapp.parties.vocab import PARTY_KINDS, normalise_name
from caseapp.parties.limits import NAME_MAX, NAMED_PARTIES_MAX, NOTE_MAX, REGISTRATION_MAX

FIELDS = ("name", "kind", "country", "registration_number", "aliases", "note")


def _clean(data: dict[str, Any], partial: bool) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    if "name" in data or not partial:
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ServiceError(N_("A party needs a name."), "name")
        if len(name) > NAME_MAX:
            raise ServiceError(N_("Keep this under %(max)s characters."), "name", max=NAME_MAX)
        clean["name"] = " ".join(name.split())
    if "kind" in data or not partial:
        clean["kind"] = clean_choice(data.get("kind"), PARTY_KINDS, "kind")
    if "country" in data:
        country = data["country"]
        if country not in (None, "") and (not isinstance(country, str) or not is_country(country.upper())):
            raise ServiceError(N_("%(code)s is not an ISO 3166 country code."), "country", code=str(country)[:20])
        clean["country"] = country.upper() if country else None
    for key, maximum in (("registration_number", REGISTRATION_MAX), ("note", NOTE_MAX)):
        if key in data:
            clean[key] = clean_text(data, key, maximum)
    if "aliases" in data:
        clean["aliases"] = clean_names(data)
    return clean


def find_similar(organisation_id: int, name: str, exclude_id: int | None = None) -> list[Match]:
    """Parties of the organisation whose name or alias is close to `name`."""
    rows = db.session.execute(
        select(Party.id, Party.name, Party.aliases).where(Party.organisation_id == organisation_id)
    ).all()
    candidates = [Candidate(r.id, r.name, tuple(r.aliases or ())) for r in rows if r.id != exclude_id]
    return similar_parties(name, candidates)


@dataclass(frozen=True)
class NewParty:
    party: Party
    similar: list[Match]


def parties_by_name(organisation_id: int) -> dict[str, Party]:
    """Each name and alias of the organisation's parties, normalised (case, accents, punctuation and legal form
    ignored), with its party (the oldest, where two share one): read once, an import of thousands of cases
    matches its names without asking the database again."""
    names: dict[str, Party] = {}
    for party in db.session.scalars(select(Party).where(Party.organisation_id == organisation_id)
                                    .order_by(Party.id)):
        for known in (party.name, *(party.aliases or [])):
            names.setdefault(normalise_name(known), party)
    return names


def link_by_name(case: Case, entries: list[dict[str, Any]], actor: User,
                 known: dict[str, Party] | None = None, new_case: bool = False) -> list[CaseParty]:
    """Link parties given by name ({"name", "role", "kind"?, "note"?}), matching existing ones or creating them.

    known: the organisation's parties_by_name(), kept by a caller linking many cases (and told of the
    parties created here); without it, the names are read from the database. new_case: the case was
    created in this transaction, so it has no links but these (an import does not ask for each)."""
    if len(entries) > NAMED_PARTIES_MAX:
        raise ServiceError(N_("At most %(max)s."), "parties", max=NAMED_PARTIES_MAX)
    links = []
    linked: set[tuple[int, str]] = set()
    names = known if known is not None else parties_by_name(case.organisation_id) if entries else {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise ServiceError(N_("A party needs a name."), f"parties.{index}.name")
        role = entry.get("role")
        clean_choice(role, PARTY_KINDS, f"parties.{index}.role")
        party = names.get(normalise_name(entry["name"]))
        if party is None:
            # Matched by name or created: nobody is there to be shown the parties with similar names.
            party = create_party({"name": entry["name"], "kind": entry.get("kind") or role}, actor,
                                 look_for_similar=False).party
            db.session.flush()
            names.setdefault(normalise_name(entry["name"]), party)
        if new_case:  # its only links are the ones made here
            if (party.id, role) in linked:
                raise ServiceError(N_("This party already has this role in the case."), "role")
            linked.add((party.id, role))
        links.append(link_party(case, party.id, role, entry.get("note") or "", actor, new_case=new_case))
    return links


def create_party(data: dict[str, Any], actor: User, look_for_similar: bool = True) -> NewParty:
    if not permissions.can_edit_parties(actor):
        raise PermissionError("create party")
    clean = _clean(data, partial=False)
    similar = find_similar(actor.organisation_id, clean["name"]) if look_for_similar else []
    redactor = disclosure.redactor_for(actor)
    if redactor is not None:  # a party matched through a name the actor may not see would confirm that name
        similar = [m for m in similar if redactor.redact(m.matched) == m.matched and redactor.redact(m.name) == m.name]
    party = Party(organisation_id=actor.organisation_id, **clean)
    db.session.add(party)
    record("party.create", party, actor, created_fields(party_fields(party)))
    return NewParty(party, similar)


def update_party(party: Party, data: dict[str, Any], actor: User, expected_version: int) -> Party:
    if not permissions.can_edit_party(actor, party):
        raise PermissionError("edit party")
    changes = locked_update(party, expected_version, lambda: _clean(data, partial=True), party_fields,
                            field_changes)
    if changes:
        record("party.update", party, actor, changes)
        # The verified cases that name the party no longer say what was verified.
        named = select(CaseParty.case_id).where(CaseParty.party_id == party.id)
        for case in db.session.scalars(select(Case).where(Case.id.in_(named), Case.status == VERIFIED,
                                                          Case.deleted_at.is_(None))):
            reopen_if_verified(case, actor)
    return party


def party_fields(party: Party) -> dict[str, Any]:
    return {key: getattr(party, key) for key in FIELDS}


def list_parties(user: User, q: str | None, cursor: str | None, limit: int) -> Page[Party]:
    if not permissions.can_view_parties(user):
        raise PermissionError("list parties")
    stmt = select(Party).where(Party.organisation_id == user.organisation_id)
    for word in (q or "").split()[:10]:
        stmt = stmt.where(func.lower(Party.name).like(contains_pattern(word), escape="\\"))
    redactor = disclosure.redactor_for(user) if q else None
    if redactor is not None:
        # Found only by what the reader sees: a party matched through a hidden name in it would spell it out.
        seen = [p.id for p in db.session.scalars(stmt) if disclosure.shows_words(redactor, q, (p.name,))]
        stmt = stmt.where(Party.id.in_(seen))
    return keyset_page(db.session, stmt, SortKey([Party.id]), cursor, limit)


def cases_of_party(party: Party, user: User) -> list[tuple[Case, CaseParty]]:
    """The cases this party appears in that the user may see, newest first."""
    visible = visible_cases(user).subquery()
    rows = db.session.execute(
        select(Case, CaseParty)
        .join(CaseParty, CaseParty.case_id == Case.id)
        .where(CaseParty.party_id == party.id, Case.id.in_(select(visible.c.id)))
        .order_by(Case.id.desc())
    ).all()
    return [(row[0], row[1]) for row in rows]


def link_party(case: Case, party_id: Any, role: Any, note: Any, actor: User, new_case: bool = False) -> CaseParty:
    """Link a party to the case in a role (new_case: the caller has checked that it is not linked yet)."""
    if not case_permissions.can_edit_case(actor, case):
        raise PermissionError("edit case")
    party = db.session.get(Party, party_id) if isinstance(party_id, int) and not isinstance(party_id, bool) else None
    if party is None or party.organisation_id != case.organisation_id:
        raise ServiceError(N_("There is no such party in your organisation."), "party_id")
    clean_choice(role, PARTY_KINDS, "role")
    if note is not None and (not isinstance(note, str) or len(note) > NOTE_MAX):
        raise ServiceError(N_("Keep this under %(max)s characters."), "note", max=NOTE_MAX)
    exists = not new_case and db.session.scalar(select(CaseParty).where(
        CaseParty.case_id == case.id, CaseParty.party_id == party.id, CaseParty.role == role))
    if exists:
        raise ServiceError(N_("This party already has this role in the case."), "role")
    link = CaseParty(case_id=case.id, party_id=party.id, role=role, note=(note or "").strip())
    db.session.add(link)
    record("case_party.create", link, actor, created_fields({"party": party.name, "role": role, "note": link.note}),
           organisation_id=case.organisation_id)
    reopen_if_verified(case, actor)
    return link


def unlink_party(link: CaseParty, actor: User) -> None:
    if not case_permissions.can_edit_case(actor, link.case):
        raise PermissionError("edit case")
    record("case_party.delete", link, actor,
           field_changes({"party": link.party.name, "role": link.role}, {}), organisation_id=link.case.organisation_id)
    reopen_if_verified(link.case, actor)
    db.session.delete(link)


# A form lists the organisation's parties up to this many; beyond, they are found by name first (an archive
# of 100,000 cases holds about as many parties: a list of them all took seconds to read and to render).
PARTY_CHOICES_MAX = 300


def parties_for_linking(user: User, q: str | None = None) -> list:
    """The organisation's parties by name (id, name and kind only), for the choices of a form: at most
    PARTY_CHOICES_MAX + 1 (one more than may be listed says there are too many), those whose name holds
    every word of q when it is given."""
    stmt = select(Party.id, Party.name, Party.kind).where(Party.organisation_id == user.organisation_id)
    for word in (q or "").split()[:10]:
        stmt = stmt.where(func.lower(Party.name).like(contains_pattern(word), escape="\\"))
    # Too many is known without sorting them all by name first (100,000 names lowered one by one).
    if len(db.session.scalars(stmt.with_only_columns(Party.id).limit(PARTY_CHOICES_MAX + 1)).all()) \
            > PARTY_CHOICES_MAX:
        return list(db.session.execute(stmt.limit(PARTY_CHOICES_MAX + 1)))
    return list(db.session.execute(stmt.order_by(func.lower(Party.name), Party.id)))


@dataclass(frozen=True)
class PartyChoices:
    rows: list  # what the form offers (id, name, kind)
    complete: bool  # False: more parties match than may be listed


def party_choices(user: User, q: str | None, chosen: Any) -> PartyChoices:
    """The parties a form offers: the organisation's whose name holds every word of q, up to
    PARTY_CHOICES_MAX; when more match and no words narrow them, only the one chosen (if any)."""
    rows = parties_for_linking(user, q)
    if len(rows) <= PARTY_CHOICES_MAX:
        return PartyChoices(rows, True)
    return PartyChoices(rows[:PARTY_CHOICES_MAX] if q else party_choice(user, chosen), False)


def party_choice(user: User, party_id: Any) -> list:
    """The one party of the organisation with this id, as parties_for_linking gives it (none: [])."""
    if not isinstance(party_id, str) or not party_id.isdigit():
        return []
    return list(db.session.execute(select(Party.id, Party.name, Party.kind).where(
        Party.organisation_id == user.organisation_id, Party.id == int(party_id))))


def get_link(case: Case, link_id: int) -> CaseParty:
    link = db.session.get(CaseParty, link_id)
    if link is None or link.case_id != case.id:
        raise NotFound("link")
    return link


def links_of_case(case: Case) -> list[CaseParty]:
    return list(db.session.scalars(
        select(CaseParty).where(CaseParty.case_id == case.id).order_by(CaseParty.id)
    ))


