"""Running export jobs (dossiers, and case reports approved by a second person): RQ on Redis when REDIS_URL is set, else a worker thread of the app.

A job carries one thing, the id of its ReportExport row; everything else is
read from the database when it runs, so no case content, name or setting sits
in Redis. Both runners stop a job that passes REPORT_JOB_TIMEOUT or
REPORT_JOB_MEMORY_MB (checked between the parts of the dossier); under RQ the
timeout is also enforced by the worker, which kills the job's process.
"""
from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable

from flask import Flask, current_app
from flask_babel import gettext

from caseapp.errors import ServiceError
from caseapp.extensions import db
from caseapp.operations import logs

QUEUE = "caseapp-reports"
RQ_ENTRY_POINT = "caseapp.worker.run_dossier"
log = logging.getLogger(__name__)
_executors: dict[str, ThreadPoolExecutor] = {}
_executor_lock = threading.Lock()


def _local_executor(kind: str) -> ThreadPoolExecutor:
    with _executor_lock:
        if kind not in _executors:
            # One job of a kind at a time per process: two dossiers would double the memory a dossier needs,
            # and on SQLite a second import would only wait for the first's lock.
            _executors[kind] = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"caseapp-{kind}")
        return _executors[kind]


def uses_redis(app: Flask) -> bool:
    return bool(app.config.get("REDIS_URL"))


def queue(app: Flask):
    from redis import Redis
    from rq import Queue

    return Queue(QUEUE, connection=Redis.from_url(app.config["REDIS_URL"]))


def start(kind: str, entry_point: str, run_local: Callable[[Flask, int], None], object_id: int,
          timeout: int) -> Future | None:
    """Start a job that carries only a row's id, after the request that made the row has committed: on RQ
    (`entry_point` named, not imported: it builds the app, and lives above every area, caseapp.worker),
    else in a thread of this process (`run_local(app, object_id)`)."""
    app = current_app._get_current_object()
    if uses_redis(app):
        queue(app).enqueue(entry_point, object_id, job_timeout=timeout, result_ttl=3600, failure_ttl=7 * 86400,
                           description=f"{kind} {object_id}")
        return None
    return _local_executor(kind).submit(_logged, kind, run_local, app, object_id)


def _logged(kind: str, run_local: Callable[[Flask, int], None], app: Flask, object_id: int) -> None:
    with logs.job(kind, object_id):
        run_local(app, object_id)


def submit(export_id: int) -> Future | None:
    """Start building a dossier after the request that asked for it has committed."""
    return start("dossier", RQ_ENTRY_POINT, run_in_app, export_id, current_app.config["REPORT_JOB_TIMEOUT"] + 60)


def run(export_id: int) -> None:
    """The job itself, inside an app context."""
    from caseapp.reports import services
    from caseapp.reports.approval import ApprovalNeeded
    from caseapp.reports.documents import Limits, LimitExceeded
    from caseapp.reports.models import ReportExport

    export = db.session.get(ReportExport, export_id)
    if export is None or export.state not in ("queued",):
        return  # already taken, or gone
    limits = Limits(current_app.config["REPORT_JOB_TIMEOUT"], current_app.config["REPORT_JOB_MEMORY_MB"])
    try:
        services.remove_expired_files()
        services.build(export, limits=limits)
    except LimitExceeded as error:
        services.fail(export_id, f"Stopped: {error}. Choose fewer cases, or ask an administrator to raise the limit.")
    except ApprovalNeeded:
        services.fail(export_id, "Stopped: exports of this organisation now need a coordinator's approval. "
                                 "Ask for it again.")
    except PermissionError:
        services.fail(export_id, "Stopped: the person who asked for it may no longer export these cases.")
    except ServiceError as error:  # e.g. a case is no longer verified, or was deleted
        services.fail(export_id, "Stopped: " + error.translated(gettext))
    except Exception:  # noqa: BLE001 - a job must always end in a state the page can show
        log.exception("dossier %s failed", export_id)
        services.fail(export_id, "The dossier could not be built; the error is in the server log.")
    finally:
        db.session.remove()


def run_in_app(app: Flask, export_id: int) -> None:
    with app.app_context():
        run(export_id)
