"""How a running caseapp tells how it is doing: X-Request-Id, JSON request lines, /health/ready, /metrics,
GET /api/v1/meta and the version in the footer."""
from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest

from caseapp import __version__
from caseapp.operations import logs
from tests.factories import bearer, login, make_org, make_token, make_user

METRICS_TOKEN = "metrics-token-0123456789abcdef"


def test_every_response_carries_a_request_id_of_its_own(client):
    first, second, missing = client.get("/login"), client.get("/health"), client.get("/no-such-page")
    ids = [r.headers.get("X-Request-Id") for r in (first, second, missing)]
    assert all(ids) and len(set(ids)) == 3
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)


def test_a_request_id_from_the_client_is_ignored_without_a_trusted_proxy(client):
    response = client.get("/health", headers={"X-Request-Id": "chosen-by-the-client"})
    assert response.headers["X-Request-Id"] != "chosen-by-the-client"


def test_a_trusted_proxy_s_request_id_is_kept_and_a_malformed_one_replaced(make_config):
    from caseapp.app import create_app

    make_config.TRUSTED_PROXIES = 1
    client = create_app(make_config).test_client()
    assert client.get("/health", headers={"X-Request-Id": "a1b2c3d4e5f60718"}).headers["X-Request-Id"] == \
        "a1b2c3d4e5f60718"
    replaced = client.get("/health", headers={"X-Request-Id": "x y;<script>"}).headers["X-Request-Id"]
    assert re.fullmatch(r"[0-9a-f]{32}", replaced)


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.formatter = logs.JsonFormatter()
        self.lines: list[dict] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(self.format(record)))


@pytest.fixture
def json_lines(make_config):
    """An app logging as LOG_FORMAT=json does, and the JSON lines it writes."""
    from caseapp.app import create_app

    make_config.LOG_FORMAT = "json"
    app = create_app(make_config)
    handler = _Lines()
    logging.getLogger("caseapp").addHandler(handler)
    try:
        yield app, handler.lines
    finally:
        logging.getLogger("caseapp").removeHandler(handler)
        logs.configure("text")
        logging.getLogger("caseapp").propagate = True


def test_one_json_line_per_request_without_query_string_form_values_or_names(app, json_lines):
    app, lines = json_lines
    with app.app_context():
        org = make_org("Line Org")
        user_id = make_user(org, "caseworker", email="lines@example.org").id
    client = app.test_client()
    login(client, "lines@example.org")
    response = client.get("/cases?q=Secret+Person+name")
    assert response.status_code == 200
    requests = [line for line in lines if line.get("event") == "request"]
    listed = [line for line in requests if line["route"] == "/cases"]
    assert listed, requests
    line = listed[-1]
    assert line["request_id"] == response.headers["X-Request-Id"]
    assert line["user_id"] == user_id and line["status"] == 200 and line["method"] == "GET"
    assert line["duration_ms"] >= 0 and line["level"] == "info" and line["time"].endswith("+00:00")
    sign_in = [line for line in requests if line["route"] == "/login" and line["method"] == "POST"]
    assert sign_in and sign_in[0]["user_id"] == user_id  # the sign-in names whom it signed in
    written = json.dumps(lines)
    for secret in ("Secret Person", "Secret+Person", "q=", "lines@example.org", "password", "Test caseworker"):
        assert secret not in written


def test_a_url_no_route_has_is_logged_under_one_label(json_lines):
    app, lines = json_lines
    app.test_client().get("/private/ids/12345?token=abc")
    line = [line for line in lines if line.get("event") == "request"][-1]
    assert line["route"] == "<unmatched>" and line["status"] == 404
    assert "12345" not in json.dumps(line) and "abc" not in json.dumps(line)


def test_a_background_job_ends_with_one_json_line(json_lines):
    from caseapp.operations.logs import job

    app, lines = json_lines
    with pytest.raises(RuntimeError):
        with job("dossier", 41):
            raise RuntimeError("the job broke")
    with job("import", 42):
        pass
    ended = [line for line in lines if line.get("event") == "job"]
    assert [(line["kind"], line["job_id"], line["outcome"]) for line in ended] == \
        [("dossier", 41, "error"), ("import", 42, "finished")]


def test_health_ready_answers_ok_with_each_check(client):
    response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "checks": {"database": "ok", "redis": "not used",
                                                        "worker": "not used", "disk": "ok", "key_files": "ok"}}


def test_health_ready_names_the_failing_check_and_says_nothing_more(make_config, tmp_path):
    from caseapp.app import create_app

    make_config.READY_MIN_FREE_MB = 10 ** 9  # more than any disk has
    make_config.KEY_FILES = [str(tmp_path / "gone")]
    make_config.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    response = create_app(make_config).test_client().get("/health/ready")
    assert response.status_code == 503
    assert response.json == {"status": "failing", "checks": {"database": "ok", "redis": "failing",
                                                             "worker": "failing", "disk": "failing",
                                                             "key_files": "failing"}}
    assert str(tmp_path) not in response.get_data(as_text=True)


def test_health_ready_fails_when_the_database_does_not_answer(make_config, tmp_path):
    from caseapp.app import create_app

    make_config.SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path}/missing/folder/caseapp.db"
    response = create_app(make_config).test_client().get("/health/ready")
    assert response.status_code == 503 and response.json["checks"]["database"] == "failing"


