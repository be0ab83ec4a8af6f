"""An admin reads the organisation's audit log in a real browser and narrows it down."""
from playwright.sync_api import expect

from tests.browser.conftest import sign_in


def test_an_admin_opens_the_audit_log_and_filters_it(page, live_server):
    sign_in(page, live_server, "admin@demo.test")
    page.get_by_text("Administration").click()
    page.get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("heading", name="Audit log of Demo NGO")).to_be_visible()
    expect(page.get_by_text("The log of the whole server is intact")).to_be_visible()
    rows = page.locator("table.audit-log tbody tr")
    expect(rows.first).to_be_visible()

    page.get_by_label("Action").select_option(label="created the case")
    page.get_by_role("button", name="Show entries").click()
    expect(page.get_by_label("Action")).to_have_value("case.create")
    texts = rows.all_inner_texts()
    assert texts and all("created the case" in text for text in texts)
    reference = rows.last.locator("td").nth(5).inner_text()

    page.get_by_label("Case", exact=True).fill(reference.lower())
    page.get_by_role("button", name="Show entries").click()
    texts = rows.all_inner_texts()
    assert len(texts) == 1 and reference in texts[0]

    page.get_by_role("link", name="Clear the filters").click()
    expect(page.get_by_label("Action")).to_have_value("")
    assert len(rows.all_inner_texts()) > 1
