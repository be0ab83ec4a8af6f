"""The case list by its assessment: filter by the determination, read the total, keep the search and use it."""
import re

from playwright.sync_api import expect

from tests.browser.conftest import sign_in


def test_a_caseworker_filters_by_determination_keeps_the_search_and_opens_it_again(page, live_server):
    sign_in(page, live_server, "caseworker@demo.test")
    page.goto(f"{live_server}/cases")
    page.get_by_label("Determination").select_option("established")
    page.get_by_role("button", name="Find cases").click()

    # The demo's two verified cases with their findings: the founding case and the fishing crew.
    expect(page.locator(".total")).to_have_text(re.compile(r"^2 cases$"))
    rows = page.locator("table.cases tbody tr")
    expect(rows).to_have_count(2)
    for index in range(2):
        expect(rows.nth(index)).to_contain_text("established")
        expect(rows.nth(index)).to_contain_text(re.compile(r"\d+ present, \d+ suspected"))

    page.get_by_label("Keep this search as").fill("Established cases")
    page.get_by_role("button", name="Save the search").click()
    expect(page.get_by_text("The search is kept as “Established cases”.")).to_be_visible()

    page.goto(f"{live_server}/cases")
    expect(page.locator("table.cases tbody tr")).not_to_have_count(2)
    page.get_by_role("navigation", name="Saved searches").get_by_role("link", name="Established cases").click()
    expect(page).to_have_url(re.compile(r"determination=established"))
    expect(page.locator("table.cases tbody tr")).to_have_count(2)

    page.get_by_role("button", name="Delete the saved search Established cases").click()
    expect(page.get_by_text("The saved search is deleted.")).to_be_visible()
    expect(page.get_by_role("navigation", name="Saved searches")).to_have_count(0)
