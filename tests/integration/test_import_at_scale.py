"""Imports of thousands of cases: no cap, all or nothing, audited and indexed, with a counter on the command line
and a background job with a progress bar on the web for files larger than IMPORT_INLINE_MAX."""
import io
import json
import threading
import time
from datetime import timedelta

import pytest
from flask_babel import gettext
from sqlalchemy import func, select

from caseapp.audit.models import AuditEntry
from caseapp.audit.verification import verify_chain
from caseapp.auth.models import User
from caseapp.cases.models import Case
from caseapp.db import utcnow
from caseapp.extensions import db
from caseapp.parties.models import CaseParty, Party
from caseapp.search import everything
from caseapp.transfer import jobs, progress, services
from caseapp.transfer.models import CaseImport
from tests.factories import login, make_case, make_org, make_user, post_form


def _rows(count, bad_at=None):
    rows = []
    for number in range(1, count + 1):
        rows.append({"title": f"Brick kiln {number}", "country": "PK", "sector": "manufacturing",
                     "summary": f"Families bonded by advances at kiln number {number}",
                     "worker_groups": [{"origin": "PK", "count_min": number}],
                     "parties": [{"name": f"Kiln owner {number % 40}", "role": "employer"},
                                 {"name": "Lahore Brick Traders", "role": "buyer"}]})
    if bad_at is not None:
        rows[bad_at - 1]["country"] = "ZZ"
    return rows


def _csv(count):
    lines = ["title,sector,country"] + [f"Deckhands on trawler {n},fishing,TH" for n in range(1, count + 1)]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def coordinator():
    return make_user(make_org(code="BIG"), "coordinator")


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_thousands_of_cases_import_at_once_audited_indexed_and_numbered_in_order(app, coordinator):
    told, entries_before = [], _count(AuditEntry)
    with app.test_request_context():
        created = services.import_cases(_rows(1200), coordinator, gettext, "test",
                                        progress=lambda done, total: told.append((done, total)))
        db.session.commit()
    assert len(created) == 1200 and _count(Case) == 1200  # beyond the 5,000... and the old cap is gone
    references = db.session.scalars(select(Case.reference).order_by(Case.id)).all()
    assert [int(r.rsplit("-", 1)[1]) for r in references] == list(range(1, 1201))
    assert set(db.session.scalars(select(Case.version))) == {1}
    # Each case's creation entry names the reference the case was given (given last, before sealing).
    created_entries = db.session.execute(select(AuditEntry.object_id, AuditEntry.changes).filter_by(
        action="case.create")).all()
    by_id = dict(db.session.execute(select(Case.id, Case.reference)).all())
    assert len(created_entries) == 1200
    assert all(changes["reference"]["new"] == by_id[object_id] for object_id, changes in created_entries)
    # 40 owners and one buyer, each created once and matched after, every case linked to two of them.
    assert _count(Party) == 41 and _count(CaseParty) == 2400
    assert told[0] == (100, 1200) and told[-1] == (1200, 1200) and len(told) == 12
    # One audit entry per case, group, party and link, plus the import's, on an unbroken chain.
    assert _count(AuditEntry) - entries_before == 1200 + 1200 + 41 + 2400 + 1
    check = verify_chain(use_anchor=False)
    assert check.intact and check.count == _count(AuditEntry)
    # In the search index in the same transaction: the last case is found by a word of its summary.
    with app.test_request_context():
        found = everything.search(coordinator, "bonded 1200", everything.SearchFilters(kind="case"), None, 10)
    assert [item.title for item in found.items] == ["Brick kiln 1200"]


def test_one_bad_row_among_thousands_leaves_no_case_party_entry_or_number_behind(app, coordinator):
    entries_before = _count(AuditEntry)
    with app.test_request_context():
        with pytest.raises(services.ImportRefused) as refused:
            services.import_cases(_rows(1500, bad_at=1499), coordinator, gettext, "test")
    db.session.rollback()
    assert [(p.row, p.field) for p in refused.value.problems] == [(1499, "country")]
    assert _count(Case) == 0 and _count(Party) == 0 and _count(AuditEntry) == entries_before
    assert verify_chain(use_anchor=False).intact
    with app.test_request_context():  # the numbers were given back: the next case is the first
        created = services.import_cases(_rows(1), coordinator, gettext, "test")
        db.session.commit()
    assert created[0].reference.endswith("-0001")


def test_the_command_line_counts_the_rows_as_it_goes(app, coordinator, tmp_path):
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(_rows(2100)))
    result = app.test_cli_runner().invoke(args=["cases", "import", str(path), "--as",
                                                                coordinator.email])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == ["Read 1000 of 2100 rows", "Read 2000 of 2100 rows",
                                          "Read 2100 of 2100 rows"]
    assert "Imported 2100 cases." in result.output and _count(Case) == 2100


