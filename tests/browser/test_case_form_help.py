"""The case form helps: Enter saves, every mistake is named at once, nothing required is chosen for you."""
from playwright.sync_api import expect

from tests.browser.conftest import sign_in


def test_enter_in_a_text_field_saves_the_case(page, live_server):
    sign_in(page, live_server, "caseworker@demo.test")
    page.goto(f"{live_server}/cases/new")
    expect(page.get_by_label("Sector")).to_have_value("")  # no sector chosen for the user
    page.get_by_label("Sector").select_option("fishing")
    page.get_by_label("Title").fill("Deckhands paid nothing for a season")
    page.get_by_label("Title").press("Enter")
    expect(page.get_by_role("heading", name="Deckhands paid nothing for a season")).to_be_visible()
    assert page.locator("#worker_groups-1-origin").count() == 0  # no worker group was added instead


def test_every_date_mistake_is_named_on_the_same_submit_and_nothing_typed_is_lost(page, live_server):
    sign_in(page, live_server, "caseworker@demo.test")
    page.goto(f"{live_server}/cases/new")
    page.get_by_label("Title").fill("Four mistakes at once")
    page.get_by_role("button", name="Add an action").click()
    page.locator("#period_start").fill("2019-13")
    page.locator("#period_end").fill("last spring")
    page.locator("#actions-0-kind").select_option("media")
    page.locator("#actions-0-date").fill("2018-02-30")
    page.get_by_role("button", name="Save the case").click()
    errors = page.locator("ul.errors li").all_inner_texts()
    text = " ".join(errors)
    assert "2019-13" in text or "YYYY" in text
    assert text.count("YYYY") + text.count("not a date that exists") >= 3, errors
    assert "This field is required." in text  # the sector, left unchosen
    expect(page.get_by_label("Title")).to_have_value("Four mistakes at once")
    expect(page.locator("#actions-0-date")).to_have_value("2018-02-30")


def test_a_period_that_ends_before_it_starts_is_named_with_the_other_mistakes(page, live_server):
    sign_in(page, live_server, "caseworker@demo.test")
    page.goto(f"{live_server}/cases/new")
    page.get_by_label("Title").fill("Backwards period")
    page.locator("#period_start").fill("2020")
    page.locator("#period_end").fill("2019")
    page.get_by_role("button", name="Save the case").click()
    expect(page.get_by_text("The period ends before it starts.").first).to_be_visible()
    expect(page.get_by_text("This field is required.").first).to_be_visible()
