"""caseapp's pages on a large archive, under load, next to a bare Flask page served the same way in the same run.

1. Builds the archive (bench/archive.py: by default 100,000 cases, 20,000 sources of 2,000 words each and
   100,000 quotes, all through caseapp's services, audited and indexed) in a database of its own, migrated
   as `make run` migrates. --no-build measures the archive an earlier run left (same --database and
   --instance).
2. Serves caseapp with gunicorn as `make run` does (wsgi:app, --workers), and bench/bare_page.py (Flask,
   SQLAlchemy, Jinja over the same cases table, nothing else) with the same gunicorn settings.
3. Signs in as the bench's caseworker and loads each page with wrk from this machine (--threads,
   --connections, --seconds each): the case list, a case page (the case with the most quotes), a search of
   two words, and the list filtered by country and sector; the bare list beside the lists and the search,
   the bare case page beside the case page.
4. Prints requests per second, p50/p95/p99 in ms, answers other than 2xx, the ratio to the bare page,
   the goals (lists and case page at least 0.6 of the bare page with p95 under 50 ms, search p95 under
   150 ms), the database's size and the memory of each worker.

Run by hand, never in `make test` (tests/integration/test_pages_at_scale.py checks the same pages on about
1,000 cases): .venv/bin/python bench/pages.py [--database postgresql://postgres@127.0.0.1/pagesbench]
Needs wrk (Debian: apt-get install wrk). On a shared machine, read the ratios more than the figures.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.serving import gunicorn  # noqa: E402

SECRET = "bench-pages-secret-key-that-is-long-enough-0123456789"  # the bench's own instance only


def environment(args) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": args.database, "CASEAPP_INSTANCE_PATH": args.instance,
            "SECRET_KEY": SECRET, "BARE_DATABASE_URL": args.database, "PYTHONPATH": str(ROOT)}


def build(args) -> None:
    """Migrate a fresh database and fill it, in a child process that reads the same settings as the server."""
    code = f"""
import sys, time
sys.path.insert(0, {str(ROOT)!r})
from sqlalchemy import text
from caseapp.app import create_app
from caseapp.extensions import db
from flask_migrate import upgrade
from bench.archive import Size, build
app = create_app()
with app.app_context():
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.session.commit()
    upgrade(directory={str(ROOT / "migrations")!r})
    started = time.perf_counter()
    with app.test_request_context():
        build(Size({args.cases}, {args.sources}, {args.words}, {args.quotes}), lambda line: print(line, flush=True))
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    print(f"built in {{time.perf_counter() - started:.0f}} s", flush=True)
"""
    if args.database.startswith("sqlite:///"):
        Path(args.database.removeprefix("sqlite:///")).unlink(missing_ok=True)
    # One person adds every source of the archive: the per-person limit on adding sources is lifted for it.
    subprocess.run([sys.executable, "-c", code], env={**environment(args), "SOURCE_ADDS_PER_USER": "1000000 per hour"},
                   check=True, cwd=ROOT)


def database_facts(args) -> tuple[int, int, str]:
    """(the case the page shows: the one with most quotes, its size in bytes, a readable size)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(args.database)
    with engine.connect() as connection:
        case_id = connection.execute(text(
            "SELECT e.case_id FROM excerpts e JOIN cases c ON c.id = e.case_id WHERE c.confidentiality = 'normal' "
            "GROUP BY e.case_id ORDER BY count(*) DESC, e.case_id LIMIT 1")).scalar_one()
        if engine.dialect.name == "postgresql":
            size = connection.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
        else:
            path = Path(args.database.removeprefix("sqlite:///"))
            size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    engine.dispose()
    return case_id, size, f"{size / 2**20:.0f} MiB"


def serve(app_path: str, args) -> tuple[subprocess.Popen, str]:
    return gunicorn(app_path, environment(args), args.workers, ["--log-level", "warning"])


