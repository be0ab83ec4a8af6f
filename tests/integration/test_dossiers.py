"""Evidence dossiers: the background job, the manifest, redaction across cases, the parts, the CLI, RQ."""
import hashlib
import json
import os
import time

import pytest
from sqlalchemy import func, select

from caseapp.audit.models import AuditEntry
from caseapp.extensions import db
from caseapp.reports.models import ReportExport
from tests.factories import bearer, csrf_token, login, make_org, make_token, make_user
from tests.integration.reporting import SECRETS, case_with_people, embedded_files, pdf_page_texts, pdf_text


def _client(app, user):
    client = app.test_client()
    login(client, user.email)
    return client


def _wait(client, export_id, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = client.get(f"/reports/jobs/{export_id}/status").get_json()
        if status["state"] in ("done", "failed"):
            return status
        time.sleep(0.2)
    raise AssertionError(f"job {export_id} still {status['state']} after {seconds} s")


def _request(client, case_ids, profile):
    token = csrf_token(client, f"/reports/dossier?profile={profile}")
    response = client.post("/reports/dossier", data={"csrf_token": token, "profile": profile,
                                                     "case_ids": [str(i) for i in case_ids]})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return int(response.location.rsplit("/", 1)[1])


def test_an_advocate_dossier_is_built_in_the_background_and_names_no_one(app, team):
    first = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    second = case_with_people(team["caseworker"], title="Second brigade", coordinator=team["coordinator"])
    client = _client(app, team["advocate"])
    export_id = _request(client, [first.id, second.id], "advocate")
    page = client.get(f"/reports/jobs/{export_id}")
    assert page.status_code == 200 and b'<progress id="job-progress"' in page.data
    status = _wait(client, export_id)
    assert status["state"] == "done" and status["progress"] == 100, status

    pdf = client.get(status["download_url"])
    manifest = client.get(status["manifest_url"])
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert hashlib.sha256(pdf.data).hexdigest() == status["pdf_sha256"]
    assert hashlib.sha256(manifest.data).hexdigest() == status["manifest_sha256"]

    text = " ".join(pdf_text(pdf.data).split())
    for secret in SECRETS:
        assert secret not in text, secret
        assert secret not in manifest.get_data(as_text=True), secret
    # The same people in both cases keep one code each throughout: chapters, appendix, legend, manifest.
    assert text.count("[W-1]") >= 6 and "[W-2]" not in text and "[F-1]" in text
    content = json.loads(manifest.data)
    assert [c["reference"] for c in content["cases"]] == [first.reference, second.reference]
    assert [p["code"] for p in content["pseudonyms"]] == ["W-1", "F-1", "I-1"]
    assert "His passport is number [W-1] and the guard kept it." in [q["quote"] for q in content["quotes"]]
    # The verification page prints the manifest's hash; the table of contents names each case.
    assert status["manifest_sha256"] in "".join(text.split())
    for heading in ("Contents", "Appendix: sources and quoted passages", "Custody log", "Verification",
                    f"{first.reference} — Brigade held in Saint Petersburg"):
        assert heading in text, heading
    assert embedded_files(pdf.data) == []

    # Audited once per case, with the PDF's hash; the export history shows it and can check a copy.
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "report.export")).all()
    assert {e.case_id for e in entries} == {first.id, second.id}
    assert {e.changes["pdf_sha256"] for e in entries} == {status["pdf_sha256"]}
    history = client.get("/reports/exports").get_data(as_text=True)
    assert status["pdf_sha256"] in history
    token = csrf_token(client, "/reports/exports")
    from io import BytesIO

    checked = client.post("/reports/exports", data={"csrf_token": token, "file": (BytesIO(pdf.data), "copy.pdf")},
                          content_type="multipart/form-data")
    assert b"This is an unchanged copy" in checked.data
    tampered = client.post("/reports/exports", data={"csrf_token": token,
                                                     "file": (BytesIO(pdf.data + b"\n"), "copy.pdf")},
                           content_type="multipart/form-data")
    assert b"No report exported by your organisation has this SHA-256" in tampered.data


