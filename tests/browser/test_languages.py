"""What a reader sees in each language, in the browser: each role's main pages after switching through the
menu, with no English left visible (tests/language_check.py; the integration walk checks every page's HTML),
and Arabic laid out right to left. With CASEAPP_DOCS_SCREENSHOTS=1 it leaves a screenshot of each page in
/tmp/caseapp-<language>/ to look at."""
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
    "coordinator@demo.test": ["/", "/cases/review", "/cases/4", "/cases/4/assessment", "/cases/bin",
                              "/reports/portfolio", "/reports/approvals", "/reports/exports", "/reports/dossier",
                              "/search?q=barakken"],
    "advocate@demo.test": ["/", "/cases", "/cases/1", "/cases/1/report", "/reports/dossier"],
    "admin@demo.test": ["/", "/admin/users", "/admin/audit", "/admin/organisation", "/admin/persons",
                        "/admin/sources/verify"],
}
LANGUAGES = {"nl": "Nederlands", "fr": "Français", "es": "Español", "ru": "Русский", "ar": "العربية"}
SHOWN = """() => { const copy = document.body.cloneNode(true);
    copy.querySelectorAll('textarea, script, style').forEach(node => node.remove());
    copy.querySelectorAll('details').forEach(node => node.setAttribute('open', ''));
    return copy.textContent; }"""


def _switch(page, language: str) -> None:
    page.locator("summary.user-link").click()
    page.locator("#lang-select").select_option(language)
    page.locator("form.language-form button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", language)


@pytest.mark.parametrize("email", list(PAGES))
def test_a_reader_sees_no_english_in_any_language(page, live_server, email):
    sign_in(page, live_server, email)
    for language in LANGUAGES:
        _switch(page, language)
        english = english_left(language)
        # Dutch on every page of the role; the other languages on its first five.
        for path in PAGES[email] if language == "nl" else PAGES[email][:5]:
            answer = page.goto(f"{live_server}{path}")
            assert answer.status == 200, path
            left = sorted({match.group() for match in english.finditer(" ".join(page.evaluate(SHOWN).split()))})
            assert not left, f"{language} {path}: {left}"
            if os.environ.get("CASEAPP_DOCS_SCREENSHOTS"):
                folder = Path(f"/tmp/caseapp-{language}")
                folder.mkdir(exist_ok=True)
                name = email.split("@")[0] + path.replace("/", "_").replace("?", "_")
                page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def test_arabic_pages_run_right_to_left(page, live_server):
    sign_in(page, live_server, "caseworker@demo.test")
    _switch(page, "ar")
    page.goto(f"{live_server}/cases/1/assessment")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    width = page.evaluate("document.documentElement.clientWidth")
    brand = page.locator(".brand, header a").first.bounding_box()
    assert brand["x"] > width / 2  # the app's name starts the bar on the right
    # A finding's quote keeps its bar on the side the text starts from: the right.
    quote = page.locator(".excerpt").first
    box = quote.bounding_box()
    border = quote.evaluate("node => getComputedStyle(node).borderRightWidth")
    assert border != "0px" and box["width"] > 0
    # English user text inside the Arabic page still reads left to right.
    assert page.locator("td, .long-text").first.evaluate("node => getComputedStyle(node).unicodeBidi") == "plaintext"
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1  # nothing pushed off the page


def test_the_chosen_language_follows_the_person_to_another_browser(page, live_server, browser):
    sign_in(page, live_server, "caseworker@demo.test")
    _switch(page, "es")
    other = browser.new_context(locale="en-GB")
    try:
        elsewhere = other.new_page()
        sign_in(elsewhere, live_server, "caseworker@demo.test")
        expect(elsewhere.locator("html")).to_have_attribute("lang", "es")
    finally:
        other.close()