def sign_in(base: str, email: str, password: str) -> str:
    """The Cookie header of a signed-in session, made through the sign-in form like a person."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(f"{base}/login").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form) or \
        re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form)
    data = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": token.group(1)}).encode()
    opener.open(f"{base}/login", data=data).read()
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    if "session" not in cookie:
        raise SystemExit("could not sign in")
    return cookie


def load(url: str, cookie: str | None, args) -> dict:
    """wrk on one URL: its JSON line (requests, seconds, errors, non_2xx, p50, p95, p99 in ms)."""
    for _ in range(3):  # warm: the first answers of a worker read its templates and caches
        request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
        with urllib.request.urlopen(request) as response:
            if response.status != 200 or "/login" in response.url:
                raise SystemExit(f"{url} answered {response.status} at {response.url}")
    command = ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.seconds}s",
               "-s", str(ROOT / "bench" / "stats.lua"), url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = json.loads(output.split("JSON ", 1)[1])
    figures["rps"] = figures["requests"] / figures["seconds"]
    return figures


def worker_memory(server: subprocess.Popen) -> list[int]:
    """Resident memory (MiB) of each gunicorn worker of this server."""
    output = subprocess.run(["ps", "-o", "rss=", "--ppid", str(server.pid)], capture_output=True, text=True).stdout
    return [int(line) // 1024 for line in output.split()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", help="a database URL of its own (default: a SQLite file in --instance)")
    parser.add_argument("--instance", default=str(Path(tempfile.gettempdir()) / "caseapp-bench-pages"),
                        help="the app's instance folder (keys, snapshots); keep it with --no-build")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--sources", type=int, default=20_000)
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--no-build", action="store_true", help="measure the archive an earlier run built")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers, as `make run` starts")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=15)
    args = parser.parse_args()
    Path(args.instance).mkdir(parents=True, exist_ok=True)
    args.database = args.database or f"sqlite:///{Path(args.instance) / 'pages-bench.db'}"
    print(f"database: {args.database}; gunicorn --workers {args.workers}; wrk {args.threads} threads x "
          f"{args.connections} connections, {args.seconds} s a page")
    if not args.no_build:
        build(args)
    case_id, _size, readable = database_facts(args)

    caseapp, base = serve("wsgi:app", args)
    bare, bare_base = serve("bench.bare_page:app", args)
    try:
        cookie = sign_in(base, "caseworker@bench.test", "bench-password-0123")
        bare_list = load(f"{bare_base}/bare/cases", None, args)
        bare_case = load(f"{bare_base}/bare/cases/{case_id}", None, args)
        pages = [("case list", f"{base}/cases", bare_list, 50),
                 ("case page", f"{base}/cases/{case_id}", bare_case, 50),
                 ("search, two words", f"{base}/search?q=guards+wages", bare_list, 150),
                 ("list by country+sector", f"{base}/cases?country=RU&sector=construction", bare_list, 50)]
        print(f"\n{'page':<24} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'not 2xx':>7} "
              f"{'bare/s':>7} {'ratio':>6}  goal")
        for name, figures in (("bare list", bare_list), ("bare case page", bare_case)):
            print(f"{name:<24} {figures['rps']:>7.0f} {figures['p50']:>7.1f} {figures['p95']:>7.1f} "
                  f"{figures['p99']:>7.1f} {figures['non_2xx'] + figures['errors']:>7}")
        for name, url, yardstick, p95_goal in pages:
            figures = load(url, cookie, args)
            ratio = figures["rps"] / yardstick["rps"]
            met = figures["p95"] < p95_goal and (name.startswith("search") or ratio >= 0.6)
            goal = (f"p95 < {p95_goal} ms" if name.startswith("search") else f">= 0.6, p95 < {p95_goal} ms")
            print(f"{name:<24} {figures['rps']:>7.0f} {figures['p50']:>7.1f} {figures['p95']:>7.1f} "
                  f"{figures['p99']:>7.1f} {figures['non_2xx'] + figures['errors']:>7} {yardstick['rps']:>7.0f} "
                  f"{ratio:>6.2f}  {goal}: {'met' if met else 'NOT met'}")
        print(f"\ndatabase size: {readable}; caseapp workers' memory (MiB): {worker_memory(caseapp)}; "
              f"bare workers': {worker_memory(bare)}")
    finally:
        for server in (caseapp, bare):
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
