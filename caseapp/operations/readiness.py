"""Is this instance ready to serve? The checks behind /health/ready, each answering "ok" or "failing".

/health says the process answers (liveness); /health/ready says whether what it needs is there: the
database, Redis and a live worker when a queue is used, free disk space where caseapp writes, and the
key files. The page is public, so a check's answer is one word; why it fails goes to the log.
"""
from __future__ import annotations

import logging
import os
import shutil
import time
from dataclasses import dataclass
from datetime import timezone
from pathlib import Path
from typing import Callable

log = logging.getLogger(__name__)

OK, FAILING, NOT_USED = "ok", "failing", "not used"


@dataclass(frozen=True)
class Report:
    checks: dict[str, str]

    @property
    def ready(self) -> bool:
        return FAILING not in self.checks.values()

    def as_dict(self) -> dict:
        return {"status": "ok" if self.ready else "failing", "checks": self.checks}


def run(checks: dict[str, Callable[[], str]]) -> Report:
    """Run every check (one failing does not stop the others); an error is a failing check, logged."""
    results = {}
    for name, check in checks.items():
        try:
            results[name] = check()
        except Exception as error:  # noqa: BLE001 - any error means "not ready", and is logged with its cause
            log.warning("readiness check %s failed: %s", name, error)
            results[name] = FAILING
    return Report(results)


def free_disk(path: str | Path, minimum_mb: int) -> str:
    free_mb = shutil.disk_usage(path).free / 1024 / 1024
    if free_mb < minimum_mb:
        log.warning("readiness: %.0f MB free under %s, fewer than READY_MIN_FREE_MB=%s", free_mb, path, minimum_mb)
        return FAILING
    return OK


def readable_files(paths: list[str | Path]) -> str:
    for path in paths:
        if not (Path(path).is_file() and os.access(path, os.R_OK)):
            log.warning("readiness: the key file %s is missing or unreadable", path)
            return FAILING
    return OK


def redis_answers(url: str | None) -> str:
    if not url:
        return NOT_USED
    from redis import Redis

    Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2).ping()
    return OK


def worker_alive(url: str | None, queue: str, max_silence_seconds: int) -> str:
    """A worker listening on the queue has sent its heartbeat lately (RQ writes one every few seconds)."""
    if not url:
        return NOT_USED
    from redis import Redis
    from rq import Worker

    connection = Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
    now = time.time()
    for worker in Worker.all(connection=connection):
        beat = worker.last_heartbeat
        if beat is None or queue not in worker.queue_names():
            continue
        if beat.tzinfo is None:
            beat = beat.replace(tzinfo=timezone.utc)  # RQ writes UTC
        if now - beat.timestamp() <= max_silence_seconds:
            return OK
    log.warning("readiness: no worker on %s has sent a heartbeat in %s s", queue, max_silence_seconds)
    return FAILING
