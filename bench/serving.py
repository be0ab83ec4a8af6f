"""Serving caseapp (or the bare page) for a benchmark as `make run` serves it: gunicorn on a free loopback port."""
from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn(app_path: str, env: dict[str, str], workers: int, options: list[str], output=None,
             seconds: float = 60) -> tuple[subprocess.Popen, str]:
    """Start gunicorn serving app_path and wait until it answers; (the process, its base URL)."""
    port = free_port()
    server = subprocess.Popen([GUNICORN, "--bind", f"127.0.0.1:{port}", "--workers", str(workers), *options,
                               app_path], env=env, cwd=ROOT, stdout=output,
                              stderr=subprocess.STDOUT if output is not None else None)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"{app_path} did not start")