def test_the_internal_dossier_shows_people_and_only_its_requester_downloads_it(app, team):
    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    client = _client(app, team["coordinator"])
    export_id = _request(client, [case.id], "internal")
    status = _wait(client, export_id)
    text = pdf_text(client.get(status["download_url"]).data)
    assert "Ri Chol-ho" in text and "836401122" in text
    # The admin sees the job in the history, but the files are the coordinator's alone.
    admin = _client(app, team["admin"])
    assert admin.get(f"/reports/jobs/{export_id}/status").get_json()["download_url"] is None
    assert admin.get(f"/reports/jobs/{export_id}/dossier.pdf").status_code == 404
    # After REPORT_KEEP_DAYS the files go (the next job clears them); the row and its hashes stay.
    from datetime import timedelta

    from caseapp.reports.services import dossier_paths, remove_expired_files

    export = db.session.get(ReportExport, export_id)
    pdf_path = dossier_paths(export)[0]
    assert pdf_path.exists()
    export.finished_at -= timedelta(days=app.config["REPORT_KEEP_DAYS"], minutes=1)
    db.session.commit()
    assert client.get(f"/reports/jobs/{export_id}/dossier.pdf").status_code == 404
    assert remove_expired_files() == 1 and not pdf_path.exists()
    assert db.session.get(ReportExport, export_id).pdf_sha256 == status["pdf_sha256"]
    # An advocate does not even see the job; another organisation neither.
    assert _client(app, team["advocate"]).get(f"/reports/jobs/{export_id}").status_code == 404
    stranger = make_user(make_org(), "coordinator")
    assert _client(app, stranger).get(f"/reports/jobs/{export_id}/dossier.pdf").status_code == 404


def test_advocates_may_not_ask_for_internal_dossiers_or_unverified_cases(app, team):
    verified = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    draft = case_with_people(team["caseworker"], title="Draft", coordinator=team["coordinator"], verify=False)
    client = _client(app, team["advocate"])
    token = csrf_token(client, "/reports/dossier")
    refused = client.post("/reports/dossier", data={"csrf_token": token, "profile": "internal",
                                                    "case_ids": [str(verified.id)]})
    assert refused.status_code == 422 and b"Your role exports with the advocate profile only." in refused.data
    refused = client.post("/reports/dossier", data={"csrf_token": token, "profile": "advocate",
                                                    "case_ids": [str(verified.id), str(draft.id)]})
    assert refused.status_code == 422
    assert f"Case {draft.id} cannot be exported by you with this profile." in refused.get_data(as_text=True)
    # The chosen cases stay ticked, so nothing typed is lost.
    assert f'value="{verified.id}" id="case-{verified.id}" checked' in refused.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(ReportExport)) == 0
    # The form lists only what may be exported.
    form = client.get("/reports/dossier").get_data(as_text=True)
    assert verified.reference in form and "Draft" not in form


def test_the_api_queues_a_dossier_and_follows_it(app, team):
    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    token = make_token(team["advocate"])
    api = app.test_client()
    response = api.post("/api/v1/reports/dossiers", json={"case_ids": [case.id], "profile": "advocate"},
                        headers=bearer(token))
    assert response.status_code == 202
    job = response.get_json()
    assert job["state"] == "queued" and response.headers["Location"] == f"/api/v1/reports/dossiers/{job['id']}"
    deadline = time.monotonic() + 90
    while job["state"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.2)
        job = api.get(f"/api/v1/reports/dossiers/{job['id']}", headers=bearer(token)).get_json()
    assert job["state"] == "done", job
    pdf = api.get(job["download_url"], headers=bearer(token))
    assert hashlib.sha256(pdf.data).hexdigest() == job["pdf_sha256"]
    bad = api.post("/api/v1/reports/dossiers", json={"case_ids": "1,2", "profile": "advocate"},
                   headers=bearer(token))
    assert bad.status_code == 422
    internal = api.post("/api/v1/reports/dossiers", json={"case_ids": [case.id], "profile": "internal"},
                        headers=bearer(token))
    assert internal.status_code == 422 and "profile" in internal.get_json()["error"]["fields"]


def test_a_job_over_its_memory_limit_fails_with_a_clear_message(make_config, team_factory=None):
    make_config.REPORT_JOB_MEMORY_MB = 1  # any process is over this: the first check stops it
    from caseapp.app import create_app
    from tests.integration.conftest import IsolatedClient

    app = create_app(make_config)
    app.test_client_class = IsolatedClient
    with app.app_context():
        if not make_config.SQLALCHEMY_DATABASE_URI.startswith("sqlite"):
            from tests.integration.conftest import _empty_postgres

            _empty_postgres(app)
        org = make_org()
        coordinator = make_user(org, "coordinator")
        cases = [case_with_people(make_user(org, "caseworker"), title=f"Case {n}", coordinator=coordinator)
                 for n in range(21)]
        client = _client(app, coordinator)
        export_id = _request(client, [c.id for c in cases], "advocate")
        status = _wait(client, export_id)
        assert status["state"] == "failed" and "memory limit of 1 MiB" in status["message"]
        assert status["download_url"] is None
        export = db.session.get(ReportExport, export_id)
        assert not any(os.listdir(make_config.REPORTS_PATH))  # nothing half-built is kept
        assert export.pdf_sha256 is None
        db.session.remove()
        db.engine.dispose()


