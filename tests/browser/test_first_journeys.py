"""Journeys a person makes in a real browser."""
from playwright.sync_api import expect

from caseapp.auth import two_factor
from tests.factories import code_for_step

from tests.browser.conftest import sign_in


def test_a_caseworker_signs_in_sees_the_founding_case_and_adds_a_case(page, live_server):
    sign_in(page, live_server, "caseworker@demo.test")
    expect(page.get_by_role("heading", name="Hello, Demo caseworker")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Cases", exact=True).click()
    expect(page.get_by_role("heading", name="Cases", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="North Korean construction workers in Russia")).to_be_visible()

    page.get_by_role("link", name="New case").first.click()
    page.get_by_label("Title").fill("Greenhouse workers with passports held by the agency")
    page.get_by_label("Summary").fill("Twelve workers from Romania say the agency keeps their passports.")
    country = page.get_by_role("combobox", name="Country of work")
    country.fill("Netherl")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    page.get_by_label("Sector").select_option("agriculture")
    page.get_by_role("button", name="Save the case").click()

    expect(page.get_by_role("heading", name="Greenhouse workers with passports held by the agency")).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text("Netherlands")
    page.get_by_role("link", name="Cases", exact=True).first.click()
    expect(page.get_by_role("cell", name="Greenhouse workers with passports held by the agency")).to_be_visible()
    expect(page.get_by_role("cell", name="North Korean construction workers in Russia")).to_be_visible()


def test_a_form_sent_with_a_mistake_keeps_what_was_typed(page, live_server):
    sign_in(page, live_server, "caseworker@demo.test")
    page.goto(f"{live_server}/cases/new")
    page.get_by_label("Summary").fill("A long summary that must not be lost.")
    page.get_by_role("button", name="Save the case").click()
    expect(page.locator("#title-errors")).to_have_text("This field is required.")
    expect(page.locator("#sector-errors")).to_have_text("This field is required.")  # both named at once
    expect(page.get_by_label("Summary")).to_have_value("A long summary that must not be lost.")


def test_an_admin_adds_a_colleague_on_the_users_page(page, live_server, browser):
    sign_in(page, live_server, "admin@demo.test")
    page.get_by_text("Administration").click()
    page.get_by_role("link", name="Users").click()
    expect(page.get_by_role("heading", name="Users of Demo NGO")).to_be_visible()
    page.get_by_label("E-mail").fill("new.coordinator@demo.test")
    page.get_by_label("Full name").fill("Nadia Coordinator")
    page.get_by_label("Role", exact=True).select_option("coordinator")
    page.get_by_label("Initial password").fill("a fresh start for nadia")
    page.get_by_role("button", name="Add user").click()
    expect(page.get_by_text("new.coordinator@demo.test can now sign in.")).to_be_visible()

    colleague = browser.new_context().new_page()
    sign_in(colleague, live_server, "new.coordinator@demo.test", "a fresh start for nadia")
    # The admin chose that password: the colleague replaces it first.
    expect(colleague.get_by_role("heading", name="Choose your own password")).to_be_visible()
    colleague.get_by_label("Current password").fill("a fresh start for nadia")
    colleague.get_by_label("New password", exact=True).fill("only nadia knows this one")
    colleague.get_by_label("New password, again").fill("only nadia knows this one")
    colleague.get_by_role("button", name="Save my password").click()
    # Coordinators sign in with a second factor: the first sign-in sets it up.
    expect(colleague.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    secret = colleague.locator("code.secret-key").inner_text()
    colleague.get_by_label("Code from the app").fill(code_for_step(secret, two_factor.current_step()))
    colleague.get_by_role("button", name="Turn on two-factor sign-in").click()
    colleague.get_by_role("link", name="I have kept them; go on").click()
    expect(colleague.locator("summary.user-link")).to_have_text("Nadia Coordinator")


def test_the_interface_switches_to_dutch_with_the_keyboard(page, live_server):
    sign_in(page, live_server, "caseworker@demo.test")
    page.goto(f"{live_server}/cases")
    page.locator("summary.user-link").focus()
    page.keyboard.press("Enter")  # the person's menu opens with the keyboard
    page.get_by_label("Language").focus()
    page.keyboard.press("Home")
    page.keyboard.press("ArrowDown")  # English, then Nederlands
    page.get_by_role("button", name="Change").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Zaken")).to_be_visible()
