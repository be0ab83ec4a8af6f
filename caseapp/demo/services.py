"""`flask demo load`: the demo organisation, one account per role, the founding case.

Idempotent: running it again changes nothing that is already there.
"""
from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from caseapp.auth import passwords, second_factor, two_factor, services as auth_services
from caseapp.auth.models import Organisation, User
from caseapp.auth.roles import ROLES
from caseapp.cases import services as case_services
from caseapp.cases.models import Case
from caseapp.assessment import services as assessment
from caseapp.cases import review
from caseapp.demo import founding_case, founding_source, other_cases
from caseapp.parties import services as party_services
from caseapp.persons import services as person_services
from caseapp.sources import evidence
from caseapp.sources import services as source_services
from caseapp.parties.records import create_case_record
from caseapp.extensions import db

DEMO_ORG = "Demo NGO"
DEMO_CODE = "DEMO"
ACCOUNTS_FILE = "demo-accounts.json"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    password: str
    totp_secret: str | None = None  # for the roles that must sign in with a second factor


@dataclass(frozen=True)
class DemoResult:
    accounts: list[DemoAccount]
    founding_case: Case


def demo_email(role: str) -> str:
    return f"{role}@demo.test"


def _stored_accounts(instance_path: Path) -> dict[str, dict]:
    """{email: {"password": ..., "totp_secret": ...}}; files of older demos held {email: password}."""
    path = instance_path / ACCOUNTS_FILE
    stored = json.loads(path.read_text()) if path.exists() else {}
    return {email: value if isinstance(value, dict) else {"password": value} for email, value in stored.items()}


def _store_accounts(instance_path: Path, stored: dict[str, dict]) -> None:
    instance_path.mkdir(parents=True, exist_ok=True)
    path = instance_path / ACCOUNTS_FILE
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(stored, handle, indent=2)


def _demo_password(role: str, stored: dict[str, dict], fixed: str | None) -> str:
    if fixed:
        return fixed
    return stored.get(demo_email(role), {}).get("password") or secrets.token_urlsafe(12)


def load_demo(instance_path: Path, fixed_password: str | None = None,
              totp_secrets: dict[str, str] | None = None,
              two_factor_roles: tuple[str, ...] = ("coordinator", "admin")) -> DemoResult:
    """Create whatever of the demo is missing; return the accounts and the founding case.

    The accounts of `two_factor_roles` (the server's TWO_FACTOR_REQUIRED_ROLES) are
    enrolled with a TOTP secret: the one in `totp_secrets` for their e-mail, else
    the one kept from the last run, else a new one.
    """
    org = auth_services.find_organisation(DEMO_ORG) or auth_services.create_organisation(DEMO_ORG, DEMO_CODE, None)
    stored = _stored_accounts(instance_path)
    accounts = []
    for role in ROLES:
        account = _ensure_account(org, role, _demo_password(role, stored, fixed_password))
        if role in two_factor_roles:
            wanted = (totp_secrets or {}).get(account.email) or stored.get(account.email, {}).get("totp_secret")
            account = DemoAccount(account.email, role, account.password, _ensure_two_factor(account.email, wanted))
        accounts.append(account)
    _store_accounts(instance_path, {a.email: {"password": a.password, "totp_secret": a.totp_secret}
                                    for a in accounts})
    people = {role: auth_services.find_user_by_email(demo_email(role)) for role in ROLES}
    founding = _ensure_founding_case(people["caseworker"])
    _sign_off_findings(founding, people["coordinator"])
    if founding.status == "draft":
        fact, value, note = founding_source.RETAINED
        evidence.retain_value(founding, fact, value, note, people["coordinator"])
    if founding.status == "draft":  # verified, so that every role, advocates too, sees the case the app began with
        _move(founding, other_cases.ROUTES["verified"], people)
    _ensure_other_cases(people)
    return DemoResult(accounts, founding)


def _ensure_account(org: Organisation, role: str, password: str) -> DemoAccount:
    email = demo_email(role)
    user = auth_services.find_user_by_email(email)
    if user is None:
        auth_services.create_user(org, email, role, password, f"Demo {role}", None)
    elif not passwords.verify_password(user.password_hash, password):
        auth_services.reset_password(user, password, None)
    return DemoAccount(email, role, password)