def test_health_ready_sees_a_live_worker_on_redis(make_config):
    from redis import Redis
    from rq import Worker

    from caseapp.app import create_app
    from caseapp.reports.jobs import QUEUE
    from tests.integration.conftest import redis_or_skip

    url = redis_or_skip(11)
    make_config.REDIS_URL = url
    client = create_app(make_config).test_client()
    connection = Redis.from_url(url)
    for worker in Worker.all(connection=connection):
        worker.register_death()
    assert client.get("/health/ready").json["checks"] == {"database": "ok", "redis": "ok", "worker": "failing",
                                                          "disk": "ok", "key_files": "ok"}
    worker = Worker([QUEUE], connection=connection, name="readiness-test-worker")
    worker.register_birth()
    try:
        worker.heartbeat()
        response = client.get("/health/ready")
        assert response.status_code == 200 and response.json["checks"]["worker"] == "ok"
    finally:
        worker.register_death()


def test_metrics_do_not_exist_without_a_token_setting(client):
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", headers=bearer("anything-at-all-0123")).status_code == 404


@pytest.fixture
def metrics_client(make_config):
    from caseapp.app import create_app

    make_config.METRICS_TOKEN = METRICS_TOKEN
    app = create_app(make_config)
    return app, app.test_client()


def test_metrics_need_the_bearer_token(metrics_client):
    app, client = metrics_client
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers=bearer("wrong-token-0123456789abcd")).status_code == 401
    with app.app_context():
        user = make_user(make_org("Metrics Org"), "admin")
        api_token = make_token(user)
    assert client.get("/metrics", headers=bearer(api_token)).status_code == 401  # an API token is not it
    response = client.get("/metrics", headers=bearer(METRICS_TOKEN))
    assert response.status_code == 200 and response.mimetype == "text/plain"


def _value(text: str, name: str, **labels) -> float:
    for line in text.splitlines():
        if line.startswith(name + "{") or line.startswith(name + " "):
            if all(f'{key}="{value}"' in line for key, value in labels.items()):
                return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_metrics_count_requests_sign_in_failures_jobs_and_the_audit_chain(metrics_client):
    from caseapp.audit import verification
    from caseapp.extensions import db
    from caseapp.reports.models import ReportExport

    app, client = metrics_client
    with app.app_context():
        user = make_user(make_org("Counted Org"), "caseworker", email="counted@example.org")
        db.session.add(ReportExport(organisation_id=user.organisation_id, requested_by_id=user.id, kind="dossier",
                                    state="failed", profile="internal", case_ids=[], actor_label="Test"))
        db.session.commit()
        verification.verify_and_anchor()
    before = client.get("/metrics", headers=bearer(METRICS_TOKEN)).get_data(as_text=True)
    client.get("/health")
    client.get("/health")
    login(client, "counted@example.org", password="not-the-password")
    after = client.get("/metrics", headers=bearer(METRICS_TOKEN)).get_data(as_text=True)
    assert _value(after, "caseapp_http_requests_total", route="/health", status="200") == \
        _value(before, "caseapp_http_requests_total", route="/health", status="200") + 2
    assert _value(after, "caseapp_http_request_duration_seconds_count", route="/health") >= 2
    assert _value(after, "caseapp_sign_in_failures_total") == _value(before, "caseapp_sign_in_failures_total") + 1
    assert _value(after, "caseapp_jobs", kind="dossier", state="failed") == 1
    assert _value(after, "caseapp_audit_chain_intact") == 1
    assert _value(after, "caseapp_audit_anchor_timestamp_seconds") > 0
    assert "counted@example.org" not in after and "Counted Org" not in after


def test_metrics_report_a_broken_audit_chain(metrics_client):
    from caseapp import monitoring
    from caseapp.audit import verification
    from tests.integration.audit_tampering import change_entry, entry_ids

    app, client = metrics_client
    with app.app_context():
        make_user(make_org("Broken Org"), "caseworker")
        verification.verify_and_anchor()
        make_user(make_org("Later Org"), "caseworker")
        change_entry(entry_ids()[-1], action="case.delete")
    monitoring._audit_seen.clear()
    text = client.get("/metrics", headers=bearer(METRICS_TOKEN)).get_data(as_text=True)
    assert _value(text, "caseapp_audit_chain_intact") == 0 and "caseapp_audit_chain_intact 0.0" in text


def test_meta_names_the_release_and_the_api_version(client, app):
    from caseapp.api.openapi import API_VERSION

    user = make_user(make_org("Meta Org"), "advocate")
    response = client.get("/api/v1/meta", headers=bearer(make_token(user)))
    assert response.status_code == 200
    assert response.json == {"version": __version__, "api_version": API_VERSION}
    assert client.get("/api/v1/meta").status_code == 401


def test_the_footer_shows_the_release(client):
    assert f"version {__version__}" in client.get("/login").get_data(as_text=True)


def test_the_release_is_the_changelog_s_latest():
    changelog = (Path(__file__).resolve().parents[2] / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(r"^## \[?(\d+\.\d+\.\d+)", changelog, re.M).group(1) == __version__


def test_invented_methods_are_counted_under_one_label(metrics_client):
    app, client = metrics_client
    for method in ("FOOBARBAZ", "QWERTYUIOP", "ZZZ"):
        client.open("/health", method=method)
    text = client.get("/metrics", headers=bearer(METRICS_TOKEN)).get_data(as_text=True)
    assert "FOOBARBAZ" not in text and "QWERTYUIOP" not in text
    assert _value(text, "caseapp_http_requests_total", method="other", route="<unmatched>", status="405") >= 3


def test_health_ready_asks_the_services_at_most_once_in_ready_cache_seconds(make_config, tmp_path, monkeypatch):
    from caseapp import monitoring
    from caseapp.app import create_app

    make_config.READY_CACHE_SECONDS = 60
    client = create_app(make_config).test_client()
    asked = []
    real = monitoring._database
    monkeypatch.setattr(monitoring, "_database", lambda: asked.append(1) or real())
    for _ in range(5):
        assert client.get("/health/ready").status_code == 200
    assert asked == [1]
