"""The deployment kit of deploy/, run for real: Debian's nginx with a self-signed certificate in front of gunicorn
on loopback, the systemd units checked by systemd-analyze, the Caddyfile by caddy.

nginx serves the site file of deploy/nginx/caseapp.conf itself, with only its addresses, certificate and log
paths moved into a temporary folder. Clients connect from different loopback addresses (127.0.0.2, .3) so
that the app's throttling can be seen to count the client's address, not the proxy's.
"""
from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.factories import make_org, make_user
from tests.integration.served import PROJECT, Served, free_port

DEPLOY = PROJECT / "deploy"
NAME = "caseapp.example.org"  # the site's name as deploy/ writes it; the clients ask for it on loopback
METRICS_TOKEN = "deployment-metrics-token-0123456789"
UNDER_CI = os.environ.get("CI", "").lower() == "true"


def _tool(name: str, *fallbacks: str) -> str:
    found = shutil.which(name) or next((f for f in fallbacks if Path(f).exists()), None)
    if found is None:
        message = f"{name} is not installed (deploy/debian-packages.txt lists it; scripts/system-packages.sh test)"
        if UNDER_CI:
            pytest.fail(message)
        pytest.skip(message)
    return found


def _certificate(folder: Path) -> tuple[Path, Path]:
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run([_tool("openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
                    "-out", str(cert), "-days", "1", "-subj", f"/CN={NAME}",
                    "-addext", f"subjectAltName=DNS:{NAME}"], check=True, capture_output=True)
    return key, cert


def _site(upstream: int, https: int, http_port: int, key: Path, cert: Path, log: Path) -> str:
    """deploy/nginx/caseapp.conf with its addresses, certificate and log moved here; nothing else changed."""
    site = (DEPLOY / "nginx" / "caseapp.conf").read_text()
    replacements = {
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{upstream};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https} ssl http2;",
        "listen [::]:443 ssl http2;": "",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen [::]:80;": "",
        "listen 80 default_server;": f"listen 127.0.0.1:{http_port} default_server;",
        "listen [::]:80 default_server;": "",
        "listen 443 ssl default_server;": f"listen 127.0.0.1:{https} ssl default_server;",
        "listen [::]:443 ssl default_server;": "",
        "/etc/letsencrypt/live/caseapp.example.org/fullchain.pem": str(cert),
        "/etc/letsencrypt/live/caseapp.example.org/privkey.pem": str(key),
        "/var/log/nginx/caseapp.access.log": str(log),
    }
    for old, new in replacements.items():
        assert old in site, f"deploy/nginx/caseapp.conf no longer has {old!r}: update this test with it"
        site = site.replace(old, new)
    return site


class Browser:
    """One client at one loopback address, with its own cookies, speaking HTTPS to nginx."""

    def __init__(self, port: int, cert: Path, address: str) -> None:
        self.port, self.address = port, address
        self.context = ssl.create_default_context(cafile=str(cert))
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                name: str = NAME):
        connection = _to_loopback(http.client.HTTPSConnection(name, self.port, context=self.context, timeout=30,
                                                              source_address=(self.address, 0)), self.port)
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response, data

    def failed_sign_in(self, email: str, headers: dict | None = None) -> int:
        _, page = self.request("GET", "/login")
        token = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1).decode()
        body = urlencode({"email": email, "password": "not the password", "csrf_token": token}).encode()
        # Over HTTPS the CSRF check wants the Referer of this site, as a browser sends it.
        response, _ = self.request("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded",
                                                            "Referer": f"https://{NAME}:{self.port}/login",
                                                            **(headers or {})})
        return response.status


def _to_loopback(connection, port: int):
    """Ask for the site's name (SNI and Host) but connect to this machine."""
    connection._create_connection = lambda address, timeout, source: socket.create_connection(
        ("127.0.0.1", port), timeout, source)
    return connection


