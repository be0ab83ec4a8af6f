"""Each role's pages as its part of the user guide shows them, and the guide itself in the app.

Every step checks what the page says. With CASEAPP_DOCS_SCREENSHOTS=1 (off in CI) each step also saves
its screenshot into docs/screenshots/, where docs/guide/*.md (and the app's /docs/guide) show it:
`CASEAPP_DOCS_SCREENSHOTS=1 .venv/bin/python -m pytest tests/browser/test_user_guide.py` after a change
to a page the guide shows.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SAVE = os.environ.get("CASEAPP_DOCS_SCREENSHOTS") == "1"
FOUNDING = "North Korean construction workers in Russia"


def shoot(page, name: str) -> None:
    if SAVE:
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


@pytest.fixture
def guide_page(page):
    page.set_viewport_size({"width": 1366, "height": 820})
    return page


def test_the_caseworker_s_pages(guide_page, live_server):
    page = guide_page
    sign_in(page, live_server, "caseworker@demo.test")
    expect(page.get_by_role("heading", name="Waiting on you")).to_be_visible()
    shoot(page, "caseworker-home")
    page.goto(f"{live_server}/cases")
    expect(page.get_by_role("heading", name="Cases", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name=FOUNDING)).to_be_visible()
    shoot(page, "caseworker-cases")

    page.get_by_role("row").filter(has_text=FOUNDING).get_by_role("link").first.click()
    expect(page.get_by_role("heading", name=FOUNDING)).to_be_visible()
    shoot(page, "caseworker-case")

    page.goto(f"{live_server}/cases/new")
    expect(page.get_by_label("Title")).to_be_visible()
    shoot(page, "caseworker-new-case")

    page.goto(f"{live_server}/sources")
    page.locator("table a[href^='/sources/']").first.click()
    expect(page.get_by_text("SHA-256").first).to_be_visible()
    shoot(page, "caseworker-source")


def test_the_coordinator_s_pages(guide_page, live_server):
    page = guide_page
    sign_in(page, live_server, "coordinator@demo.test")
    expect(page.get_by_role("heading", name="Findings to sign off")).to_be_visible()
    shoot(page, "coordinator-home")
    page.goto(f"{live_server}/cases/review")
    expect(page.locator("h1")).to_be_visible()
    shoot(page, "coordinator-review")

    page.goto(f"{live_server}/cases")
    page.get_by_role("row").filter(has_text=FOUNDING).get_by_role("link").first.click()
    page.goto(page.url.rstrip("/") + "/assessment")
    expect(page.get_by_text("Forced labour").first).to_be_visible()
    shoot(page, "coordinator-assessment")


def test_the_advocate_s_pages(guide_page, live_server):
    page = guide_page
    sign_in(page, live_server, "advocate@demo.test")
    page.goto(f"{live_server}/cases")
    expect(page.get_by_role("heading", name="Cases", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name=FOUNDING)).to_be_visible()  # verified: the advocate sees it
    shoot(page, "advocate-cases")
    page.goto(f"{live_server}/reports/dossier")
    expect(page.locator("h1")).to_be_visible()
    shoot(page, "advocate-dossier")


def test_the_admin_s_pages(guide_page, live_server):
    page = guide_page
    sign_in(page, live_server, "admin@demo.test")
    page.goto(f"{live_server}/admin/users")
    expect(page.get_by_role("heading", name="Users of Demo NGO")).to_be_visible()
    shoot(page, "admin-users")
    page.get_by_text("Administration").click()
    page.get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("heading", name="Audit log of Demo NGO")).to_be_visible()
    shoot(page, "admin-audit")


def test_the_guide_is_read_in_the_app_with_its_screenshots(guide_page, live_server):
    page = guide_page
    sign_in(page, live_server, "advocate@demo.test")
    page.get_by_role("link", name="User guide").click()
    expect(page.get_by_role("heading", name="User guide")).to_be_visible()
    links = page.locator(".guide-parts a")
    assert "advocates" in links.first.inner_text()  # the reader's own part first
    links.first.click()
    expect(page.locator(".guide-text h1")).to_be_visible()
    images = page.locator(".guide-text img")
    assert images.count() >= 1
    for index in range(images.count()):
        # The page can be shown before its pictures have arrived: wait for each to load or fail.
        loaded = images.nth(index).evaluate(
            """image => image.complete ? image.naturalWidth > 0 : new Promise(settle => {
                image.addEventListener("load", () => settle(image.naturalWidth > 0));
                image.addEventListener("error", () => settle(false));
            })"""
        )
        assert loaded, images.nth(index).get_attribute("src")
    page.get_by_role("link", name="Caseworker", exact=True).click()
    expect(page.locator(".guide-text h1")).to_contain_text("caseworker")


def test_someone_who_cannot_sign_in_yet_reaches_the_guide_from_the_sign_in_page(guide_page, live_server):
    page = guide_page
    page.goto(f"{live_server}/login")
    page.get_by_role("link", name="User guide").click()
    expect(page.get_by_role("heading", name="User guide")).to_be_visible()
    page.get_by_role("link", name="For administrators: people, security settings and the audit log").click()
    expect(page.locator(".guide-text h1")).to_contain_text("administrator")
