"""Searching the archive from the box in the top bar: results by kind with the words marked, a facet to
narrow them, and a result that leads to its case."""
import re

from playwright.sync_api import expect

from tests.browser.conftest import sign_in


def test_a_caseworker_searches_from_any_page_narrows_by_kind_and_opens_a_case(page, live_server):
    sign_in(page, live_server, "caseworker@demo.test")
    page.goto(f"{live_server}/sources")
    box = page.get_by_role("search", name="Search everything").get_by_role("searchbox")
    box.fill("passports")
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/search\?q=passports$"))
    expect(page.get_by_role("heading", name="Search", exact=True)).to_be_visible()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^\d+ results?$"))
    cases = page.get_by_role("region", name=re.compile("^Cases"))
    expect(cases.locator("mark").first).to_have_text(re.compile("passports", re.I))

    facets = page.get_by_role("complementary")
    facets.get_by_role("link", name="Cases", exact=True).click()
    expect(page).to_have_url(re.compile(r"kind=case"))
    expect(page.get_by_role("complementary").get_by_text("remove")).to_be_visible()
    page.get_by_role("link", name="Domestic workers whose passports are held by the agency").click()
    expect(page.get_by_role("heading", name=re.compile("Domestic workers whose passports"))).to_be_visible()


def test_a_search_that_cannot_be_read_says_why_and_keeps_the_words(page, live_server):
    sign_in(page, live_server, "caseworker@demo.test")
    page.goto(f"{live_server}/search")
    page.get_by_label("Words in cases, sources, quotes, parties and comments").fill('"closed barr')
    page.get_by_role("button", name="Search").last.click()
    expect(page.get_by_text("A phrase is missing its closing quote")).to_be_visible()
    expect(page.get_by_label("Words in cases, sources, quotes, parties and comments")).to_have_value('"closed barr')
