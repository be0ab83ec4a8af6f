"""How the search over everything answers on a large archive, next to the bare full-text engine.

Builds an archive in a fresh database (SQLite file by default, or --database postgresql://...): --cases cases
(150 words each), --sources sources (--words each, cited by the cases), --quotes quotes, made with bulk
inserts (this measures reading, not writing) and indexed with the same code as `flask search reindex`. Then,
for each kind of query, the median time of:

  bare     the engine alone: the ids of the documents holding the words (FTS5 MATCH / tsvector @@), nothing else
  page     one page of results of every kind with the facets of all of them (what /api/v1/search does)
  grouped  the search page: the facets and the first five results of each kind
  redacted the same page for a reader from whom people are hidden (checked against what they see)

Run by hand (not in `make test`): .venv/bin/python bench/search_scale.py [--cases 100000 --sources 20000 ...]
On a shared machine, read the ratios more than the milliseconds.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert, literal_column, select, text  # noqa: E402

from config import TestConfig  # noqa: E402
from caseapp.app import create_app  # noqa: E402
from caseapp.extensions import db  # noqa: E402
from bench.archive import COUNTRIES, SECTORS, prose, vocabulary  # noqa: E402

STATUSES = ["draft", "submitted", "in_review", "verified", "closed"]
QUERIES = {
    "rare word": "zorvanelk",
    "common word": "passports",
    "two words": "guards wages",
    "phrase": '"closed barracks"',
    "prefix": "recru*",
    "no hit": "qqqxyzzy",
}


def build(app, args) -> dict:
    from caseapp.auth.models import Organisation, User
    from caseapp.cases.models import Case
    from caseapp.search.index import rebuild
    from caseapp.sources.models import CaseSource, Excerpt, Source, SourceText
    from caseapp.assessment import outcomes

    rng = random.Random(7)
    words = vocabulary(rng)
    weights = [1 / (rank + 1) for rank in range(len(words))]  # Zipf: a few words everywhere, most rare
    started = time.perf_counter()
    org = Organisation(name="Bench", code="BENCH")
    db.session.add(org)
    db.session.flush()
    users = {role: User(organisation_id=org.id, email=f"{role}@bench.test", full_name=role, role=role,
                        password_hash="x") for role in ("coordinator", "caseworker", "advocate")}
    db.session.add_all(users.values())
    db.session.flush()
    now = datetime.now(timezone.utc)

    def extras(rate_common: float) -> list[str]:
        found = []
        if rng.random() < rate_common:
            found.append("passports")
        if rng.random() < 0.05:
            found += ["guards", "wages"]
        if rng.random() < 0.02:
            found += ["closed", "barracks"]
        if rng.random() < 0.03:
            found.append(rng.choice(["recruited", "recruiter", "recruitment"]))
        if rng.random() < 0.0005:
            found.append("zorvanelk")
        return found

    rows = []
    for number in range(1, args.cases + 1):
        extra = extras(0.3)
        if "closed" in extra:
            extra = [w for w in extra if w not in ("closed", "barracks")] + ["closed barracks"]
        rows.append({"organisation_id": org.id, "reference": f"BENCH-{number:06d}",
                     "title": prose(rng, words, weights, 5, []),
                     "summary": prose(rng, words, weights, 150, extra), "status": rng.choice(STATUSES),
                     "confidentiality": "restricted" if rng.random() < 0.05 else "normal",
                     "country": rng.choice(COUNTRIES), "sector": rng.choice(SECTORS),
                     "period_first": date(rng.randint(2012, 2025), 1, 1),
                     "created_by_id": users["caseworker"].id, "assignee_id": users["caseworker"].id,
                     "created_at": now, "updated_at": now, "status_changed_at": now, "conditions": {}, "version": 1})
        if len(rows) == 5000:
            db.session.execute(insert(Case), rows)
            rows = []
    if rows:
        db.session.execute(insert(Case), rows)
    case_ids = list(db.session.scalars(select(Case.id)))
    for number in range(1, args.sources + 1):
        source = Source(organisation_id=org.id, origin="paste", language=rng.choice(["en", "ru", "fr", "nl"]),
                        title=prose(rng, words, weights, 6, []), sha256="0" * 64, created_by_id=users["caseworker"].id,
                        published_on=f"{rng.randint(2012, 2025)}")
        db.session.add(source)
        db.session.flush()
        body = prose(rng, words, weights, args.words, extras(0.5))
        db.session.add(SourceText(source_id=source.id, revision=1, text=body, text_sha256="0" * 64,
                                  created_by_id=users["caseworker"].id))
        for case_id in rng.sample(case_ids, 2):
            db.session.add(CaseSource(case_id=case_id, source_id=source.id))
        if number % 1000 == 0:
            db.session.flush()
    db.session.flush()
    links = db.session.execute(select(CaseSource.case_id, CaseSource.source_id)).all()
    text_of = dict(db.session.execute(select(SourceText.source_id, SourceText.id)).all())
    rows = []
    for _ in range(args.quotes):
        case_id, source_id = rng.choice(links)
        quote = prose(rng, words, weights, 12, extras(0.2))
        rows.append({"case_id": case_id, "source_id": source_id, "text_id": text_of[source_id], "start": 0, "end": len(quote),
                     "quote": quote, "translation": "", "created_by_id": users["caseworker"].id, "created_at": now})
        if len(rows) == 5000:
            db.session.execute(insert(Excerpt), rows)
            rows = []
    if rows:
        db.session.execute(insert(Excerpt), rows)
    db.session.commit()
    built = time.perf_counter() - started
    started = time.perf_counter()
    written = rebuild(db.session.connection())
    outcomes.rebuild(db.session.connection())
    db.session.commit()
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    print(f"built {args.cases} cases, {args.sources} sources x {args.words} words, {args.quotes} quotes "
          f"in {built:.0f} s; indexed {written} documents in {time.perf_counter() - started:.0f} s")
    return {role: user.id for role, user in users.items()}


def bare(query: str):
    """The engine alone: the ids of the documents holding the words."""
    from caseapp.search import index, syntax
    from caseapp.search.models import SearchDocument

    parsed = syntax.parse(query)
    dialect = db.engine.dialect.name
    if dialect == "postgresql":
        vector = literal_column("search_vector")
        stmt = select(func.count()).select_from(SearchDocument).where(
            vector.op("@@")(func.to_tsquery(literal_column("'simple'::regconfig"), syntax.tsquery(parsed))))
    else:
        stmt = select(func.count()).select_from(index._FTS).where(
            literal_column("search_fts").op("MATCH")(syntax.fts5_match(parsed)))
    return db.session.scalar(stmt)


def timed(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
        db.session.rollback()
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", help="a database URL (default: a new SQLite file)")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--sources", type=int, default=20_000)
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-build", action="store_true",
                        help="measure the archive already in --database (built by an earlier run)")
    args = parser.parse_args()
    url = args.database or f"sqlite:///{tempfile.mkdtemp()}/search-bench.db"
    print(f"database: {url}")
    app = create_app(TestConfig(url))
    from caseapp.auth.models import User
    from caseapp.search import everything

    with app.app_context():
        if args.no_build:
            ids = {user.role: user.id for user in db.session.scalars(
                select(User).where(User.email.like("%@bench.test")))}
        else:
            if url.startswith("postgresql"):
                db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
                db.session.commit()
            db.create_all()
            ids = build(app, args)
        print(f"{'query':<12} {'results':>8} {'bare ms':>8} {'page ms':>8} {'grouped':>8} {'redacted':>9}")
        for name, query in QUERIES.items():
            with app.test_request_context():
                coordinator = db.session.get(User, ids["coordinator"])
                results = everything.search(coordinator, query, everything.SearchFilters(), None, 25).total
                row = measure(query, ids, args.repeat)
            print(f"{name:<12} {results:>8} " + " ".join(f"{ms:>8.1f}" for ms in row))


def measure(query: str, ids: dict, repeat: int) -> list[float]:
    from caseapp.auth.models import User
    from caseapp.search import everything

    filters = everything.SearchFilters()

    def page(role: str) -> None:
        everything.search(db.session.get(User, ids[role]), query, filters, None, 25)

    def grouped(role: str) -> None:
        everything.grouped(db.session.get(User, ids[role]), query, filters, 5)

    return [timed(lambda: bare(query), repeat), timed(lambda: page("coordinator"), repeat),
            timed(lambda: grouped("coordinator"), repeat), timed(lambda: grouped("advocate"), max(1, repeat // 2))]


if __name__ == "__main__":
    main()
