"""Exports approved by a second person, as the three people involved do it in the browser: the admin turns
approval on, the advocate asks for a case report, a coordinator refuses then approves, the advocate is
told and downloads the PDF that names the approver."""
from playwright.sync_api import expect

from tests.browser.conftest import sign_in


def test_an_advocates_report_waits_for_a_coordinator_and_is_downloaded_once_approved(browser, live_server):
    admin = browser.new_context().new_page()
    sign_in(admin, live_server, "admin@demo.test")
    admin.goto(f"{live_server}/admin/organisation")
    admin.get_by_label("Advocates' exports need approval").check()
    admin.get_by_role("button", name="Save the export setting").click()
    expect(admin.get_by_text("now wait for a coordinator's or admin's approval")).to_be_visible()

    advocate = browser.new_context().new_page()
    sign_in(advocate, live_server, "advocate@demo.test")
    advocate.get_by_role("link", name="Cases").first.click()
    advocate.locator("table a").first.click()
    advocate.get_by_role("link", name="Report", exact=True).click()
    expect(advocate.get_by_role("link", name="Download the PDF")).to_have_count(0)
    advocate.get_by_role("button", name="Ask for approval to export").click()
    expect(advocate.get_by_text("Waiting for approval by a coordinator or admin")).to_be_visible()
    request_url = advocate.url

    coordinator = browser.new_context().new_page()
    sign_in(coordinator, live_server, "coordinator@demo.test")
    coordinator.get_by_role("navigation", name="Main").get_by_role("link", name="Notifications").click()
    coordinator.get_by_role("button", name="asks for approval to export case report").first.click()
    expect(coordinator.get_by_role("heading", name="Exports awaiting approval")).to_be_visible()
    # Refusing needs a reason; the advocate reads it.
    coordinator.get_by_role("button", name="Refuse the export").click()
    expect(coordinator.get_by_text("Say why the export is refused")).to_be_visible()
    coordinator.get_by_label("Reason for refusing").fill("A quote names the captain's village; ask again once it is cut.")
    coordinator.get_by_role("button", name="Refuse the export").click()
    expect(coordinator.get_by_text("No export is waiting for approval.")).to_be_visible()
    advocate.goto(request_url)
    expect(advocate.get_by_text("ask again once it is cut")).to_be_visible()

    # Asked again and approved: built in the background, the advocate downloads it from the notice.
    advocate.get_by_role("link", name="Cases").first.click()
    advocate.locator("table a").first.click()
    advocate.get_by_role("link", name="Report", exact=True).click()
    expect(advocate.get_by_text("was refused by Demo coordinator")).to_be_visible()
    advocate.get_by_role("button", name="Ask again for approval to export").click()
    coordinator.goto(f"{live_server}/reports/approvals")
    coordinator.get_by_role("button", name="Approve the export").click()
    expect(coordinator.get_by_text("is approved; it is being built")).to_be_visible()

    advocate.get_by_role("link", name="Notifications").click()
    advocate.get_by_role("button", name="approved your export").first.click()
    expect(advocate.get_by_text("The report is ready.")).to_be_visible(timeout=60_000)
    expect(advocate.get_by_text("Approved by Demo coordinator")).to_be_visible()
    with advocate.expect_download() as report:
        advocate.get_by_role("link", name="Download the report (PDF)").click()
    with open(report.value.path(), "rb") as stream:
        assert stream.read(5) == b"%PDF-"
    advocate.get_by_role("link", name="Export history").click()
    expect(advocate.get_by_text("approved by Demo coordinator")).to_be_visible()
    expect(advocate.get_by_text("refused by Demo coordinator")).to_be_visible()
