"""A large file of cases: the upload answers at once with a page whose progress bar follows the import."""
import re

from playwright.sync_api import expect

from tests.browser.conftest import sign_in


def test_a_caseworker_uploads_two_thousand_cases_and_watches_them_arrive(page, live_server):
    rows = "title,sector,country\n" + "".join(f"Crew of trawler TRW{n},fishing,TH\n" for n in range(1, 2001))
    sign_in(page, live_server, "caseworker@demo.test")
    page.goto(f"{live_server}/cases/import")
    page.get_by_label(re.compile("File")).set_input_files(
        files=[{"name": "trawlers.csv", "mimeType": "text/csv", "buffer": rows.encode()}])
    page.get_by_role("button", name="Import").click()

    expect(page).to_have_url(re.compile(r"/cases/import/\d+$"))
    expect(page.get_by_role("heading", name=re.compile(r"^Import #\d+$"))).to_be_visible()
    expect(page.get_by_text("trawlers.csv")).to_be_visible()
    # The bar moves by itself; at the end the page says what came of it (no reload by hand).
    expect(page.get_by_text("2000 cases are imported.")).to_be_visible(timeout=90_000)
    page.get_by_role("link", name="Open the case list").click()
    page.get_by_label("Words in the case or its parties' names").fill("TRW1999")
    page.get_by_role("button", name="Find cases").click()
    expect(page.locator("table.cases tbody tr")).to_have_count(1)
    expect(page.locator("table.cases tbody tr")).to_contain_text("Crew of trawler TRW1999")
