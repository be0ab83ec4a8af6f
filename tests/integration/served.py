"""caseapp served by gunicorn, as `make run` and a deployment serve it, for tests that need real workers.

Several worker processes (each with its threads) behave differently from one test client: counters kept
in one process's memory, a worker held by a slow request. `Served` starts gunicorn from the project
folder (so it reads gunicorn.conf.py) on a free port of this machine, on an SQLite file whose tables and
first records the test makes in-process beforehand.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from caseapp.app import create_app
from caseapp.extensions import db
from config import TEST_ENCRYPTION_KEYS, TestConfig

PROJECT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    def __init__(self, folder: Path, database_url: str | None = None) -> None:
        self.folder = folder
        self.instance = folder / "instance"
        self.instance.mkdir(parents=True, exist_ok=True)
        self.database_url = database_url or f"sqlite:///{folder / 'served.db'}"
        config = TestConfig(self.database_url)
        self.environment = {
            **os.environ, "CASEAPP_INSTANCE_PATH": str(self.instance), "DATABASE_URL": self.database_url,
            "SECRET_KEY": config.SECRET_KEY, "AUDIT_HMAC_KEY": config.AUDIT_HMAC_KEY,
            "CASEAPP_ENCRYPTION_KEYS": TEST_ENCRYPTION_KEYS, "RATELIMIT_ENABLED": "1", "REDIS_URL": "",
            "SIGN_IN_FAILURE_SECONDS": "0",
        }
        self.app = create_app(config)  # for the test to prepare the database as the served app will read it

    @contextmanager
    def prepared(self):
        """An app context on the served database, its tables created."""
        with self.app.app_context():
            db.create_all()
            yield self.app
            db.session.commit()
            db.session.remove()
            db.engine.dispose()

    @contextmanager
    def running(self, workers: int = 2, **settings: str):
        """gunicorn with `workers` processes and these settings (environment variables); yields its URL."""
        port = free_port()
        environment = {**self.environment, **settings}
        log = (self.folder / "gunicorn.log").open("w")
        process = subprocess.Popen(
            [str(GUNICORN), "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "wsgi:app"],
            cwd=PROJECT, env=environment, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for_health(base, process, self.folder / "gunicorn.log")
            yield base
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()


def wait_for_health(base: str, process: subprocess.Popen, log: Path | None = None) -> None:
    """Wait until the server at base answers /health (30 s at most), or say why it stopped."""
    def said() -> str:
        return log.read_text()[-2000:] if log is not None and log.exists() else ""

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped: {said()}")
        try:
            with urllib.request.urlopen(f"{base}/health", timeout=2) as answer:  # nosec B310 (a local test URL)
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within 30 s: {said()}")