def _wait(client, import_id, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = client.get(f"/cases/import/{import_id}/status").get_json()
        if status["state"] not in ("queued", "running"):
            return status
        time.sleep(0.1)
    raise AssertionError(f"import {import_id} still {status['state']} after {seconds} s")


@pytest.fixture
def job_app(app):
    app.config["IMPORT_INLINE_MAX"] = 50  # read at each upload
    return app


def test_a_large_upload_is_imported_in_the_background_with_a_progress_page(job_app, coordinator):
    client = job_app.test_client()
    login(client, coordinator.email)
    response = post_form(client, "/cases/import", "/cases/import", {"file": (io.BytesIO(_csv(300)), "boats.csv")})
    assert response.status_code == 303
    import_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    page = client.get(f"/cases/import/{import_id}").get_data(as_text=True)
    assert "boats.csv" in page and "300 cases" in page
    status = _wait(client, import_id)
    assert status == {"state": "done", "done": 300, "total": 300, "percent": 100, "label": "300 of 300 read"}
    page = client.get(f"/cases/import/{import_id}").get_data(as_text=True)
    assert "300 cases are imported." in page and 'id="import-progress"' not in page
    assert _count(Case) == 300
    job = db.session.get(CaseImport, import_id)
    db.session.refresh(job)
    assert job.content is None and job.created == 300  # the file is not kept once read
    assert progress.read(import_id) is None
    entry = db.session.scalars(select(AuditEntry).filter_by(action="cases.import")).one()
    assert entry.changes["cases"]["new"] == 300 and entry.changes["source"]["new"] == "upload:boats.csv"


def test_a_background_import_with_a_bad_row_lists_it_and_imports_nothing(job_app, coordinator):
    client = job_app.test_client()
    login(client, coordinator.email)
    content = _csv(120).replace(b"Deckhands on trawler 77,fishing,TH", b"Deckhands on trawler 77,fishing,Thailand")
    response = post_form(client, "/cases/import", "/cases/import", {"file": (io.BytesIO(content), "boats.csv")})
    import_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert _wait(client, import_id)["state"] == "refused"
    page = client.get(f"/cases/import/{import_id}").get_data(as_text=True)
    assert "Nothing was imported: 1 problem." in page and "<td>77</td>" in page and "country" in page
    assert _count(Case) == 0
    entry = db.session.scalars(select(AuditEntry).filter_by(action="cases.import_refused")).one()
    assert entry.actor_id == coordinator.id and entry.object_id == import_id
    assert entry.changes["problems"]["new"] == 1 and entry.changes["file"]["new"] == "boats.csv"


def test_an_import_page_is_its_uploaders_alone(job_app, coordinator):
    client = job_app.test_client()
    login(client, coordinator.email)
    response = post_form(client, "/cases/import", "/cases/import", {"file": (io.BytesIO(_csv(60)), "boats.csv")})
    import_id = int(response.headers["Location"].rsplit("/", 1)[1])
    _wait(client, import_id)
    colleague = make_user(coordinator.organisation, "coordinator", email="colleague@big.test")
    stranger = make_user(make_org(code="OTH"), "coordinator")
    for user in (colleague, stranger):
        other = job_app.test_client()
        login(other, user.email)
        assert other.get(f"/cases/import/{import_id}").status_code == 404
        assert other.get(f"/cases/import/{import_id}/status").status_code == 404


def test_progress_is_told_and_read_across_processes_through_a_file(app):
    with app.test_request_context():
        assert progress.read(7) is None
        before = time.time()
        progress.tell(7, 300, 1200)
        told = progress.read(7)
        assert (told.done, told.total) == (300, 1200) and before <= told.at <= time.time()
        progress.forget(7)
        assert progress.read(7) is None


def test_a_file_over_the_limit_is_refused_while_it_is_read(app, coordinator, tmp_path):
    app.config["IMPORT_MAX_ROWS"] = 100
    client = app.test_client()
    login(client, coordinator.email)
    response = post_form(client, "/cases/import", "/cases/import", {"file": (io.BytesIO(_csv(101)), "boats.csv")})
    assert response.status_code == 422 and "Import at most 100 cases at a time." in response.get_data(as_text=True)
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(_rows(101)))
    result = app.test_cli_runner().invoke(args=["cases", "import", str(path), "--as", coordinator.email])
    assert result.exit_code != 0 and "Import at most 100 cases at a time." in result.output
    assert _count(Case) == 0