def test_a_job_stops_when_its_requester_lost_the_right(app, team):
    from caseapp.reports import jobs, services

    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    export = services.request_dossier([case.id], "advocate", team["advocate"], "en")
    db.session.commit()
    export_id = export.id
    team["advocate"].active = False  # deactivated between the request and the job
    db.session.commit()
    jobs.run(export_id)
    failed = db.session.get(ReportExport, export_id)
    assert failed.state == "failed" and "may no longer export" in failed.message


def test_a_large_dossier_is_rendered_in_parts_with_continuous_page_numbers(make_config):
    make_config.REPORT_SINGLE_PIECE_CASES = 1
    make_config.REPORT_PART_CASES = 2
    from caseapp.app import create_app
    from caseapp.reports.models import ReportExport as Export
    from caseapp.reports.services import build_dossier

    app = create_app(make_config)
    with app.app_context():
        if not make_config.SQLALCHEMY_DATABASE_URI.startswith("sqlite"):
            from tests.integration.conftest import _empty_postgres

            _empty_postgres(app)
        org = make_org()
        coordinator = make_user(org, "coordinator")
        cases = [case_with_people(make_user(org, "caseworker"), title=f"Brigade {n}: Ri Chol-ho",
                                  coordinator=coordinator) for n in range(3)]
        export = Export(organisation_id=org.id, kind="dossier", profile="advocate",
                        case_ids=[c.id for c in cases], requested_by_id=coordinator.id, actor_label="x")
        db.session.add(export)
        db.session.commit()
        output = make_config.REPORTS_PATH + "/parts.pdf"
        from pathlib import Path

        result = build_dossier(export, output=Path(output), manifest=Path(output + ".manifest.json"))
        data = Path(output).read_bytes()
        pages = pdf_page_texts(data)
        assert result.parts > 3 and len(pages) == result.pages
        for number, text in enumerate(pages, start=1):
            assert f"Page {number}" in text, number  # numbering runs on across the joined parts
        # The table of contents gives the page where each chapter really starts.
        contents = " ".join(pages[1].split())
        import re

        for n, case in enumerate(cases):
            heading = f"{case.reference} — Brigade {n}: [W-1]"
            listed = int(re.search(re.escape(heading) + r" (\d+)", contents).group(1))
            assert heading in " ".join(pages[listed - 1].split()), (case.reference, listed)
        full = " ".join(" ".join(pages).split())
        for secret in SECRETS:
            assert secret not in full, secret
        from pypdf import PdfReader

        reader = PdfReader(output)
        assert reader.metadata.title == "Evidence dossier: 3 cases"
        # The bookmarks are redacted like the pages.
        assert [item.title for item in reader.outline][:3] == [f"{c.reference} — Brigade {n}: [W-1]"
                                                               for n, c in enumerate(cases)]
        db.session.remove()
        db.engine.dispose()


def test_with_redis_the_job_goes_through_rq_and_carries_only_an_id(make_config):
    from rq import SimpleWorker

    from caseapp.app import create_app
    from caseapp.reports import jobs
    from tests.integration.conftest import IsolatedClient, redis_or_skip, signal_handlers_kept

    make_config.REDIS_URL = redis_or_skip()
    app = create_app(make_config)
    app.test_client_class = IsolatedClient
    with app.app_context():
        if not make_config.SQLALCHEMY_DATABASE_URI.startswith("sqlite"):
            from tests.integration.conftest import _empty_postgres

            _empty_postgres(app)
        queue = jobs.queue(app)
        queue.empty()
        org = make_org()
        coordinator = make_user(org, "coordinator")
        case = case_with_people(make_user(org, "caseworker"), coordinator=coordinator)
        client = _client(app, coordinator)
        export_id = _request(client, [case.id], "advocate")
        assert client.get(f"/reports/jobs/{export_id}/status").get_json()["state"] == "queued"
        [job] = queue.get_jobs()
        assert job.func_name == "caseapp.worker.run_dossier" and job.args == (export_id,) and job.kwargs == {}
        assert job.timeout == make_config.REPORT_JOB_TIMEOUT + 60
        with signal_handlers_kept():
            SimpleWorker([queue], connection=queue.connection).work(burst=True)
        status = client.get(f"/reports/jobs/{export_id}/status").get_json()
        assert status["state"] == "done", status
        assert hashlib.sha256(client.get(status["download_url"]).data).hexdigest() == status["pdf_sha256"]
        db.session.remove()
        db.engine.dispose()


