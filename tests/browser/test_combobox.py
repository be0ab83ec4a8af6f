"""Long lists are typed to search: the country of a case, found by a few letters, with the keyboard alone."""
from playwright.sync_api import expect

from tests.browser.conftest import sign_in


def test_the_country_is_found_by_typing_and_chosen_with_the_keyboard(page, live_server):
    sign_in(page, live_server, "caseworker@demo.test")
    page.goto(f"{live_server}/cases/new")
    country = page.get_by_role("combobox", name="Country of work")
    expect(country).to_have_attribute("aria-expanded", "false")
    country.focus()
    page.keyboard.type("cote")  # accents need not be typed
    options = page.get_by_role("listbox", name="Country of work").get_by_role("option")
    expect(options).to_have_count(1)
    expect(options.first).to_have_text("Côte d’Ivoire")
    expect(country).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Enter")
    expect(country).to_have_value("Côte d’Ivoire")
    expect(page.locator("#country-select")).to_have_value("CI")  # the value the form sends

    country.fill("no such country")
    expect(page.get_by_role("listbox", name="Country of work")).to_contain_text("No match")
    page.keyboard.press("Escape")
    expect(country).to_have_value("Côte d’Ivoire")  # Escape keeps the choice

    page.get_by_label("Title").fill("Cocoa farm workers")
    page.get_by_label("Sector").select_option("agriculture")
    page.get_by_role("button", name="Save the case").click()
    expect(page.locator("dl.facts")).to_contain_text("Côte d’Ivoire")


def test_a_typed_name_that_matches_no_option_is_undone_when_leaving_the_box(page, live_server):
    sign_in(page, live_server, "caseworker@demo.test")
    page.goto(f"{live_server}/cases")
    country = page.get_by_role("combobox", name="Country")
    country.fill("Atlantis")
    page.get_by_label("Words in the case or its parties' names").focus()
    expect(country).to_have_value("")
    expect(page.locator("#f-country-select")).to_have_value("")
