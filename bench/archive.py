"""A large archive made through caseapp's own services, for the benchmarks and the test of the pages at scale.

Cases come in through the import (audited, indexed, parties matched by name), files of IMPORT_FILE cases
at a time as an NGO would bring them; sources through `add_from_paste` (snapshot kept and hashed), each
cited by two cases; quotes through `create_excerpt` (offsets checked against the snapshot). Every record
has its audit entries and its search document, as if people had typed it all.

The texts are made of invented words drawn with a Zipf law (a few everywhere, most rare), with the
words the benchmarks look for put in at known rates.
"""
from __future__ import annotations

import random
import time
from dataclasses import dataclass
from typing import Callable

COUNTRIES = ["RU", "QA", "MY", "TH", "PL", "IT", "ES", "LB", "AE", "CN"]
SECTORS = ["construction", "fishing", "agriculture", "domestic_work", "manufacturing", "care"]
PASSWORD = "bench-password-0123"  # the bench's accounts, on the bench's own database only
IMPORT_FILE = 10_000


@dataclass(frozen=True)
class Size:
    cases: int = 100_000
    sources: int = 20_000
    words: int = 2000
    quotes: int = 100_000


def vocabulary(rng: random.Random) -> list[str]:
    syllables = ["ka", "ro", "ve", "lin", "dor", "sa", "mi", "tu", "pel", "gra", "no", "vis", "ter", "ul", "ba"]
    words = {"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(6000)}
    return sorted(words)


def prose(rng: random.Random, words: list[str], weights: list[float], count: int, extra: list[str]) -> str:
    chosen = rng.choices(words, weights=weights, k=count)
    for word in extra:  # the words the queries look for, at known rates
        chosen[rng.randrange(count)] = word
    return " ".join(chosen)


def extras(rng: random.Random, rate_common: float) -> list[str]:
    """The words the benchmarks search for: "passports" often, "guards wages" in one text in twenty,
    the phrase "closed barracks", words starting "recruit", and "zorvanelk" in one text in 2,000."""
    found = []
    if rng.random() < rate_common:
        found.append("passports")
    if rng.random() < 0.05:
        found += ["guards", "wages"]
    if rng.random() < 0.02:
        found.append("closed barracks")
    if rng.random() < 0.03:
        found.append(rng.choice(["recruited", "recruiter", "recruitment"]))
    if rng.random() < 0.0005:
        found.append("zorvanelk")
    return found


def build(size: Size, say: Callable[[str], None] = print) -> dict[str, str]:
    """Make the archive in the app's database (inside an app context); returns the accounts' e-mails by role."""
    from flask_babel import gettext

    from caseapp.assessment import outcomes
    from caseapp.auth import services as auth
    from caseapp.auth.models import User
    from caseapp.cases.models import Case
    from caseapp.extensions import db
    from caseapp.search import index
    from caseapp.sources import evidence
    from caseapp.sources import services as sources
    from caseapp.transfer import services as transfer

    rng = random.Random(7)
    words = vocabulary(rng)
    weights = [1 / (rank + 1) for rank in range(len(words))]
    organisation = auth.create_organisation("Bench Watch", "BENCH", None)
    users = {role: auth.create_user(organisation, f"{role}@bench.test", role, PASSWORD, f"Bench {role}", None)
             for role in ("caseworker", "coordinator", "advocate")}
    db.session.commit()
    caseworker = users["caseworker"]
    caseworker_id = caseworker.id

    started = time.perf_counter()
    for first in range(0, size.cases, IMPORT_FILE):
        rows = [{"title": prose(rng, words, weights, 5, []), "summary": prose(rng, words, weights, 150, extras(rng, 0.3)),
                 "country": rng.choice(COUNTRIES), "sector": rng.choice(SECTORS),
                 "confidentiality": "restricted" if rng.random() < 0.05 else "normal",
                 "period_start": str(rng.randint(2012, 2025)),
                 "worker_groups": [{"origin": rng.choice(["KP", "NP", "MM", "PH"]), "count_min": rng.randint(3, 300)}],
                 "parties": [{"name": f"{prose(rng, words, weights, 2, [])} {number % 2000} LLC", "role": "employer"}]}
                for number in range(first, min(first + IMPORT_FILE, size.cases))]
        transfer.import_cases(rows, caseworker, gettext, f"bench:{first}")
        db.session.commit()
        say(f"cases: {min(first + IMPORT_FILE, size.cases)} of {size.cases} ({time.perf_counter() - started:.0f} s)")

    case_ids = list(db.session.scalars(db.select(Case.id).order_by(Case.id)))
    cited: list[tuple[int, int, str]] = []  # (source id, case id, text)
    started = time.perf_counter()
    for first in range(0, size.sources, 500):
        with index.deferred(db.session):
            for _ in range(first, min(first + 500, size.sources)):
                text = prose(rng, words, weights, size.words, extras(rng, 0.5))
                source = sources.add_from_paste(
                    text, {"title": prose(rng, words, weights, 6, []), "language": rng.choice(["en", "ru", "fr", "nl"]),
                           "published_on": str(rng.randint(2012, 2025))}, None, caseworker).source
                db.session.flush()
                for case_id in rng.sample(case_ids, 2):
                    sources.link_case(db.session.get(Case, case_id), source, caseworker)
                    cited.append((source.id, case_id, text))
        db.session.commit()
        db.session.expunge_all()  # 500 texts of 2,000 words at a time in memory, not 20,000
        caseworker = db.session.get(User, caseworker_id)
        say(f"sources: {min(first + 500, size.sources)} of {size.sources} ({time.perf_counter() - started:.0f} s)")

    from caseapp.sources.models import Source

    started = time.perf_counter()
    for first in range(0, size.quotes, 2000):
        with index.deferred(db.session):
            for _ in range(first, min(first + 2000, size.quotes)):
                source_id, case_id, text = rng.choice(cited)
                start = rng.randrange(0, max(1, len(text) - 200))
                start = text.find(" ", start) + 1
                end = text.find(" ", start + 60)
                evidence.create_excerpt(db.session.get(Source, source_id), db.session.get(Case, case_id),
                                        {"quote": text[start:end if end > 0 else len(text)]}, caseworker)
        db.session.commit()
        db.session.expunge_all()
        caseworker = db.session.get(User, caseworker_id)
        say(f"quotes: {min(first + 2000, size.quotes)} of {size.quotes} ({time.perf_counter() - started:.0f} s)")

    outcomes.rebuild(db.session.connection())
    db.session.commit()
    return {role: f"{role}@bench.test" for role in users}
