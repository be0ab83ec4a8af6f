"""A caseworker accepts a proposal on the source of their demo draft and sees the suspected finding."""
from playwright.sync_api import expect

from tests.browser.conftest import sign_in


def test_accepting_a_proposal_makes_a_suspected_finding(page, live_server):
    sign_in(page, live_server, "caseworker@demo.test")
    page.goto(f"{live_server}/cases?q=Kitchen")
    page.get_by_role("link", name="DEMO-2026-0003").click()
    case_url = page.url
    page.locator("#sources").get_by_role("link", name="Call notes").click()

    proposals = page.locator("#proposals")
    expect(proposals.get_by_role("heading", name="Proposals for DEMO-2026-0003")).to_be_visible()
    item = proposals.locator("li.proposal", has_text="Retention of identity documents")
    expect(item.locator("mark")).to_have_text("passports in the office safe")
    item.get_by_label("At the stage").select_option("employment")
    item.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("The proposal is accepted")).to_be_visible()

    page.goto(case_url + "/assessment")
    finding = page.locator("#retention_of_identity_documents")
    expect(finding).to_contain_text("The manager keeps their passports in the office safe")
    expect(finding).to_contain_text("Employment")
    expect(finding.locator(".finding")).to_have_text("suspected")