def test_an_import_under_way_holds_up_no_one_elses_saves(app, coordinator):
    """The audit chain's head and the organisation's counter are locked only at the import's end: meanwhile,
    another organisation and a colleague create cases at once (on PostgreSQL; SQLite has one writer)."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("on SQLite a transaction that writes is the only writer until it ends (README)")
    colleague = make_user(coordinator.organisation, "caseworker", email="colleague@big.test")
    elsewhere = make_user(make_org(code="ELSE"), "caseworker")
    people, paused, resume, failures = (coordinator.id, colleague.id, elsewhere.id), threading.Event(), \
        threading.Event(), []

    def halfway(done, total):
        if done == 100:
            paused.set()
            resume.wait(60)

    def run_import():
        try:
            with app.app_context(), app.test_request_context():
                actor = db.session.get(User, people[0])
                services.import_cases(_rows(200), actor, gettext, "test", progress=halfway)
                db.session.commit()
        except Exception as error:  # noqa: BLE001 - reported by the test
            failures.append(error)

    worker = threading.Thread(target=run_import)
    worker.start()
    try:
        assert paused.wait(60)
        timings = []
        with app.app_context():
            for user_id in people[1:]:
                started = time.monotonic()
                make_case(db.session.get(User, user_id), title="Meanwhile")  # audited, committed
                timings.append(time.monotonic() - started)
    finally:
        resume.set()
        worker.join(120)
    assert failures == [] and max(timings) < 5, timings
    db.session.expire_all()
    assert _count(Case) == 202 and verify_chain(use_anchor=False).intact
    references = db.session.scalars(select(Case.reference).where(
        Case.organisation_id == coordinator.organisation_id)).all()
    assert len(set(references)) == 201  # the colleague's and the import's numbers never meet


def test_a_job_whose_process_died_ends_as_failed_and_its_file_is_dropped(job_app, coordinator):
    client = job_app.test_client()
    login(client, coordinator.email)
    job = jobs.queue_import(_csv(60), "boats.csv", coordinator, 60, "en")
    job.state, job.started_at = "running", utcnow() - timedelta(minutes=11)  # started, then silent
    db.session.commit()
    status = client.get(f"/cases/import/{job.id}/status").get_json()
    assert status["state"] == "failed"
    page = client.get(f"/cases/import/{job.id}").get_data(as_text=True)
    assert "stopped before it finished" in page and "Nothing was imported" in page
    db.session.expire_all()
    assert db.session.get(CaseImport, job.id).content is None
    assert db.session.scalars(select(AuditEntry.object_id).filter_by(action="cases.import_failed")).all() == [job.id]


def test_a_job_the_queue_refuses_ends_as_failed_at_once(job_app, coordinator, monkeypatch):
    def refuse(import_id):
        raise ConnectionError("the queue is down")

    monkeypatch.setattr(jobs, "submit", refuse)
    client = job_app.test_client()
    login(client, coordinator.email)
    response = post_form(client, "/cases/import", "/cases/import", {"file": (io.BytesIO(_csv(60)), "boats.csv")})
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "could not be started" in page and _count(Case) == 0


def test_with_redis_a_large_import_goes_through_rq_and_carries_only_an_id(make_config):
    from rq import SimpleWorker

    from caseapp.app import create_app
    from caseapp.reports import jobs as report_jobs
    from tests.integration.conftest import IsolatedClient, _empty_postgres, redis_or_skip, signal_handlers_kept

    on_sqlite = make_config.SQLALCHEMY_DATABASE_URI.startswith("sqlite")
    # A Redis database of this test's own (the dossiers' test uses 15): the suite runs in parallel.
    url = redis_or_skip(13 if on_sqlite else 12)
    make_config.REDIS_URL, make_config.IMPORT_INLINE_MAX = url, 5
    app = create_app(make_config)
    app.test_client_class = IsolatedClient
    with app.app_context():
        if not on_sqlite:
            _empty_postgres(app)
        queue = report_jobs.queue(app)
        queue.empty()
        coordinator = make_user(make_org(code="RQ"), "coordinator")
        client = app.test_client()
        login(client, coordinator.email)
        response = post_form(client, "/cases/import", "/cases/import", {"file": (io.BytesIO(_csv(20)), "boats.csv")})
        import_id = int(response.headers["Location"].rsplit("/", 1)[1])
        assert client.get(f"/cases/import/{import_id}/status").get_json()["state"] == "queued"
        [job] = queue.get_jobs()
        assert job.func_name == "caseapp.worker.run_import" and job.args == (import_id,) and job.kwargs == {}
        with signal_handlers_kept():
            SimpleWorker([queue], connection=queue.connection).work(burst=True)
        status = client.get(f"/cases/import/{import_id}/status").get_json()
        assert status["state"] == "done" and status["done"] == 20, status
        assert _count(Case) == 20
        assert queue.connection.exists(f"caseapp:import:{import_id}:progress") == 0  # forgotten once done
        db.session.remove()
        db.engine.dispose()
