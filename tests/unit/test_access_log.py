"""Gunicorn's access log, as `make run` and a deployment write it, names no search term."""
import datetime
import runpy
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from gunicorn.config import Config
from gunicorn.glogging import Logger

ROOT = Path(__file__).parents[2]


def _access_line(environ: dict) -> str:
    cfg = Config()
    cfg.set("access_log_format", runpy.run_path(str(ROOT / "gunicorn.conf.py"))["access_log_format"])
    logger = Logger(cfg)
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    atoms = logger.atoms_wrapper_class(logger.atoms(response, [], environ, datetime.timedelta(milliseconds=42)))
    return cfg.access_log_format % atoms


def test_the_access_log_keeps_the_path_and_drops_the_query_string_and_referer():
    line = _access_line({
        "REQUEST_METHOD": "GET", "RAW_URI": "/cases?q=Ri+Chol-ho", "PATH_INFO": "/cases",
        "QUERY_STRING": "q=Ri+Chol-ho", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "192.0.2.7",
        "HTTP_REFERER": "https://caseapp.test/parties?q=Pak+Sun-hui", "HTTP_USER_AGENT": "Firefox",
    })
    assert '"GET /cases HTTP/1.1" 200 512 42ms' in line
    for private in ("Ri", "Chol", "Pak", "Sun-hui", "q="):
        assert private not in line


def test_gunicorn_reads_the_file_when_started_from_the_project():
    # It prints its settings, then fails to load the made-up app: only the settings matter here.
    shown = subprocess.run([str(Path(sys.executable).with_name("gunicorn")), "--print-config", "no_such_module:app"],
                           cwd=ROOT, capture_output=True, text=True, timeout=60).stdout
    assert "config" in shown and "gunicorn.conf.py" in shown
    assert '"%(m)s %(U)s %(H)s"' in shown and "%(r)s" not in shown and "%(f)s" not in shown
