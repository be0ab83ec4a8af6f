"""Exports approved by a second person: the organisation's setting, waiting, refusing, approving, building.

With `export_approval_required` on, an advocate's case report or dossier is not built when asked for; a
coordinator or admin other than the advocate approves it (then the job builds it, naming them) or refuses
it with a reason. Off by default.
"""
import hashlib
import json
import time

from sqlalchemy import select

from caseapp.audit.models import AuditEntry
from caseapp.cases import review
from caseapp.extensions import db
from caseapp.notifications.models import Notification
from caseapp.reports.models import ReportExport
from tests.factories import bearer, csrf_token, login, make_org, make_token, make_user
from tests.integration.reporting import SECRETS, case_with_people, pdf_text


def _client(app, user):
    client = app.test_client()
    login(client, user.email)
    return client


def _approval_on(team):
    team["org"].export_approval_required = True
    db.session.commit()


def _wait(client, export_id, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = client.get(f"/reports/jobs/{export_id}/status").get_json()
        if status["state"] in ("done", "failed", "refused"):
            return status
        time.sleep(0.2)
    raise AssertionError(f"export {export_id} still {status['state']} after {seconds} s")


def _ask_for_case_report(client, case):
    token = csrf_token(client, f"/cases/{case.id}/report?profile=advocate")
    response = client.post(f"/cases/{case.id}/report/request", data={"csrf_token": token, "profile": "advocate"})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return int(response.location.rsplit("/", 1)[1])


def _post(client, url, data, page="/reports/approvals"):
    return client.post(url, data={"csrf_token": csrf_token(client, page), **data})


def _actions(action):
    return db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()


def test_off_by_default_an_advocate_downloads_at_once(app, team):
    assert team["org"].export_approval_required is False
    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    response = _client(app, team["advocate"]).get(f"/cases/{case.id}/report.pdf?profile=advocate")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert db.session.scalars(select(ReportExport)).one().state == "done"


def test_an_admin_turns_approval_on_and_it_is_audited(app, team):
    client = _client(app, team["admin"])
    page = client.get("/admin/organisation")
    assert page.status_code == 200 and b"exports need approval" in page.data
    response = _post(client, "/admin/organisation/exports", {"export_approval_required": "y"},
                     page="/admin/organisation")
    assert response.status_code == 302 and response.location.endswith("/admin/organisation#exports")
    db.session.expire_all()
    assert team["org"].export_approval_required is True
    [entry] = _actions("organisation.export_approval")
    assert entry.changes == {"export_approval_required": {"old": False, "new": True}}
    assert b'checked id="export_approval_required"' in client.get("/admin/organisation").data or \
        b'id="export_approval_required" name="export_approval_required" type="checkbox" value="y" checked' in \
        client.get("/admin/organisation").data
    _post(client, "/admin/organisation/exports", {}, page="/admin/organisation")
    db.session.expire_all()
    assert team["org"].export_approval_required is False
    # Only an admin may change it.
    coordinator = _client(app, team["coordinator"])
    assert _post(coordinator, "/admin/organisation/exports", {"export_approval_required": "y"},
                 page="/reports/approvals").status_code == 403


def test_a_case_report_waits_is_refused_with_a_reason_then_approved_and_built_naming_the_approver(app, team):
    _approval_on(team)
    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    advocate = _client(app, team["advocate"])

    # The PDF link no longer gives the PDF: the report page offers to ask for approval.
    response = advocate.get(f"/cases/{case.id}/report.pdf?profile=advocate")
    assert response.status_code == 302 and f"/cases/{case.id}/report" in response.location
    page = advocate.get(f"/cases/{case.id}/report?profile=advocate").get_data(as_text=True)
    assert "Ask for approval to export" in page and "report.pdf" not in page
    export_id = _ask_for_case_report(advocate, case)
    assert _ask_for_case_report(advocate, case) == export_id  # asking twice makes one request
    job = advocate.get(f"/reports/jobs/{export_id}").get_data(as_text=True)
    assert "Waiting for approval by a coordinator or admin" in job and "Approve or refuse it" not in job
    export = db.session.get(ReportExport, export_id)
    assert export.state == "awaiting_approval" and export.pdf_sha256 is None and export.file_key is None
    assert _actions("report.export") == [] and len(_actions("report.request")) == 1
    # Every coordinator and admin is told; the advocate's own list says nothing yet.
    told = db.session.scalars(select(Notification).where(Notification.kind == "export_waiting")).all()
    assert {n.user_id for n in told} == {team["coordinator"].id, team["second_coordinator"].id, team["admin"].id}
    assert "asks for approval to export case report #%d" % export_id in \
        _client(app, team["coordinator"]).get("/notifications").get_data(as_text=True)

    # The advocate cannot approve their own request, nor reach the approvals page.
    assert advocate.get("/reports/approvals").status_code == 403
    assert _post(advocate, f"/reports/approvals/{export_id}/approve", {}, page="/reports/exports").status_code == 403

    coordinator = _client(app, team["coordinator"])
    approvals = coordinator.get("/reports/approvals").get_data(as_text=True)
    assert f'id="export-{export_id}"' in approvals and case.reference in approvals and "Preview the report" in approvals
    # A refusal needs a reason; what was typed is kept with the message.
    response = _post(coordinator, f"/reports/approvals/{export_id}/refuse", {"reason": "   "})
    assert response.status_code == 422 and "Say why the export is refused" in response.get_data(as_text=True)
    reason = "The second quote names the village of worker W-1; ask again once it is cut."
    response = _post(coordinator, f"/reports/approvals/{export_id}/refuse", {"reason": reason})
    assert response.status_code == 302
    db.session.expire_all()
    assert export.state == "refused" and export.decided_by_id == team["coordinator"].id
    assert export.decision_reason == reason and export.file_key is None
    assert [e.changes["reason"] for e in _actions("report.refuse")] == [reason]
    notices = advocate.get("/notifications").get_data(as_text=True)
    assert "refused your export #%d" % export_id in notices and "ask again once it is cut" in notices
    job = advocate.get(f"/reports/jobs/{export_id}").get_data(as_text=True)
    assert "Refused by" in job and "ask again once it is cut" in job
    assert "refused" in advocate.get("/reports/exports").get_data(as_text=True)
    # Decided once: a second decision is refused, the page says someone decided meanwhile.
    again = _post(_client(app, team["second_coordinator"]), f"/reports/approvals/{export_id}/approve", {})
    assert again.status_code == 302
    db.session.expire_all()
    assert export.state == "refused"

    # Asked again, approved by a second coordinator: built in the background for the advocate only.
    second_id = _ask_for_case_report(advocate, case)
    assert second_id != export_id
    approver = team["second_coordinator"]
    response = _post(_client(app, approver), f"/reports/approvals/{second_id}/approve",
                     {"reason": "Checked against the consent forms."})
    assert response.status_code == 302
    status = _wait(advocate, second_id)
    assert status["state"] == "done" and status["decided_by"] and status["download_url"], status
    pdf = advocate.get(status["download_url"])
    manifest = advocate.get(status["manifest_url"])
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert hashlib.sha256(pdf.data).hexdigest() == status["pdf_sha256"]
    assert f"{case.reference}-report-advocate-{second_id}.pdf" in pdf.headers["Content-Disposition"]
    text = " ".join(pdf_text(pdf.data).split())
    assert f"Approved for export by {approver.full_name} <{approver.email}>" in text
    for secret in SECRETS:
        assert secret not in text, secret
    content = json.loads(manifest.data)
    assert approver.email in content["approval"]["approved_by"] and content["approval"]["approved_at"]
    assert [c["reference"] for c in content["cases"]] == [case.reference]
    # Only the advocate who asked gets the file; the approver sees the record and its hashes.
    assert _client(app, approver).get(status["download_url"]).status_code == 404
    assert "ready" in advocate.get("/reports/exports").get_data(as_text=True)
    assert "approved your export #%d" % second_id in advocate.get("/notifications").get_data(as_text=True)
    [built] = _actions("report.export")
    assert built.changes["pdf_sha256"] == status["pdf_sha256"] and built.case_id == case.id
    assert [e.actor_id for e in _actions("report.approve")] == [approver.id]


def test_a_dossier_waits_and_its_custody_log_and_cover_name_the_approver(app, team):
    _approval_on(team)
    first = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    second = case_with_people(team["caseworker"], title="Second brigade", coordinator=team["coordinator"])
    advocate = _client(app, team["advocate"])
    form = advocate.get("/reports/dossier?profile=advocate").get_data(as_text=True)
    assert "Ask for approval to build the dossier" in form
    token = csrf_token(advocate, "/reports/dossier?profile=advocate")
    response = advocate.post("/reports/dossier", data={"csrf_token": token, "profile": "advocate",
                                                       "case_ids": [str(first.id), str(second.id)]})
    export_id = int(response.location.rsplit("/", 1)[1])
    time.sleep(0.3)  # no job was started: nothing moves
    assert db.session.get(ReportExport, export_id).state == "awaiting_approval"

    admin = team["admin"]  # admins approve too
    _post(_client(app, admin), f"/reports/approvals/{export_id}/approve", {})
    status = _wait(advocate, export_id)
    assert status["state"] == "done", status
    text = " ".join(pdf_text(advocate.get(status["download_url"]).data).split())
    assert f"Approved for export by {admin.full_name} <{admin.email}>" in text
    assert "approved an export" in text  # the custody log's row, with the approver as its actor
    assert {e.case_id for e in _actions("report.approve")} == {first.id, second.id}


def test_over_the_api_an_advocate_gets_202_and_a_coordinator_decides(app, team):
    _approval_on(team)
    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    advocate, coordinator = make_token(team["advocate"]), make_token(team["coordinator"])
    db.session.commit()
    client = app.test_client()
    response = client.get(f"/api/v1/cases/{case.id}/report.pdf?profile=advocate", headers=bearer(advocate))
    assert response.status_code == 202 and response.mimetype == "application/json"
    body = response.get_json()
    assert body["state"] == "awaiting_approval" and body["approval"] is None and body["download_url"] is None
    assert response.headers["Location"] == f"/api/v1/reports/exports/{body['id']}"
    assert client.get(response.headers["Location"], headers=bearer(advocate)).get_json()["id"] == body["id"]
    url = f"/api/v1/reports/exports/{body['id']}"

    # The advocate may not decide; a coordinator of another organisation does not see it.
    assert client.post(url + "/approve", json={}, headers=bearer(advocate)).status_code == 403
    other_org = make_org("Elsewhere", "ELSW")
    stranger = make_token(make_user(other_org, "coordinator"))
    db.session.commit()
    assert client.post(url + "/approve", json={}, headers=bearer(stranger)).status_code == 404
    assert client.get(url, headers=bearer(stranger)).status_code == 404
    # A refusal without a reason, or a reason too long, is 422; nothing changes.
    assert client.post(url + "/refuse", json={}, headers=bearer(coordinator)).status_code == 422
    long = client.post(url + "/refuse", json={"reason": "x" * 2001}, headers=bearer(coordinator))
    assert long.status_code == 422 and "reason" in long.get_json()["error"]["fields"]
    waiting = client.get("/api/v1/reports/exports?state=awaiting_approval", headers=bearer(coordinator))
    assert [e["id"] for e in waiting.get_json()["items"]] == [body["id"]]
    assert client.get("/api/v1/reports/exports?state=nonsense", headers=bearer(coordinator)).status_code == 422

    approved = client.post(url + "/approve", json={"reason": "Checked."}, headers=bearer(coordinator))
    assert approved.status_code == 200, approved.get_json()
    decision = approved.get_json()["approval"]
    assert decision["decision"] == "approved" and decision["reason"] == "Checked."
    assert team["coordinator"].email in decision["decided_by"]
    # Decided: a second decision is a conflict that shows the export as it is.
    late = client.post(url + "/refuse", json={"reason": "Too late."}, headers=bearer(make_token(team["admin"])))
    assert late.status_code == 409 and late.get_json()["current"]["state"] in ("queued", "running", "done")
    for _ in range(300):
        db.session.expire_all()
        done = client.get(url, headers=bearer(advocate)).get_json()
        if done["state"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert done["state"] == "done" and done["download_url"] == url + "/report.pdf", done
    pdf = client.get(done["download_url"], headers=bearer(advocate))
    assert pdf.status_code == 200 and hashlib.sha256(pdf.data).hexdigest() == done["pdf_sha256"]
    # The coordinator's own report is not held: approvers export at once.
    own = client.get(f"/api/v1/cases/{case.id}/report.pdf?profile=internal", headers=bearer(coordinator))
    assert own.status_code == 200 and own.mimetype == "application/pdf"


def test_a_dossier_queued_before_approval_was_turned_on_is_not_built(app, team):
    from caseapp.reports import jobs, services

    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    export = services.request_dossier([case.id], "advocate", team["advocate"], "en")
    db.session.commit()
    export_id = export.id
    assert export.state == "queued"
    _approval_on(team)
    jobs.run(export_id)
    db.session.expire_all()
    stopped = db.session.get(ReportExport, export_id)
    assert stopped.state == "failed" and "approval" in stopped.message and stopped.pdf_sha256 is None


def test_the_service_refuses_a_straight_pdf_where_approval_is_needed(app, team):
    import pytest

    from caseapp.reports import services
    from caseapp.reports.approval import ApprovalNeeded

    _approval_on(team)
    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    with pytest.raises(ApprovalNeeded):
        services.case_report_pdf(case, "advocate", team["advocate"])
    assert db.session.scalars(select(ReportExport)).all() == []


def test_an_approval_is_of_the_versions_read_and_a_case_changed_after_it_stops_the_build(app, team):
    from caseapp.cases import services as case_services

    _approval_on(team)
    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    advocate = _client(app, team["advocate"])
    export_id = _ask_for_case_report(advocate, case)
    coordinator = _client(app, team["coordinator"])
    page = coordinator.get("/reports/approvals").get_data(as_text=True)
    assert f'name="version-{case.id}" value="{case.version}"' in page
    read = case.version
    # The case changes after the coordinator read it: the approval of the old version is refused.
    case_services.update_case(case, {"summary": "Changed after the preview."}, team["coordinator"], case.version)
    db.session.commit()
    # The change sent the verified case back to review; a second coordinator verifies it again.
    review.transition(case, "verified", None, make_user(case.organisation, "coordinator"))
    db.session.commit()
    stale = _post(coordinator, f"/reports/approvals/{export_id}/approve", {f"version-{case.id}": str(read)})
    assert stale.status_code == 422 and "changed since you read it" in stale.get_data(as_text=True)
    page = coordinator.get("/reports/approvals").get_data(as_text=True)
    assert "changed since it was asked for" in page
    # Approved as it is now; changed again before the job runs: the job stops, nothing is built.
    from caseapp.reports import jobs

    submitted = []
    original = jobs.submit
    jobs.submit = submitted.append
    try:
        fresh = _post(coordinator, f"/reports/approvals/{export_id}/approve", {f"version-{case.id}": str(case.version)})
    finally:
        jobs.submit = original
    assert fresh.status_code == 302 and submitted == [export_id]
    db.session.expire_all()
    case_services.update_case(case, {"summary": "Changed after approval."}, team["coordinator"], case.version)
    db.session.commit()
    jobs.run(export_id)
    db.session.expire_all()
    stopped = db.session.get(ReportExport, export_id)
    # The change after approval also sent the case back to review: either way the build stops, building nothing.
    assert stopped.state == "failed" and ("changed after the export was approved" in stopped.message
                                          or "cannot be exported by you" in stopped.message)
    assert stopped.pdf_sha256 is None


def test_two_approvers_deciding_at_once_make_one_decision(app, team):
    """The second decision is made on a row another transaction already decided: it finds it no longer
    waiting (a conditional update), and is refused, whatever its own copy of the row says."""
    import pytest
    from sqlalchemy import update

    from caseapp.errors import Conflict
    from caseapp.reports import approval

    _approval_on(team)
    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    export_id = _ask_for_case_report(_client(app, team["advocate"]), case)
    export = db.session.get(ReportExport, export_id)
    assert export.state == "awaiting_approval"  # this session's copy
    with db.engine.begin() as other:  # another approver's transaction refuses it first
        other.execute(update(ReportExport).where(ReportExport.id == export_id).values(
            state="refused", decided_by_id=team["admin"].id, decided_by_label="admin", decision_reason="No."))
    with pytest.raises(Conflict):
        approval.approve(export, team["second_coordinator"])
    db.session.rollback()
    assert db.session.get(ReportExport, export_id).state == "refused"
    assert _actions("report.approve") == []


def test_with_approval_on_an_advocate_gets_no_bulk_file_of_cases(app, team):
    _approval_on(team)
    case_with_people(team["caseworker"], coordinator=team["coordinator"])
    advocate = _client(app, team["advocate"])
    response = advocate.get("/cases/export.csv", follow_redirects=True)
    assert response.mimetype == "text/html" and "ask for a case report or a dossier" in response.get_data(as_text=True)
