"""How a running caseapp tells how it is doing: request ids and request logs, /health/ready and /metrics.

Every response carries `X-Request-Id` (the proxy's, when a trusted proxy sent one, else a new one); with
LOG_FORMAT=json each request ends with one JSON line (caseapp.operations.logs). `/health` (caseapp.main)
stays the liveness check. It sits above every area: the metrics count the jobs of reports and imports.
"""
from __future__ import annotations

import hmac
import time

from flask import Blueprint, Flask, Response, abort, current_app, g, jsonify, request
from sqlalchemy import func, select, text

from caseapp.extensions import db
from caseapp.operations import logs, metrics, readiness
from caseapp.security import public

blueprint = Blueprint("monitoring", __name__)
UNMATCHED = "<unmatched>"  # a URL no route has: one label, whatever was asked


def init_app(app: Flask) -> None:
    """Register before every other hook: the request id is there for them, and the request line is written
    after the last of them has answered (after_request functions run last-registered first)."""
    logs.configure(app.config.get("LOG_FORMAT", "text"), app.config.get("LOG_LEVEL", "INFO"))
    app.before_request(_start)
    app.after_request(_finish)
    app.register_blueprint(blueprint)


def _start() -> None:
    g.request_started = time.perf_counter()
    offered = request.headers.get("X-Request-Id") if current_app.config.get("TRUSTED_PROXIES") else None
    g.request_id = logs.new_request_id(offered)


def _finish(response: Response) -> Response:
    request_id = g.get("request_id") or logs.new_request_id()
    response.headers["X-Request-Id"] = request_id
    seconds = time.perf_counter() - g.get("request_started", time.perf_counter())
    route = request.url_rule.rule if request.url_rule is not None else UNMATCHED
    metrics.observe_request(request.method, route, response.status_code, seconds)
    user = g.get("_login_user")  # only if the request already loaded it: a log line never costs a query
    logs.log_request(request_id, user.id if user is not None and user.is_authenticated else None,
                     request.method, route, response.status_code, seconds)
    return response


@blueprint.get("/health/ready")
@public
def ready():
    """For a load balancer or an orchestrator: 200 when everything this instance needs answers, else 503."""
    config = current_app.config
    cached = current_app.extensions.get("caseapp_readiness")
    if cached is not None and time.monotonic() - cached[0] < config.get("READY_CACHE_SECONDS", 0):
        report = cached[1]  # anyone may ask, as often as they like: the database and Redis are asked at most so often
    else:
        report = _readiness(config)
        current_app.extensions["caseapp_readiness"] = (time.monotonic(), report)
    response = jsonify(report.as_dict())
    response.status_code = 200 if report.ready else 503
    response.headers["Cache-Control"] = "no-store"
    return response


def _readiness(config) -> readiness.Report:
    from caseapp.reports.jobs import QUEUE

    redis_url = config.get("REDIS_URL")
    return readiness.run({
        "database": _database,
        "redis": lambda: readiness.redis_answers(redis_url),
        "worker": lambda: readiness.worker_alive(redis_url, QUEUE, config["READY_WORKER_SILENCE_SECONDS"]),
        "disk": lambda: readiness.free_disk(config["INSTANCE_PATH"], config["READY_MIN_FREE_MB"]),
        "key_files": lambda: readiness.readable_files(config.get("KEY_FILES", [])),
    })


def _database() -> str:
    db.session.execute(text("SELECT 1"))
    return readiness.OK


@blueprint.get("/metrics")
@public
def metrics_page():
    """Prometheus metrics, for the bearer of METRICS_TOKEN only; without that setting the page does not exist."""
    token = current_app.config.get("METRICS_TOKEN")
    if not token:
        abort(404)
    scheme, _, offered = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(offered.strip().encode(), token.encode()):
        return Response("A bearer token is needed.\n", 401, {"WWW-Authenticate": 'Bearer realm="metrics"',
                                                              "Content-Type": "text/plain; charset=utf-8"})
    body, content_type = metrics.exposition(metrics.StateCollector(_jobs, _audit))
    return Response(body, 200, {"Content-Type": content_type, "Cache-Control": "no-store"})


def _jobs() -> dict[tuple[str, str], int]:
    from caseapp.reports.models import ReportExport
    from caseapp.transfer.models import CaseImport

    counts: dict[tuple[str, str], int] = {}
    for kind, state, count in db.session.execute(
            select(ReportExport.kind, ReportExport.state, func.count()).group_by(ReportExport.kind,
                                                                                 ReportExport.state)):
        counts[(kind, state)] = count
    for state, count in db.session.execute(select(CaseImport.state, func.count()).group_by(CaseImport.state)):
        counts[("import", state)] = count
    return counts


AUDIT_CHECK_SECONDS = 300
_audit_seen: dict[str, tuple[float, tuple[bool | None, float | None]]] = {}


def _audit() -> tuple[bool | None, float | None]:
    """Whether the entries since the anchor verify (the whole chain is `flask audit verify`'s nightly work),
    checked at most every AUDIT_CHECK_SECONDS per process: Prometheus may ask every few seconds."""
    from caseapp.audit import verification

    where = str(verification.anchor_path())
    seen = _audit_seen.get(where)
    if seen is not None and time.monotonic() - seen[0] < AUDIT_CHECK_SECONDS:
        return seen[1]
    try:
        check = verification.verify_since_anchor()  # it reads the anchor, and keeps it in check.anchor
        result = (check.intact, check.anchor.anchored_at.timestamp() if check.anchor is not None else None)
    except verification.AnchorUnreadable:
        result = (False, None)
    _audit_seen[where] = (time.monotonic(), result)
    return result
