"""An advocate takes evidence out of caseapp: a case report, then a dossier built in the background."""
import hashlib

from playwright.sync_api import expect

from tests.browser.conftest import sign_in


def test_an_advocate_downloads_a_case_report_and_a_dossier(page, live_server):
    sign_in(page, live_server, "advocate@demo.test")

    # A verified case's report: the page, then its PDF.
    page.get_by_role("link", name="Cases").first.click()
    page.locator("table a").first.click()
    page.get_by_role("link", name="Report", exact=True).click()
    expect(page.get_by_role("heading", name="Case report")).to_be_visible()
    with page.expect_download() as report:
        page.get_by_role("link", name="Download the PDF").click()
    assert report.value.suggested_filename.endswith("-report-advocate.pdf")
    with open(report.value.path(), "rb") as stream:
        assert stream.read(5) == b"%PDF-"

    # A dossier of every case an advocate may export, built while the page shows its progress.
    page.get_by_role("link", name="Reports", exact=True).click()
    page.get_by_role("link", name="Build an evidence dossier").click()
    boxes = page.get_by_role("checkbox")
    assert boxes.count() >= 2
    for index in range(boxes.count()):
        boxes.nth(index).check()
    page.get_by_role("button", name="Build the dossier").click()
    expect(page.get_by_role("heading", name="Evidence dossier")).to_be_visible()
    expect(page.get_by_text("The dossier is ready.")).to_be_visible(timeout=60_000)
    with page.expect_download() as dossier:
        page.get_by_role("link", name="Download the dossier (PDF)").click()
    data = open(dossier.value.path(), "rb").read()
    assert data.startswith(b"%PDF")
    assert hashlib.sha256(data).hexdigest() == page.locator("#job-pdf-sha").inner_text()
    with page.expect_download() as manifest:
        page.get_by_role("link", name="Download the manifest (JSON)").click()
    assert hashlib.sha256(open(manifest.value.path(), "rb").read()).hexdigest() == \
        page.locator("#job-manifest-sha").inner_text()

    # The export history lists both, with the dossier's hash.
    page.get_by_role("link", name="Export history").click()
    expect(page.get_by_text(hashlib.sha256(data).hexdigest())).to_be_visible()
