"""Imports too large to run while the uploader waits: one background job per file.

The job carries only the id of its CaseImport row and runs where dossiers run (RQ on Redis when
REDIS_URL is set, else a thread of the app). It reads the file, imports it in one transaction (all or
nothing, as an import in the request does), telling its progress as it goes, then records how it went.
"""
from __future__ import annotations

import logging
from concurrent.futures import Future
from datetime import datetime, timedelta, timezone

from flask import Flask, current_app
from flask_babel import force_locale, gettext

from caseapp.audit.services import record
from caseapp.auth.models import User
from caseapp.db import utcnow
from caseapp.extensions import db
from caseapp.reports import jobs as report_jobs
from caseapp.transfer import progress, services
from caseapp.transfer.models import PROBLEMS_KEPT, CaseImport

RQ_ENTRY_POINT = "caseapp.worker.run_import"
# The largest import (IMPORT_MAX_ROWS, 20,000 cases) takes about two minutes; past this the RQ worker stops
# a job that went wrong.
JOB_TIMEOUT = 3600
log = logging.getLogger(__name__)


def queue_import(content: bytes, filename: str, actor: User, total: int, language: str) -> CaseImport:
    """The job's row, queued; the caller commits, then calls submit() with its id."""
    job = CaseImport(organisation_id=actor.organisation_id, requested_by_id=actor.id, filename=filename[:200],
                     language=language, content=content, total=total, state="queued", problems=[])
    db.session.add(job)
    db.session.flush()
    return job


def submit(import_id: int) -> Future | None:
    """Start the job, once the row that describes it is committed (where dossiers are built)."""
    return report_jobs.start("import", RQ_ENTRY_POINT, run_in_app, import_id, JOB_TIMEOUT)


def run_in_app(app: Flask, import_id: int) -> None:
    with app.app_context():
        run(import_id)


def run(import_id: int) -> None:
    """The job itself, inside an app context: it always ends in done, refused or failed."""
    job = db.session.get(CaseImport, import_id)
    if job is None or job.state != "queued":
        return  # already taken, or gone
    job.state, job.started_at = "running", utcnow()
    db.session.commit()
    outcome: dict = {}
    try:
        with force_locale(job.language):
            outcome = _import(job)
    except Exception:  # noqa: BLE001 - a job must always end in a state the page can show
        log.exception("import %s failed", import_id)
        db.session.rollback()
        outcome = {"state": "failed"}  # the page says it in the reader's language; the error is in the log
    finally:
        job = db.session.get(CaseImport, import_id)
        if job is not None:
            job.state = outcome.get("state", "failed")
            job.created = outcome.get("created", 0)
            job.message = outcome.get("message", "")
            problems = outcome.get("problems", [])
            job.problem_count, job.problems = len(problems), problems[:PROBLEMS_KEPT]
            job.finished_at, job.content = utcnow(), None  # the file is not kept once read
            if job.state in ("refused", "failed"):
                _audit_end(job)
            db.session.commit()
        progress.forget(import_id)
        db.session.remove()


def _import(job: CaseImport) -> dict:
    actor = db.session.get(User, job.requested_by_id)
    if actor is None or not actor.active:
        return {"state": "failed", "message": gettext("The person who uploaded the file can no longer import.")}
    import_id = job.id
    try:
        max_rows = current_app.config["IMPORT_MAX_ROWS"]
        records = services.parse_file(job.content or b"", job.filename, gettext, max_rows)
        created = services.import_cases(records, actor, gettext, source=f"upload:{job.filename[:100]}",
                                        progress=lambda done, total: progress.tell(import_id, done, total),
                                        max_rows=max_rows)
    except services.ImportRefused as refused:
        db.session.rollback()
        return {"state": "refused", "problems": [[p.row, p.field, p.message] for p in refused.problems]}
    except PermissionError:
        db.session.rollback()
        return {"state": "failed", "message": gettext("The person who uploaded the file can no longer import.")}
    db.session.commit()  # every case, party and audit entry of the file at once
    return {"state": "done", "created": len(created)}


# A running import tells its progress every 100 rows (under a second apart); silent this long, its process
# died (killed for memory, the server restarted) and nothing of it was committed. A job queued this long
# was never started (the queue lost it, or never had it).
STALLED = timedelta(minutes=10)
NEVER_STARTED = timedelta(hours=1)


def status(job: CaseImport) -> dict:
    """What the import page shows: its state and, while it runs, how many rows are read. A job found dead
    is ended here as failed, its file dropped (the request that asked commits it)."""
    told = progress.read(job.id) if job.state == "running" else None
    _settle(job, told)
    done, total = (job.total if job.state in ("done", "refused") else 0), job.total
    if job.state == "running" and told is not None:
        done, total = told.done, told.total
    return {"state": job.state, "done": done, "total": total,
            "percent": int(100 * done / total) if total else (100 if job.state == "done" else 0)}


def _settle(job: CaseImport, told: progress.Progress | None) -> None:
    now = utcnow()
    if job.state == "running":
        last = datetime.fromtimestamp(told.at, timezone.utc) if told is not None else job.started_at or job.created_at
        dead = now - last > STALLED
    else:
        dead = job.state == "queued" and now - job.created_at > NEVER_STARTED
    if dead:
        _end_failed(job, gettext("The import stopped before it finished (the server was restarted or ran out of "
                                 "memory). Nothing was imported: upload the file again."))


def _end_failed(job: CaseImport, message: str) -> None:
    job.state, job.message, job.finished_at, job.content = "failed", message, utcnow(), None
    progress.forget(job.id)
    _audit_end(job)


def _audit_end(job: CaseImport) -> None:
    """A refused or failed import is recorded too (a done one has its own entry, written with its cases)."""
    record(f"cases.import_{job.state}", job, db.session.get(User, job.requested_by_id),
           {"file": {"old": None, "new": job.filename}, "rows": {"old": None, "new": job.total},
            "problems": {"old": None, "new": job.problem_count}})


def submit_or_fail(import_id: int) -> None:
    """submit(), after the request's commit; if the job cannot be started (the queue does not answer), the
    import ends as failed at once, rather than waiting for a job that will never come."""
    try:
        submit(import_id)
    except Exception:  # noqa: BLE001 - whatever the queue raised, the uploader must be told
        log.exception("import %s could not be queued", import_id)
        db.session.rollback()
        job = db.session.get(CaseImport, import_id)
        if job is not None and job.state == "queued":
            _end_failed(job, gettext("The import could not be started: the job queue did not answer. Nothing "
                                     "was imported: try again later."))
            db.session.commit()
