"""A link on another site to a person's page: Chromium shows the question first, records only after the click."""
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, func, select

from caseapp.audit.models import AuditEntry
from tests.browser.conftest import sign_in


@pytest.fixture
def elsewhere(live_server):
    """Another site (another origin: localhost, not 127.0.0.1) whose page links to a person of the demo."""
    page = (f'<html><body><p>News of the day.</p><a id="link" href="{live_server}/persons/1">read more</a>'
            f'<img src="{live_server}/cases/1/report.pdf?profile=internal" alt=""></body></html>').encode()

    class Site(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the name http.server calls)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://localhost:{server.server_address[1]}/"
    server.shutdown()


def _views_and_exports(live_server_database):
    engine = create_engine(live_server_database)
    with engine.connect() as connection:
        count = connection.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action.in_(["person.view", "report.export"])))
    engine.dispose()
    return count


def test_a_link_from_another_site_asks_before_the_person_s_page_is_opened(page, live_server, elsewhere, tmp_path):
    database = f"sqlite:///{tmp_path / 'browser.db'}"
    sign_in(page, live_server, "coordinator@demo.test")
    before = _views_and_exports(database)
    page.goto(elsewhere)
    page.locator("#link").click()
    expect(page.get_by_role("heading", name="Open this page?")).to_be_visible()
    assert _views_and_exports(database) == before  # neither the link nor the image recorded anything
    page.get_by_role("button", name="Open the page").click()
    expect(page.get_by_text("need-to-know")).to_be_visible()
    assert page.url == f"{live_server}/persons/1"
    assert _views_and_exports(database) == before + 1
