"""A bounded soak run: caseapp under many people at once for minutes, then a check that nothing was lost.

`make soak` runs it twice, each against a database of its own, served by gunicorn as `make run` serves it,
loaded by locust (headless, loopback only, stopping by itself; bench/soak_locustfile.py):

  postgresql  --users 20 of mixed reads and writes (case list, case, search; new cases, edits that carry
              their version, comments) for --minutes (10)
  sqlite      --writers 5 writing at once for the same time

Two locust users share each caseworker (the same person in two tabs), so that edits of one case from one
version meet: the second is to be refused (409), never lost.

It fails (exit 1) on any answer other than the expected 409 (someone saved first) and 429 (throttled), on
any lock timeout in the server's log, and on any lost write: every case, edit and comment the server
acknowledged is read back afterwards (the edits: each case holds the region of its last acknowledged
edit, at that version). Figures: requests, failures, and per request kind the count, median and p95.

Run: make soak [SOAK_MINUTES=10] [SOAK_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/caseapp_soak]
(the PostgreSQL database is created if missing and emptied first: give one of its own).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.serving import gunicorn  # noqa: E402

VENV_BIN = ROOT / ".venv" / "bin"
SECRET = "soak-secret-key-that-is-long-enough-0123456789abcdef"  # the soak's own instance only
LOCK_TIMEOUTS = ("database is locked", "lock timeout", "deadlock detected", "LockNotAvailable")


def ensure_postgres_database(url: str) -> None:
    """Create the soak's PostgreSQL database if it is missing (connecting to the server's `postgres` one)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    target = make_url(url)
    engine = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if not connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                  {"name": target.database}).first():
            connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    engine.dispose()


def prepare(env: dict[str, str], people: int, tokens_path: Path) -> None:
    """Migrate the empty database and make one organisation with `people` caseworkers, a token each."""
    code = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from sqlalchemy import text
from flask_migrate import upgrade
from caseapp.app import create_app
from caseapp.auth import services as auth
from caseapp.extensions import db
app = create_app()
with app.app_context():
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.session.commit()
    upgrade(directory={str(ROOT / "migrations")!r})
    org = auth.create_organisation("Soak Watch", "SOAK", None)
    tokens = []
    for number in range({people}):
        user = auth.create_user(org, f"caseworker{{number}}@soak.test", "caseworker", "soak-password-0123",
                                f"Soak {{number}}", None)
        tokens.append(auth.create_token(user, "soak", user).secret)
    db.session.commit()
    open({str(tokens_path)!r}, "w").write("\\n".join(tokens))
"""
    subprocess.run([str(VENV_BIN / "python"), "-c", code], env=env, check=True, cwd=ROOT)


def lost_writes(env: dict[str, str], ledger: Path) -> list[str]:
    """Every acknowledged write read back from the database: what is missing, or not as acknowledged."""
    code = f"""
import json, sys
sys.path.insert(0, {str(ROOT)!r})
from caseapp.app import create_app
from caseapp.cases.models import Case, CaseComment
from caseapp.extensions import db
app = create_app()
lost = []
last_edit = {{}}
with app.app_context():
    for line in open({str(ledger)!r}, encoding="utf-8"):
        entry = json.loads(line)
        if entry["kind"] == "case":
            case = db.session.get(Case, entry["id"])
            if case is None or case.title != entry["title"]:
                lost.append(f"case {{entry['id']}} ({{entry['title']}})")
        elif entry["kind"] == "edit":
            if entry["version"] > last_edit.get(entry["id"], {{"version": 0}})["version"]:
                last_edit[entry["id"]] = entry
        else:
            found = db.session.scalar(db.select(CaseComment.id).where(CaseComment.case_id == entry["case_id"],
                                                                       CaseComment.body == entry["body"]))
            if found is None:
                lost.append(f"comment on case {{entry['case_id']}}")
    for case_id, entry in last_edit.items():
        case = db.session.get(Case, case_id)
        if case.region != entry["region"] or case.version < entry["version"]:
            lost.append(f"edit of case {{case_id}} to version {{entry['version']}}")
