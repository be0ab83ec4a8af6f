"""With PROMETHEUS_MULTIPROC_DIR, /metrics adds up what every gunicorn worker process counted."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]

COUNT = """
from caseapp.operations import metrics
for _ in range({n}):
    metrics.observe_request("GET", "/health", 200, 0.01)
"""
READ = """
from caseapp.operations import metrics
body, _ = metrics.exposition(metrics.StateCollector(lambda: {}, lambda: (None, None)))
print(body.decode())
"""


def _python(code: str, folder: Path) -> str:
    environment = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(folder)}
    return subprocess.run([sys.executable, "-c", code], cwd=PROJECT, env=environment, capture_output=True,
                          text=True, check=True).stdout


def test_the_counts_of_separate_worker_processes_add_up(tmp_path):
    _python(COUNT.format(n=3), tmp_path)
    _python(COUNT.format(n=4), tmp_path)
    text = _python(READ, tmp_path)
    assert 'caseapp_http_requests_total{method="GET",route="/health",status="200"} 7.0' in text
    assert 'caseapp_http_request_duration_seconds_count{route="/health"} 7.0' in text
    assert "caseapp_jobs" in text  # the state gauges follow the processes' counts


def test_without_the_folder_a_process_shows_its_own_counts(tmp_path):
    environment = {key: value for key, value in os.environ.items() if key != "PROMETHEUS_MULTIPROC_DIR"}
    text = subprocess.run([sys.executable, "-c", COUNT.format(n=2) + READ.split("\n", 2)[2]], cwd=PROJECT,
                          env=environment, capture_output=True, text=True, check=True).stdout
    assert 'caseapp_http_requests_total{method="GET",route="/health",status="200"} 2.0' in text
    assert "process_cpu_seconds_total" in text or "python_info" in text
