"""Logs a log shipper can read: one JSON object per line, and the request id that ties a request's lines.

With LOG_FORMAT=json every record caseapp logs is one line of JSON, a request ends with one line
(`"event": "request"`) and a job with one (`"event": "job"`). A request line names the request id, the
user id, the route's pattern (`/cases/<int:case_id>`, never the query string), the status and the
duration; nothing a form or a search held, and no one's name.
"""
from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Iterator

REQUESTS = logging.getLogger("caseapp.requests")
JOBS = logging.getLogger("caseapp.jobs")

# A request id a trusted proxy sent is kept (nginx's $request_id: 32 hex digits); anything else is replaced.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
# The fields a record may carry into its JSON line, passed with `extra=`: an allow-list, so that a value
# logged by mistake in `extra` does not reach the log.
FIELDS = ("event", "request_id", "user_id", "method", "route", "status", "duration_ms", "kind", "job_id",
          "outcome")


def new_request_id(offered: str | None = None) -> str:
    """The id of this request: the one the proxy offered if it looks like one, else a new random one."""
    if offered and _REQUEST_ID.fullmatch(offered):
        return offered
    return uuid.uuid4().hex


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, the allowed fields."""

    def format(self, record: logging.LogRecord) -> str:
        line = {"time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
                "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage()}
        line.update({name: getattr(record, name) for name in FIELDS if hasattr(record, name)})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def configure(log_format: str, level: str = "INFO") -> None:
    """With "json", send caseapp's records to standard error as JSON lines (once: one handler).

    With "text" (the default) nothing changes: the server's own logging shows caseapp's warnings and
    errors, gunicorn's access log the requests, and no request line is written.
    """
    if log_format != "json":
        REQUESTS.disabled = True
        return
    logger = logging.getLogger("caseapp")
    if not any(getattr(h, "caseapp_handler", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.caseapp_handler = True  # type: ignore[attr-defined]
        handler.setFormatter(JsonFormatter())
        logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False  # the line is written once, as JSON, whatever the root logger does
    REQUESTS.disabled = False


def log_request(request_id: str, user_id: int | None, method: str, route: str, status: int,
                seconds: float) -> None:
    method = method if method.isalpha() and len(method) <= 10 else "other"
    REQUESTS.info("%s %s %s", method, route, status, extra={
        "event": "request", "request_id": request_id, "user_id": user_id, "method": method, "route": route,
        "status": status, "duration_ms": round(seconds * 1000, 1)})


@contextmanager
def job(kind: str, job_id: int) -> Iterator[None]:
    """Log one line when a background job ends: its kind, the id of its row, how it ended and how long it took."""
    started = time.perf_counter()
    outcome = "error"
    try:
        yield
        outcome = "finished"
    finally:
        JOBS.info("%s %s %s", kind, job_id, outcome, extra={
            "event": "job", "kind": kind, "job_id": job_id, "outcome": outcome,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1)})
