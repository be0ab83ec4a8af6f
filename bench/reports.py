"""Measure the reports: time and peak memory, and how much the app adds to WeasyPrint's own rendering.

    python bench/reports.py            # builds its data in a temporary SQLite database
    python bench/reports.py --cases 200 --keep /tmp/bench-reports

Three scenarios, each in a fresh process so its peak memory is its own:
the founding case's report (advocate profile), a 20-case dossier and a
200-case dossier, on generated cases with people, quotes, findings and
history. For each it prints the app's total time, the time WeasyPrint alone
takes to render the same final HTML (every part, with the same stylesheet
and fonts, already loaded), their ratio, and the process's peak resident
memory. Goals: ratio at most 1.20; a single case report under 1.5 s; a
200-case dossier within 1 GB.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PARAGRAPHS = [
    "{name} came to {city} in {year} with {n} other men recruited by {agent}.",
    "His passport was taken by the guard on the first day and kept in the site office.",
    "They worked from 07:00 to 22:00, seven days a week, and rested one day a month.",
    "{name} said the wages were paid to the minders, who handed the workers a small part.",
    "The men slept in closed barracks next to the site and were driven there and back by bus.",
    "His wife {wife} stayed at home; she would be punished if he ran away, he was told.",
    "An informant, {informant}, who cooked for the brigade, confirmed the hours and the guards.",
    "The employer, {employer}, did not answer questions sent by the researchers.",
]
CITIES = ["Saint Petersburg", "Vladivostok", "Doha", "Gdańsk", "Almería", "Санкт-Петербург"]
GIVEN = ["Chol", "Myong", "Sun", "Yong", "Hyok", "Il", "Song", "Kwang"]
FAMILY = ["Ri", "Kim", "Pak", "Jo", "Han", "Choe", "Kang", "Yun"]


def _name(n: int) -> str:
    return f"{FAMILY[n % 8]} {GIVEN[(n // 8) % 8]}-{GIVEN[(n // 64 + 3) % 8].lower()}{n}"


def build_data(database_url: str, count: int) -> list[int]:
    """The demo organisation and founding case, plus `count` generated cases; returns their ids."""
    from caseapp.app import create_app
    from caseapp.assessment import services as assessment
    from caseapp.auth import services as auth
    from caseapp.cases import review
    from caseapp.cases import services as cases
    from caseapp.demo.services import load_demo
    from caseapp.extensions import db
    from caseapp.parties import services as parties
    from caseapp.persons import services as persons
    from caseapp.sources import evidence
    from caseapp.sources import services as sources
    from config import TestConfig

    config = TestConfig(database_url)
    config.PASSWORD_HASH_FAST = True
    app = create_app(config)
    ids = []
    with app.app_context():
        db.create_all()
        load_demo(Path(tempfile.mkdtemp()), "bench passphrase for the demo")
        db.session.commit()
        org = auth.find_organisation("Demo NGO")
        caseworker = auth.find_user_by_email("caseworker@demo.test")
        coordinator = auth.find_user_by_email("coordinator@demo.test")
        for n in range(count):
            name, wife, informant = _name(3 * n), _name(3 * n + 1), _name(3 * n + 2)
            employer = f"Stroy-{n % 17} LLC"
            values = {"name": name, "wife": wife, "informant": informant, "employer": employer,
                      "city": CITIES[n % len(CITIES)], "year": 2015 + n % 9, "n": 20 + n % 300,
                      "agent": f"Agency {n % 5}"}
            text = "\n\n".join(p.format(**values) for p in PARAGRAPHS)
            case = cases.create_case({"title": f"Brigade {n} in {values['city']}", "sector": "construction",
                                      "country": "RU", "period_start": str(values["year"]),
                                      "summary": text[:600],
                                      "worker_groups": [{"origin": "KP", "count_min": values["n"],
                                                         "count_qualifier": "about"}]}, caseworker)
            for data in ({"name": name, "role": "worker", "aliases": [name.split()[0] + " " + str(n)],
                          "contact": f"Phone: +7 900 {n:06d}", "document_numbers": f"Passport 8{n:08d}"},
                         {"name": wife, "role": "family_member"}, {"name": informant, "role": "informant"}):
                persons.create_person(case, data, caseworker)
            party = parties.find_by_name(org.id, employer) or \
                parties.create_party({"name": employer, "kind": "employer"}, caseworker).party
            db.session.flush()
            parties.link_party(case, party.id, "employer", "", caseworker)
            source = sources.add_from_paste(text, {"title": f"Interview notes {n}", "publisher": "Field team"},
                                            None, caseworker).source
            db.session.flush()
            lines = text.split("\n\n")
            quotes = [evidence.create_excerpt(source, case, {"quote": line}, caseworker) for line in lines[1:7]]
            db.session.flush()
            plan = [("retention_of_identity_documents", 0, ["employment", "exit"]),
                    ("excessive_overtime", 1, ["employment"]), ("withholding_of_wages", 2, ["employment"]),
                    ("restriction_of_movement", 3, ["employment", "exit"]),
                    ("intimidation_threats", 4, ["exit"])]
            for indicator, quote, stages in plan:
                assessment.record_finding(case, indicator, {"status": "present", "stages": stages,
                                                            "excerpt_ids": [quotes[quote].id]}, caseworker)
            db.session.commit()
            for indicator, _, _ in plan[:3]:
                assessment.sign_off(case, indicator, coordinator)
            for target, actor in (("submitted", caseworker), ("in_review", coordinator),
                                  ("verified", coordinator)):
                review.transition(case, target, None, actor)
            db.session.commit()
            ids.append(case.id)
            if (n + 1) % 50 == 0:
                print(f"  generated {n + 1} cases", file=sys.stderr)
    return ids


def run_scenario(database_url: str, kind: str, case_ids: list[int], workdir: Path) -> dict:
    """One scenario in this process: the app's run, then WeasyPrint alone on the same HTML."""
    from weasyprint import HTML

    from caseapp.app import create_app
    from caseapp.cases.models import Case
    from caseapp.extensions import db
    from caseapp.reports import pdf
    from caseapp.reports.models import ReportExport
    from caseapp.reports.services import build_dossier, case_report_pdf, static_root
    from config import TestConfig

    config = TestConfig(database_url)
    config.REPORTS_PATH = str(workdir)
    app = create_app(config)
    captured: list[tuple[str, bool]] = []
    original = pdf.render_pdf

    def recording(html, root, tagged=True):
        captured.append((html, tagged))
        return original(html, root, tagged)

    with app.app_context():
        root = static_root()
        original("<!doctype html><html lang=en><title>warm</title><p>warm", root)  # load fonts once, as a server has
        pdf.render_pdf = recording
        import caseapp.reports.documents as documents

        documents.render_pdf = recording
        cold = None
        if kind == "case":
            # The first report of a process also compiles the templates and SQL: shown apart as "cold".
            started = time.perf_counter()
            case_report_pdf(db.session.get(Case, case_ids[0]), "advocate", None)
            cold = time.perf_counter() - started
            captured.clear()
        fonts, css = pdf._Styles.get(root)

        def weasyprint_alone(pieces) -> float:
            started = time.perf_counter()
            for html, tagged in pieces:
                document = HTML(string=html, base_url=root.as_uri() + "/",
                                url_fetcher=pdf.StaticOnlyFetcher(root)).render(stylesheets=[css], font_config=fonts)
                document.write_pdf(pdf_variant="pdf/ua-1" if tagged else None)
                del document
            return time.perf_counter() - started

        if kind == "case":
            # A report takes about a second, so single timings are noisy: alternate the app and
            # WeasyPrint alone five times and keep the medians.
            app_runs, weasy_runs = [], []
            for _ in range(5):
                captured.clear()
                started = time.perf_counter()
                made = case_report_pdf(db.session.get(Case, case_ids[0]), "advocate", None)
                app_runs.append(time.perf_counter() - started)
                db.session.commit()
                weasy_runs.append(weasyprint_alone(list(captured)))
            pages = made.export.pages
            app_seconds, weasy_seconds = sorted(app_runs)[2], sorted(weasy_runs)[2]
            peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        else:
            case = db.session.get(Case, case_ids[0])
            export = ReportExport(organisation_id=case.organisation_id, kind="dossier", profile="advocate",
                                  case_ids=case_ids, actor_label="bench")
            db.session.add(export)
            db.session.commit()
            out = workdir / f"{kind}.pdf"
            started = time.perf_counter()
            pages = build_dossier(export, output=out, manifest=workdir / f"{kind}.pdf.manifest.json").pages
            app_seconds = time.perf_counter() - started
            peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            weasy_seconds = weasyprint_alone(captured)
    return {"scenario": kind, "cases": len(case_ids), "pages": pages, "parts": len(captured),
            "app_s": round(app_seconds, 2), "weasyprint_s": round(weasy_seconds, 2),
            "ratio": round(app_seconds / weasy_seconds, 3), "peak_rss_mb": round(peak_mb),
            "cold_s": round(cold, 2) if cold is not None else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=200, help="generated cases (the large dossier's size)")
    parser.add_argument("--keep", help="a folder to keep the database and PDFs in")
    parser.add_argument("--scenario", help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    parser.add_argument("--ids", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scenario:  # a child process: run one scenario and print its figures as JSON
        workdir = Path(args.keep)
        print(json.dumps(run_scenario(args.database, args.scenario, json.loads(args.ids), workdir)))
        return

    folder = Path(args.keep or tempfile.mkdtemp(prefix="caseapp-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("CASEAPP_INSTANCE_PATH", str(folder / "instance"))
    database = f"sqlite:///{folder / 'bench.db'}"
    if not (folder / "bench.db").exists():
        print(f"Generating {args.cases} cases in {folder} ...", file=sys.stderr)
        ids = build_data(database, args.cases)
        (folder / "ids.json").write_text(json.dumps(ids))
    ids = json.loads((folder / "ids.json").read_text())
    founding = 1  # the demo's founding case is the first case of the database
    scenarios = [("case", [founding]), ("dossier-20", ids[:20]), (f"dossier-{len(ids)}", ids)]
    print(f"{'scenario':<14}{'cases':>6}{'pages':>7}{'parts':>6}{'app s':>9}{'WeasyPrint s':>14}"
          f"{'ratio':>8}{'peak MiB':>10}{'first in process s':>20}")
    for name, case_ids in scenarios:
        # Each scenario works on a copy, so the exports it records never weigh on the next run.
        # (SQLite's backup API, since the database is in WAL mode and a file copy could miss the log.)
        (folder / "scenario.db").unlink(missing_ok=True)
        with sqlite3.connect(folder / "bench.db") as source, sqlite3.connect(folder / "scenario.db") as copy:
            source.backup(copy)
        child = subprocess.run([sys.executable, __file__, "--scenario", "case" if name == "case" else name,
                                "--database", f"sqlite:///{folder / 'scenario.db'}", "--ids", json.dumps(case_ids), "--keep", str(folder)],
                               capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        if child.returncode != 0:
            print(child.stderr[-3000:], file=sys.stderr)
            raise SystemExit(f"scenario {name} failed")
        r = json.loads(child.stdout.strip().splitlines()[-1])
        print(f"{name:<14}{r['cases']:>6}{r['pages']:>7}{r['parts']:>6}{r['app_s']:>9.2f}{r['weasyprint_s']:>14.2f}"
              f"{r['ratio']:>8.3f}{r['peak_rss_mb']:>10}{r['cold_s'] if r['cold_s'] is not None else '':>20}")
    print("Goals: a case report under 1.5 s; the app within 1.20 × WeasyPrint's own time; 200 cases within 1024 MiB.")


if __name__ == "__main__":
    main()
