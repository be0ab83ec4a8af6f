"""How long an import of many cases takes, next to the bare inserts of the same rows.

Makes --cases case objects as the import page takes them (a summary, a worker group, an employer among
--parties names), imports them through the service the page and `flask cases import` use (one
transaction: cases, parties, links, audit entries, search index), and prints the seconds, the cases per
second and, beside it, the same number of plain case rows inserted in bulk with nothing else (the floor).

Run by hand (not in `make test`): .venv/bin/python bench/import_scale.py [--cases 10000]
[--database postgresql://...] (the database is emptied first: give one of its own).
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, text  # noqa: E402

from config import TestConfig  # noqa: E402
from caseapp.app import create_app  # noqa: E402
from caseapp.extensions import db  # noqa: E402


def records(count: int, parties: int) -> list[dict]:
    rng = random.Random(3)
    return [{"title": f"Site {number}: crew kept at the worksite", "sector": rng.choice(["construction", "fishing"]),
             "country": rng.choice(["RU", "QA", "MY", "TH"]),
             "summary": "The workers said the guards kept their passports and paid their wages to the agent. " * 3,
             "worker_groups": [{"origin": rng.choice(["KP", "NP", "MM"]), "count_min": rng.randint(5, 200)}],
             "parties": [{"name": f"Employer {number % parties}", "role": "employer"}]}
            for number in range(count)]


def fresh(url: str):
    app = create_app(TestConfig(url))
    with app.app_context():
        if url.startswith("postgresql"):
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        else:
            db.drop_all()
        db.create_all()
    return app


def coordinator():
    from caseapp.auth.models import Organisation, User

    organisation = Organisation(name="Bench", code="BENCH")
    db.session.add(organisation)
    db.session.flush()
    user = User(organisation_id=organisation.id, email="coordinator@bench.test", full_name="Bench",
                role="coordinator", password_hash="x")
    db.session.add(user)
    db.session.commit()
    return user


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", help="a database URL of its own (default: a new SQLite file)")
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--parties", type=int, default=300, help="distinct employer names")
    args = parser.parse_args()
    url = args.database or f"sqlite:///{tempfile.mkdtemp()}/import-bench.db"
    print(f"database: {url}")
    rows = records(args.cases, args.parties)

    app = fresh(url)
    with app.app_context():
        from flask_babel import gettext

        from caseapp.cases.models import Case
        from caseapp.transfer import services

        user = coordinator()
        with app.test_request_context():
            started = time.perf_counter()
            created = services.import_cases(rows, user, gettext, "bench")
            db.session.commit()
            imported = time.perf_counter() - started
        assert len(created) == args.cases

    app = fresh(url)
    with app.app_context():
        user = coordinator()
        now = datetime.now(timezone.utc)
        plain = [{"organisation_id": user.organisation_id, "reference": f"BENCH-{n:06d}", "title": r["title"],
                  "summary": r["summary"], "status": "draft", "confidentiality": "normal", "country": r["country"],
                  "sector": r["sector"], "created_by_id": user.id, "assignee_id": user.id, "created_at": now,
                  "updated_at": now, "status_changed_at": now, "conditions": {}, "version": 1}
                 for n, r in enumerate(rows)]
        started = time.perf_counter()
        db.session.execute(insert(Case), plain)
        db.session.commit()
        bare = time.perf_counter() - started

    print(f"{'':<34} {'seconds':>8} {'cases/s':>8}")
    print(f"{'import (audited, indexed, parties)':<34} {imported:>8.1f} {args.cases / imported:>8.0f}")
    print(f"{'bare insert of the case rows':<34} {bare:>8.1f} {args.cases / bare:>8.0f}")


if __name__ == "__main__":
    main()
