"""What a Dutch reader sees, in the browser: each role's main pages, switched to Dutch through the menu, with
no English left visible (tests/language_check.py; the integration walk checks every page's HTML). With
CASEAPP_DOCS_SCREENSHOTS=1 it leaves a screenshot of each page in /tmp/caseapp-nl/ to look at."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.language_check import english_left

PAGES = {
    "caseworker@demo.test": ["/", "/cases", "/cases/1", "/cases/1/assessment", "/cases/3/edit", "/cases/new",
                             "/sources", "/sources/1?case_id=1", "/parties", "/notifications", "/profile"],
    "coordinator@demo.test": ["/", "/cases/review", "/cases/4", "/cases/4/assessment", "/cases/bin", "/reports/portfolio", "/reports/approvals", "/reports/exports",
                              "/reports/dossier", "/search?q=barakken"],
    "advocate@demo.test": ["/", "/cases", "/cases/1", "/cases/1/report", "/reports/dossier"],
    "admin@demo.test": ["/", "/admin/users", "/admin/audit", "/admin/organisation", "/admin/persons", "/admin/sources/verify"],
}
SHOTS = Path("/tmp/caseapp-nl")


def _in_dutch(page) -> None:
    page.locator("summary.user-link").click()
    page.get_by_label("Language").select_option("nl")
    page.get_by_role("button", name="Change", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")


@pytest.mark.parametrize("email", list(PAGES))
def test_a_dutch_reader_sees_no_english(page, live_server, email):
    sign_in(page, live_server, email)
    _in_dutch(page)
    english = english_left("nl")
    for path in PAGES[email]:
        answer = page.goto(f"{live_server}{path}")
        assert answer.status == 200, path
        # What is shown, menus opened or not, without what people typed into text areas.
        shown = page.evaluate("""() => { const copy = document.body.cloneNode(true);
            copy.querySelectorAll('textarea, script, style').forEach(node => node.remove());
            copy.querySelectorAll('details').forEach(node => node.setAttribute('open', ''));
            return copy.textContent; }""")
        left = sorted({match.group() for match in english.finditer(" ".join(shown.split()))})
        assert not left, f"{path}: {left}"
        if os.environ.get("CASEAPP_DOCS_SCREENSHOTS"):
            SHOTS.mkdir(exist_ok=True)
            name = email.split("@")[0] + path.replace("/", "_").replace("?", "_")
            page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