print(json.dumps(lost))
"""
    output = subprocess.run([str(VENV_BIN / "python"), "-c", code], env=env, check=True, cwd=ROOT,
                            capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def run(name: str, database: str, people: int, mode: str, minutes: float, locust: str) -> bool:
    work = Path(tempfile.mkdtemp(prefix=f"caseapp-soak-{name}-"))
    if database.startswith("postgresql"):
        ensure_postgres_database(database)
    else:
        database = f"sqlite:///{work / 'soak.db'}"
    env = {**os.environ, "DATABASE_URL": database, "CASEAPP_INSTANCE_PATH": str(work), "SECRET_KEY": SECRET,
           "PYTHONPATH": str(ROOT)}
    env.pop("REDIS_URL", None)
    tokens, ledger, server_log = work / "tokens.txt", work / "ledger.jsonl", work / "server.log"
    prepare(env, max(1, people // 2), tokens)  # two locust users for each person: the same person in two tabs
    with open(server_log, "w") as log:
        server, base = gunicorn("wsgi:app", env, 2, ["--access-logfile", "-"], output=log)
    try:
        print(f"\n== {name}: {people} {'people, reads and writes' if mode == 'mixed' else 'writers'}, "
              f"{minutes:g} min, {database}", flush=True)
        subprocess.run([locust, "-f", str(ROOT / "bench" / "soak_locustfile.py"), "--headless",
                        "--users", str(people), "--spawn-rate", str(people), "--run-time", f"{int(minutes * 60)}s",
                        "--host", base, "--csv", str(work / "locust"), "--only-summary",
                        "--stop-timeout", "10", "--loglevel", "WARNING"],
                       env={**env, "SOAK_TOKENS": str(tokens), "SOAK_LEDGER": str(ledger), "SOAK_MODE": mode},
                       cwd=ROOT, check=False, stdout=open(work / "locust.log", "w"), stderr=subprocess.STDOUT)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return report(name, work, env, ledger, server_log)


def report(name: str, work: Path, env: dict[str, str], ledger: Path, server_log: Path) -> bool:
    rows = list(csv.DictReader(open(work / "locust_stats.csv", encoding="utf-8")))
    print(f"{'request':<38} {'count':>7} {'failed':>7} {'median ms':>10} {'p95 ms':>8}")
    for row in rows:
        print(f"{row['Type'] + ' ' + row['Name'] if row['Name'] != 'Aggregated' else 'all':<38} "
              f"{row['Request Count']:>7} {row['Failure Count']:>7} {row['Median Response Time']:>10} "
              f"{row['95%']:>8}")
    failures = [r for r in csv.DictReader(open(work / "locust_failures.csv", encoding="utf-8"))]
    for failure in failures:
        print(f"  failure: {failure['Method']} {failure['Name']}: {failure['Error'][:160]} x{failure['Occurrences']}")
    log = server_log.read_text(encoding="utf-8", errors="replace")
    locks = [line for line in log.splitlines() if any(sign in line for sign in LOCK_TIMEOUTS)]
    statuses: dict[str, int] = {}
    for line in log.splitlines():
        parts = line.split('" ')
        if len(parts) > 1 and parts[1][:3].isdigit():
            statuses[parts[1][:3]] = statuses.get(parts[1][:3], 0) + 1
    acknowledged = sum(1 for _ in open(ledger, encoding="utf-8")) if ledger.exists() else 0
    lost = lost_writes(env, ledger) if acknowledged else []
    print(f"answers by status: {dict(sorted(statuses.items()))}; lock timeouts in the log: {len(locks)}; "
          f"acknowledged writes: {acknowledged}, lost: {len(lost)}")
    for item in lost[:20]:
        print(f"  lost: {item}")
    ok = not failures and not locks and not lost and acknowledged > 0
    print(f"{name}: passed" if ok else f"{name}: FAILED (the server's log, locust's and the ledger: {work})")
    if ok:
        shutil.rmtree(work, ignore_errors=True)
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=float(os.environ.get("SOAK_MINUTES", 10)))
    parser.add_argument("--postgres", default=os.environ.get("SOAK_POSTGRES_URL",
                                                             "postgresql://postgres@127.0.0.1:5432/caseapp_soak"))
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--writers", type=int, default=5)
    parser.add_argument("--only", choices=["postgresql", "sqlite"])
    parser.add_argument("--locust", default=str(ROOT / ".venv-soak" / "bin" / "locust"))
    args = parser.parse_args()
    results = []
    if args.only in (None, "postgresql"):
        results.append(run("postgresql", args.postgres, args.users, "mixed", args.minutes, args.locust))
    if args.only in (None, "sqlite"):
        results.append(run("sqlite", "sqlite", args.writers, "writers", args.minutes, args.locust))
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
