"""How far a running import has gone, readable by any worker process while the import's transaction is open.

The import writes every case in one transaction (all or nothing), so its progress cannot be a row of the
same database: nobody would see it before the end, and on SQLite a second writer would wait for the
import's lock. It is kept in Redis when REDIS_URL is set (the job may run on another machine), else in a
small file beside the app's other files (the job runs in a thread of one of its processes).
"""
from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

KEEP_SECONDS = 24 * 3600  # a job killed mid-way leaves a count that expires


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    at: float  # when it was told (seconds since the epoch): a job silent for long has died


def _key(import_id: int) -> str:
    return f"caseapp:import:{import_id}:progress"


def _path(import_id: int) -> Path:
    return Path(current_app.config["IMPORTS_PATH"]) / f"{import_id}.progress.json"


def _redis():
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    from redis import Redis

    return Redis.from_url(url)


def tell(import_id: int, done: int, total: int) -> None:
    """Record that `done` of `total` rows are read."""
    value = json.dumps({"done": done, "total": total, "at": time.time()})
    redis = _redis()
    if redis is not None:
        redis.set(_key(import_id), value, ex=KEEP_SECONDS)
        return
    path = _path(import_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written aside, then renamed over the old count: a reader never sees half a file.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".progress-")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(value)
    os.replace(temporary, path)


def read(import_id: int) -> Progress | None:
    """The count as last told, or None before the first."""
    redis = _redis()
    try:
        raw = redis.get(_key(import_id)) if redis is not None else _path(import_id).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    if not raw:
        return None
    value = json.loads(raw)
    return Progress(int(value["done"]), int(value["total"]), float(value["at"]))


def forget(import_id: int) -> None:
    redis = _redis()
    if redis is not None:
        redis.delete(_key(import_id))
    else:
        _path(import_id).unlink(missing_ok=True)
