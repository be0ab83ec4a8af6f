"""A live caseapp on a free local port, with the demo loaded, and Debian's Chromium to drive it.

Chromium is /usr/bin/chromium (or CASEAPP_CHROMIUM). Without it the browser
tests are skipped, except under CI or with CASEAPP_REQUIRE_BROWSER=1, where
they fail: there they must run.
"""
from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from caseapp.app import create_app
from caseapp.demo.services import load_demo
from caseapp.extensions import db
from config import TestConfig

CHROMIUM = os.environ.get("CASEAPP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
REQUIRED = os.environ.get("CI", "").lower() == "true" or os.environ.get("CASEAPP_REQUIRE_BROWSER") == "1"
DEMO_PASSWORD = "demo passphrase for the browser tests"
# The demo coordinator and admin sign in with a second factor; the tests know its secret.
DEMO_TOTP_SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"
DEMO_TOTP_SECRETS = {"coordinator@demo.test": DEMO_TOTP_SECRET, "admin@demo.test": DEMO_TOTP_SECRET}
_last_steps: dict[tuple[str, str], int] = {}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _chromium_present():
    if Path(CHROMIUM).exists():
        return
    message = f"Chromium not found at {CHROMIUM}; install Debian's chromium package"
    if REQUIRED:
        pytest.fail(message + " (browser tests are required here)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    }


@pytest.fixture
def live_server(tmp_path):
    """The app on a fresh SQLite database with the demo loaded; yields its base URL."""
    app = create_app(TestConfig(f"sqlite:///{tmp_path / 'browser.db'}"))
    with app.app_context():
        db.create_all()
        load_demo(tmp_path, DEMO_PASSWORD, DEMO_TOTP_SECRETS)
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def sign_in(page, base_url: str, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{base_url}/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/login/two-factor" in page.url:
        page.get_by_label("Code").fill(next_totp_code(base_url, email))
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()


def next_totp_code(base_url: str, email: str, secret: str = DEMO_TOTP_SECRET) -> str:
    """A code the app has not seen yet: it refuses a time step twice, as after a replay."""
    from caseapp.auth import two_factor
    from tests.factories import code_for_step

    # Now or the next step (the drift window), never the last: the clock may move on before the server checks.
    step = max(two_factor.current_step(), _last_steps.get((base_url, email), 0) + 1)
    while step > two_factor.current_step() + 1:
        time.sleep(1)  # a third sign-in within 30 seconds waits for the next step, as a person would
    _last_steps[(base_url, email)] = step
    return code_for_step(secret, step)