def test_a_dossier_is_downloadable_only_while_its_profile_is_still_allowed(app, team):
    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    client = _client(app, team["coordinator"])
    export_id = _request(client, [case.id], "internal")
    assert _wait(client, export_id)["state"] == "done"
    team["coordinator"].role = "advocate"  # demoted: may no longer hold an internal dossier
    db.session.commit()
    assert client.get(f"/reports/jobs/{export_id}/dossier.pdf").status_code == 404
    page = client.get(f"/reports/jobs/{export_id}").get_data(as_text=True)
    assert "The files are not available to you" in page and 'id="download-link"' not in page


def test_case_reports_and_portfolios_have_no_job_page(app, team):
    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    client = _client(app, team["coordinator"])
    client.get(f"/cases/{case.id}/report.pdf?profile=advocate")
    export = db.session.scalar(select(ReportExport))
    assert client.get(f"/reports/jobs/{export.id}").status_code == 404


def test_odd_case_ids_are_refused_not_crashed_on(app, team):
    client = _client(app, team["coordinator"])
    token = csrf_token(client, "/reports/dossier")
    for value in ("²", "٣", "-1", "99999999999"):
        response = client.post("/reports/dossier", data={"csrf_token": token, "profile": "advocate",
                                                         "case_ids": [value]})
        assert response.status_code == 422 and b"Choose at least one case." in response.data, value


def test_a_job_stops_with_a_clear_message_when_a_case_is_no_longer_exportable(app, team):
    from caseapp.cases import review
    from caseapp.reports import jobs, services

    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    export = services.request_dossier([case.id], "advocate", team["advocate"], "en")
    db.session.commit()
    export_id = export.id
    review.transition(case, "closed", None, team["coordinator"])
    review.transition(case, "in_review", None, team["coordinator"])  # reopened: no longer for advocates
    db.session.commit()
    case_id = case.id
    jobs.run(export_id)
    failed = db.session.get(ReportExport, export_id)
    assert failed.state == "failed" and f"Case {case_id} cannot be exported by you" in failed.message


def test_a_dossier_that_fails_between_its_parts_leaves_no_part_behind(make_config, monkeypatch):
    make_config.REPORT_SINGLE_PIECE_CASES = 1
    make_config.REPORT_PART_CASES = 1
    from pathlib import Path

    from caseapp.app import create_app
    from caseapp.reports import documents
    from caseapp.reports.models import ReportExport as Export
    from caseapp.reports.services import build_dossier

    def stopped(*args, **kwargs):  # every part is written by now; the job dies joining them
        raise RuntimeError("stopped")

    monkeypatch.setattr(documents, "join_pdfs", stopped)
    app = create_app(make_config)
    with app.app_context():
        if not make_config.SQLALCHEMY_DATABASE_URI.startswith("sqlite"):
            from tests.integration.conftest import _empty_postgres

            _empty_postgres(app)
        org = make_org()
        coordinator = make_user(org, "coordinator")
        cases = [case_with_people(make_user(org, "caseworker"), coordinator=coordinator) for _ in range(2)]
        export = Export(organisation_id=org.id, kind="dossier", profile="internal",
                        case_ids=[c.id for c in cases], requested_by_id=coordinator.id, actor_label="x")
        db.session.add(export)
        db.session.commit()
        output = Path(make_config.REPORTS_PATH) / "stopped.pdf"
        with pytest.raises(RuntimeError, match="stopped"):
            build_dossier(export, output=output, manifest=Path(str(output) + ".manifest.json"))
        assert not (output.parent / "stopped.pdf.parts").exists()
        db.session.remove()
        db.engine.dispose()


def test_discarding_a_dossier_removes_the_parts_a_killed_job_left(app, team):
    from pathlib import Path

    from caseapp.reports import services

    export = ReportExport(organisation_id=team["admin"].organisation_id, kind="dossier", profile="internal",
                          case_ids=[], requested_by_id=team["coordinator"].id, actor_label="x",
                          file_key="ab" * 16, state="failed")
    db.session.add(export)
    db.session.commit()
    pdf, _manifest = services.dossier_paths(export)
    parts = Path(str(pdf) + ".parts")
    parts.mkdir()
    (parts / "part-0001.pdf").write_bytes(b"%PDF- a part with Ri Chol-ho in it")
    assert services.discard_files(export) is True
    assert not parts.exists()