def _wait_for(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx stopped: {log.read_text() if log.exists() else ''}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("nginx did not listen within 15 s")


@pytest.fixture
def behind_nginx(tmp_path):
    """gunicorn (TRUSTED_PROXIES=1, production cookies) behind nginx with deploy/'s site; yields its ports."""
    nginx = _tool("nginx", "/usr/sbin/nginx")
    served = Served(tmp_path / "app")
    with served.prepared():
        make_user(make_org("Proxy NGO", "PROXY"), "caseworker", email="known@proxy.test")
    key, cert = _certificate(tmp_path)
    https, http_port = free_port(), free_port()
    access_log, error_log = tmp_path / "access.log", tmp_path / "error.log"
    metrics = tmp_path / "metrics"
    metrics.mkdir()
    settings = {"TRUSTED_PROXIES": "1", "SESSION_COOKIE_SECURE": "1", "LOGIN_FAILURES_PER_ADDRESS": "3 per 15 minutes",
                "LOGIN_FAILURES_PER_ACCOUNT": "100 per 15 minutes", "LOG_FORMAT": "json",
                "METRICS_TOKEN": METRICS_TOKEN, "PROMETHEUS_MULTIPROC_DIR": str(metrics)}
    with served.running(**settings) as base:
        upstream = int(base.rsplit(":", 1)[1])
        temp = tmp_path / "nginx-temp"
        temp.mkdir()
        conf = tmp_path / "nginx.conf"
        conf.write_text(f"""
daemon off;
user root;
worker_processes 1;
pid {tmp_path}/nginx.pid;
error_log {error_log} warn;
events {{ worker_connections 64; }}
http {{
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    access_log off;
{_site(upstream, https, http_port, key, cert, access_log)}
}}
""")
        checked = subprocess.run([nginx, "-t", "-q", "-c", str(conf), "-p", str(tmp_path)], capture_output=True,
                                 text=True)
        assert checked.returncode == 0, checked.stderr
        process = subprocess.Popen([nginx, "-c", str(conf), "-p", str(tmp_path)], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        try:
            _wait_for(https, process, error_log)
            yield {"https": https, "http": http_port, "cert": cert, "access_log": access_log,
                   "app_log": served.folder / "gunicorn.log", "metrics": metrics}
        finally:
            process.terminate()
            process.wait(10)


def test_https_through_nginx_with_secure_cookies_hsts_and_the_proxy_s_request_id(behind_nginx):
    browser = Browser(behind_nginx["https"], behind_nginx["cert"], "127.0.0.2")
    response, page = browser.request("GET", "/login")
    assert response.status == 200 and b"csrf_token" in page
    assert response.headers.get_all("Strict-Transport-Security") == ["max-age=31536000; includeSubDomains"]
    cookies = response.headers.get_all("Set-Cookie")
    assert cookies and all("Secure" in cookie and "HttpOnly" in cookie for cookie in cookies)
    request_id = response.headers["X-Request-Id"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)  # nginx's $request_id, kept by caseapp behind TRUSTED_PROXIES
    ready, body = browser.request("GET", "/health/ready")
    assert ready.status == 200 and json.loads(body)["status"] == "ok"
    # Plain HTTP is sent to HTTPS.
    connection = _to_loopback(http.client.HTTPConnection(NAME, behind_nginx["http"], timeout=10), behind_nginx["http"])
    connection.request("GET", "/login")
    redirect = connection.getresponse()
    assert redirect.status == 301 and redirect.headers["Location"].startswith("https://")
    connection.close()
    time.sleep(0.2)  # nginx writes its access log line as the response ends
    assert request_id in behind_nginx["access_log"].read_text()
    # caseapp's JSON line for that request carries the same id.
    lines = [json.loads(line) for line in behind_nginx["app_log"].read_text().splitlines() if line.startswith("{")]
    assert [line["route"] for line in lines if line.get("request_id") == request_id] == ["/login"]


def test_the_metrics_of_the_gunicorn_workers_are_kept_where_every_worker_adds_them_up(behind_nginx):
    """Under gunicorn each worker writes its counts into PROMETHEUS_MULTIPROC_DIR and a scrape reads them all
    (that the files of several processes add up: tests/unit/test_metrics_processes.py)."""
    browser = Browser(behind_nginx["https"], behind_nginx["cert"], "127.0.0.2")
    bearer = {"Authorization": f"Bearer {METRICS_TOKEN}"}

    def served(text: str) -> float:
        found = re.search(r'caseapp_http_requests_total\{method="GET",route="/health",status="200"\} ([\d.]+)', text)
        return float(found.group(1)) if found else 0.0

    before = served(browser.request("GET", "/metrics", headers=bearer)[1].decode())
    for _ in range(20):
        assert browser.request("GET", "/health")[0].status == 200
    response, body = browser.request("GET", "/metrics", headers=bearer)
    assert response.status == 200 and served(body.decode()) == before + 20
    assert list(behind_nginx["metrics"].glob("counter_*.db"))  # the workers' shared counts
    assert browser.request("GET", "/metrics")[0].status == 401


def test_a_request_for_another_name_gets_no_answer(behind_nginx):
    connection = http.client.HTTPConnection("127.0.0.1", behind_nginx["http"], timeout=10)
    connection.request("GET", "/login", headers={"Host": "attacker.example"})
    with pytest.raises(http.client.RemoteDisconnected):
        connection.getresponse()
    browser = Browser(behind_nginx["https"], behind_nginx["cert"], "127.0.0.2")
    with pytest.raises(ssl.SSLError):
        browser.request("GET", "/login", name="attacker.example")


def test_throttling_counts_the_client_s_address_seen_through_the_proxy(behind_nginx):
    port, cert = behind_nginx["https"], behind_nginx["cert"]
    guesser = Browser(port, cert, "127.0.0.2")
    statuses = [guesser.failed_sign_in(f"nobody{n}@proxy.test") for n in range(5)]
    assert 429 in statuses, statuses  # three failures from 127.0.0.2, then it is paused
    # Claiming another address does not help: the proxy appends the one it saw, caseapp reads that one.
    assert guesser.failed_sign_in("nobody9@proxy.test", {"X-Forwarded-For": "10.9.9.9"}) == 429
    # Another client behind the same proxy is not paused: the limit is per client, not per proxy.
    neighbour = Browser(port, cert, "127.0.0.3")
    assert neighbour.failed_sign_in("known@proxy.test") == 200


def test_an_oversized_upload_is_refused_by_the_proxy(behind_nginx):
    browser = Browser(behind_nginx["https"], behind_nginx["cert"], "127.0.0.2")
    too_big = b"x" * (21 * 1024 * 1024)  # past client_max_body_size 20m, caseapp's MAX_CONTENT_LENGTH
    response, page = browser.request("POST", "/sources/upload", too_big,
                                     {"Content-Type": "application/octet-stream"})
    assert response.status == 413 and b"nginx" in page  # answered by nginx, before any worker read it


def test_the_media_upload_addresses_take_more_than_other_requests_through_the_proxy(behind_nginx):
    browser = Browser(behind_nginx["https"], behind_nginx["cert"], "127.0.0.2")
    large = b"x" * (21 * 1024 * 1024)  # past 20m, under the 500m of the media addresses
    response, page = browser.request("POST", "/api/v1/sources", large, {"Content-Type": "application/octet-stream"})
    # nginx let it through: caseapp answered (401 without a token), not nginx's 413
    assert response.status == 401 and b"nginx" not in page, (response.status, page[:200])
    response, page = browser.request("POST", "/api/v1/sourcesX", large, {"Content-Type": "application/octet-stream"})
    assert response.status == 413 and b"nginx" in page  # only those two addresses


def test_the_proxy_s_access_log_holds_no_query_string(behind_nginx):
    browser = Browser(behind_nginx["https"], behind_nginx["cert"], "127.0.0.2")
    browser.request("GET", "/login?next=%2Fsearch%3Fq%3DKim%2BChol&email=worker%40example.org")
    browser.request("GET", "/search?q=Kim+Chol+passport+G1234567")
    time.sleep(0.2)
    log = behind_nginx["access_log"].read_text()
    assert '"GET /login HTTP/1.1" 200' in log and "GET /search HTTP/1.1" in log
    for secret in ("Kim", "Chol", "G1234567", "worker", "?", "next="):
        assert secret not in log


def test_the_systemd_units_are_valid_and_hardened(tmp_path):
    analyze = _tool("systemd-analyze")
    venv_bin = Path(sys.executable).parent
    units = []
    for unit in sorted((DEPLOY / "systemd").iterdir()):
        text = unit.read_text().replace("/srv/caseapp/.venv/bin/", f"{venv_bin}/")
        (tmp_path / unit.name).write_text(text)
        units.append(tmp_path / unit.name)
        if unit.suffix == ".service":
            for directive in ("User=caseapp", "NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes",
                              "ReadWritePaths=/var/lib/caseapp", "EnvironmentFile=/etc/caseapp/caseapp.env",
                              "SystemCallFilter=@system-service"):
                assert directive in text, f"{unit.name} lacks {directive}"
            # No service holds the owner role's password; the app's processes cannot move the audit anchor.
            assert "owner.env" not in text
            if unit.name in ("caseapp.service", "caseapp-worker.service"):
                assert "ReadOnlyPaths=-/var/lib/caseapp/audit" in text
    verified = subprocess.run([analyze, "verify", "--man=no", *map(str, units)], capture_output=True, text=True)
    problems = [line for line in (verified.stdout + verified.stderr).splitlines()
                if line.strip() and "is not executable" not in line and "/bin/mkdir" not in line]
    assert problems == []
    for name in ("caseapp.service", "caseapp-worker.service"):
        exposure = subprocess.run([analyze, "security", "--offline=true", str(tmp_path / name)],
                                  capture_output=True, text=True)
        level = float(re.search(r"Overall exposure level for \S+: ([\d.]+)", exposure.stdout).group(1))
        assert level <= 4.0, exposure.stdout[-800:]  # systemd calls up to 4.9 "OK"; these stay well inside it


def test_the_caddyfile_is_valid(tmp_path):
    caddy = _tool("caddy")
    text = (DEPLOY / "caddy" / "Caddyfile").read_text().replace("/var/log/caddy/", f"{tmp_path}/")
    (tmp_path / "Caddyfile").write_text(text)
    checked = subprocess.run([caddy, "validate", "--config", str(tmp_path / "Caddyfile"), "--adapter", "caddyfile"],
                             capture_output=True, text=True)
    assert checked.returncode == 0 and "Valid configuration" in checked.stdout + checked.stderr
