"""An admin answers a person's requests: finds them, downloads what is held about them, then erases them."""
import json
import re

from playwright.sync_api import expect

from tests.browser.conftest import sign_in

NAME = "Unnamed contractor (quoted in the report)"  # the witness of the demo's founding case


def test_an_admin_finds_a_person_exports_their_data_and_erases_them(page, live_server):
    sign_in(page, live_server, "admin@demo.test")
    page.get_by_text("Administration").click()
    page.get_by_role("link", name="People's data").click()
    page.get_by_label("Name, exactly as recorded").fill(NAME)
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name=re.compile(r"^Person \d+$")).click()
    expect(page.get_by_role("heading", name=NAME)).to_be_visible()
    person_id = int(page.url.rsplit("/", 1)[1])

    with page.expect_download() as download:
        page.get_by_role("link", name="Download JSON").click()
    assert download.value.suggested_filename.startswith(f"person-{person_id}-subject-access-")
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert data["person"]["name"] == NAME and data["person"]["role"] == "witness"
    assert data["history"][0]["action"] == "person.create"
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Download PDF").click()
    assert open(pdf.value.path(), "rb").read(5) == b"%PDF-"

    page.get_by_role("link", name="Erase…").click()
    page.get_by_label("Type the word shown to confirm").fill("erase")
    page.get_by_role("button", name="Erase for good").click()
    expect(page.get_by_text("Type ERASE to confirm.")).to_be_visible()
    page.get_by_label("Type the word shown to confirm").fill("ERASE")
    page.get_by_role("button", name="Erase for good").click()
    expect(page.get_by_role("heading", name=f"Person {person_id} is erased")).to_be_visible()
    expect(page.get_by_role("heading", name="Still mentioned")).to_be_visible()

    page.get_by_role("link", name="Back to finding a person").click()
    page.get_by_label("Name, exactly as recorded").fill(NAME)
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_text("No one in the organisation is recorded under this name")).to_be_visible()