def _ensure_two_factor(email: str, wanted: str | None) -> str:
    user = auth_services.find_user_by_email(email)
    if user.has_two_factor and (wanted is None or user.totp_secret == wanted):
        return user.totp_secret
    secret = wanted or two_factor.new_secret()
    second_factor.enrol_known_secret(user, secret, None)
    return secret


def _ensure_other_cases(people: dict[str, User]) -> None:
    """One invented case in each review status, brought there through the real workflow."""
    for demo in other_cases.CASES:
        record = demo["record"]
        exists = db.session.scalar(select(Case.id).where(
            Case.organisation_id == people["caseworker"].organisation_id, Case.title == record["title"]))
        if exists is not None:
            continue
        case = create_case_record(record, people["caseworker"])
        for person in demo.get("people", ()):
            person_services.create_person(case, dict(person), people["caseworker"])
        if "source" in demo:
            _add_source(case, demo["source"], people["caseworker"])
            _sign_off_findings(case, people["coordinator"])
        _move(case, other_cases.ROUTES[demo["status"]], people, demo.get("comment"))


def _move(case: Case, route, people: dict[str, User], comment: str | None = None) -> None:
    for role, target in route:
        review.transition(case, target, comment if target == "returned" else None, people[role])


def _add_source(case: Case, demo: dict, author: User) -> None:
    """An invented source of a demo case, with its quotes as evidence and the findings they support."""
    meta = {"title": demo["title"], "publisher": "caseapp demo", "kind": "interview", "language": demo["language"],
            "reliability": "C", "reliability_note": "Invented for the demo."}
    source = source_services.add_from_paste(demo["text"], meta, None, author).source
    db.session.flush()
    source_services.link_case(case, source, author)  # cited even before anything is quoted from it
    excerpts = {}
    for quote, fact, value in demo["quotes"]:
        excerpt = evidence.create_excerpt(source, case, {"quote": quote, "credibility": 2}, author)
        if fact is not None:
            evidence.attach_evidence(case, fact, excerpt.id, value, author)
        excerpts[quote] = excerpt.id
    for indicator, (status, stages, quotes, note) in demo["findings"].items():
        data = {"status": status, "stages": stages, "note": note, "excerpt_ids": [excerpts[q] for q in quotes]}
        assessment.record_finding(case, indicator, data, author)


def _sign_off_findings(case: Case, coordinator: User) -> None:
    """The demo coordinator signs off the founding case's present findings (four eyes: not their own)."""
    for finding in assessment.findings_of(case).values():
        if finding.status == "present" and not finding.signed_off:
            assessment.sign_off(case, finding.indicator, coordinator)


def _ensure_founding_case(author: User) -> Case:
    existing = db.session.scalar(
        select(Case).where(Case.organisation_id == author.organisation_id, Case.title == founding_case.TITLE)
    )
    if existing is not None:
        return existing
    case = case_services.create_case(founding_case.RECORD, author)
    for data in founding_case.PARTIES:
        details = {k: v for k, v in data.items() if k != "role"}
        party = party_services.create_party(details, author).party
        party_services.link_party(case, party.id, data["role"], data["note"], author)
    for data in founding_case.PERSONS:
        person_services.create_person(case, data, author)
    _add_founding_source(case, author)
    return case


def _add_founding_source(case: Case, author: User) -> None:
    """The Dutch demo summary as a pasted source, quoted as evidence for the case's facts."""
    meta = {"title": founding_source.TITLE, "publisher": founding_source.PUBLISHER, "kind": "other",
            "language": "nl", "reliability": "F",
            "reliability_note": "Written for the demo; the facts come from a 2018 news report."}
    source = source_services.add_from_paste(founding_source.TEXT, meta, None, author).source
    db.session.flush()
    excerpts = {}
    for quote, fact, value in founding_source.QUOTES:
        excerpt = evidence.create_excerpt(source, case, {
            "quote": quote, "credibility": 2, "translation": founding_source.TRANSLATIONS[quote],
            "translation_by": "caseapp demo", "translation_by_kind": "person"}, author)
        evidence.attach_evidence(case, fact, excerpt.id, value, author)
        excerpts[quote] = excerpt.id
    for indicator, (status, stages, quotes, note) in founding_source.FINDINGS.items():
        data = {"status": status, "stages": stages, "note": note,
                "excerpt_ids": [excerpts[quote] for quote in quotes]}
        assessment.record_finding(case, indicator, data, author)
