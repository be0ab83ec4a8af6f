"""A caseworker accepts a proposal on the founding case's demo source and sees the suspected finding."""
from playwright.sync_api import expect

from tests.browser.conftest import sign_in


def test_accepting_a_proposal_makes_a_suspected_finding(page, live_server):
    sign_in(page, live_server, "caseworker@demo.test")
    page.goto(f"{live_server}/cases?q=North+Korean")
    page.get_by_role("link", name="DEMO-2026-0001").click()
    page.locator("#sources").get_by_role("link", name="Demotekst").click()

    proposals = page.locator("#proposals")
    expect(proposals.get_by_role("heading", name="Proposals for DEMO-2026-0001")).to_be_visible()
    item = proposals.locator("li.proposal", has_text="Restriction of movement")
    expect(item.locator("mark")).to_have_text("gesloten barakken")
    item.get_by_label("At the stage").select_option("exit")
    item.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("The proposal is accepted")).to_be_visible()

    page.goto(page.url.split("/sources/")[0] + "/cases/1/assessment")
    finding = page.locator("#restriction_of_movement")
    expect(finding).to_contain_text("De mannen wonen in gesloten barakken en worden met bussen")
    expect(finding).to_contain_text("Exit")
    expect(finding.locator(".finding")).to_have_text("suspected")
