"""`flask report case` and `flask report dossier`."""
import hashlib
import json

from sqlalchemy import select

from caseapp.audit.models import AuditEntry
from caseapp.extensions import db
from caseapp.reports.models import ReportExport
from tests.factories import make_org, make_user
from tests.integration.reporting import SECRETS, case_with_people, pdf_text


def _run(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def _case(org=None):
    org = org or make_org()
    return case_with_people(make_user(org, "caseworker"), coordinator=make_user(org, "coordinator"))


def test_report_case_writes_the_internal_report_by_default(app, tmp_path):
    case = _case()
    output = tmp_path / "case.pdf"
    result = _run(app, "report", "case", str(case.id), "-o", str(output))
    assert result.exit_code == 0, result.output
    digest = hashlib.sha256(output.read_bytes()).hexdigest()
    assert f"SHA-256 {digest}" in result.output
    assert "Ri Chol-ho" in pdf_text(output.read_bytes())
    export = db.session.scalar(select(ReportExport))
    assert (export.profile, export.actor_label, export.requested_by_id, export.pdf_sha256) == (
        "internal", "cli", None, digest)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "report.export"))
    assert entry.actor_label == "cli" and entry.case_id == case.id


def test_report_case_advocate_profile_and_errors(app, tmp_path):
    case = _case()
    output = tmp_path / "advocate.pdf"
    assert _run(app, "report", "case", str(case.id), "--profile", "advocate", "-o", str(output)).exit_code == 0
    text = " ".join(pdf_text(output.read_bytes()).split())
    assert not [secret for secret in SECRETS if secret in text]
    assert _run(app, "report", "case", "999999", "-o", str(tmp_path / "x.pdf")).exit_code != 0
    assert _run(app, "report", "case", str(case.id), "--profile", "public", "-o", str(output)).exit_code != 0
    missing_folder = _run(app, "report", "case", str(case.id), "-o", str(tmp_path / "no" / "x.pdf"))
    assert missing_folder.exit_code != 0 and "does not exist" in missing_folder.output


def test_report_dossier_writes_the_pdf_and_its_manifest_beside_it(app, tmp_path):
    org = make_org()
    first, second = _case(org), _case(org)
    output = tmp_path / "dossier.pdf"
    result = _run(app, "report", "dossier", "--cases", f"{first.id},{second.id}", "--profile", "advocate",
                  "-o", str(output))
    assert result.exit_code == 0, result.output
    manifest = tmp_path / "dossier.pdf.manifest.json"
    manifest_sha = hashlib.sha256(manifest.read_bytes()).hexdigest()
    assert f"SHA-256 {manifest_sha}" in result.output
    assert manifest_sha in "".join(pdf_text(output.read_bytes()).split())
    content = json.loads(manifest.read_text(encoding="utf-8"))
    assert [c["id"] for c in content["cases"]] == [first.id, second.id] and content["profile"] == "advocate"
    export = db.session.scalar(select(ReportExport))
    assert export.state == "done" and export.pdf_sha256 == hashlib.sha256(output.read_bytes()).hexdigest()


def test_report_dossier_refuses_unknown_cases_and_mixed_organisations(app, tmp_path):
    first, other = _case(), _case()
    output = str(tmp_path / "d.pdf")
    assert "No case 999999" in _run(app, "report", "dossier", "--cases", f"{first.id},999999", "--profile",
                                    "internal", "-o", output).output
    mixed = _run(app, "report", "dossier", "--cases", f"{first.id},{other.id}", "--profile", "internal", "-o", output)
    assert mixed.exit_code != 0 and "one organisation" in mixed.output
    assert _run(app, "report", "dossier", "--cases", "a,b", "--profile", "internal", "-o", output).exit_code != 0
