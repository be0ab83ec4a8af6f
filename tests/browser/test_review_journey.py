"""The review journey: submit, return with a comment, fix, resubmit, verify."""
from playwright.sync_api import expect

from tests.browser.conftest import sign_in


def _open_the_draft(page, live_server):
    """The demo caseworker's draft: kitchen staff housed in a restaurant's storeroom."""
    page.goto(f"{live_server}/cases?q=Kitchen")
    page.get_by_role("link", name="DEMO-2026-0003").click()


def test_a_case_goes_through_review_and_is_verified(page, live_server, browser):
    sign_in(page, live_server, "caseworker@demo.test")
    _open_the_draft(page, live_server)
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("The case is now: Submitted.")).to_be_visible()
    expect(page.get_by_role("link", name="Edit the case")).to_have_count(0)

    coordinator = browser.new_context().new_page()
    sign_in(coordinator, live_server, "coordinator@demo.test")
    coordinator.get_by_role("link", name="Review queue").click()
    coordinator.get_by_role("link", name="DEMO-2026-0003").click()
    coordinator.get_by_role("button", name="Take into review").click()
    coordinator.get_by_label("What needs to change").fill("Say which source gives the working hours.")
    coordinator.get_by_role("button", name="Return for changes").click()
    expect(coordinator.get_by_text("The case is now: Returned for changes.")).to_be_visible()

    page.goto(f"{live_server}/notifications")
    page.get_by_role("button", name="returned DEMO-2026-0003 to you for changes").click()
    expect(page.locator("#comments")).to_contain_text("Say which source gives the working hours.")
    page.get_by_role("link", name="Edit the case").click()
    page.locator("#conditions-daily_hours_note").fill("11:00 to 01:00: the call notes of 12 May 2025.")
    page.get_by_role("button", name="Save the case").click()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("The case is now: Submitted.")).to_be_visible()

    coordinator.goto(f"{live_server}/cases/review")
    coordinator.get_by_role("link", name="DEMO-2026-0003").click()
    expect(coordinator.locator("#conditions")).to_contain_text("the call notes of 12 May 2025")
    coordinator.get_by_role("button", name="Take into review").click()
    coordinator.get_by_role("button", name="Verify").click()
    expect(coordinator.get_by_text("The case is now: Verified.")).to_be_visible()

    advocate = browser.new_context().new_page()
    sign_in(advocate, live_server, "advocate@demo.test")
    expect(advocate.get_by_role("link", name="DEMO-2026-0003")).to_be_visible()
