"""Security journeys in a real browser: requiring a second factor, enrolling, recovery codes, a reset."""
from playwright.sync_api import expect

from caseapp.auth import two_factor
from tests.factories import code_for_step
from tests.browser.conftest import sign_in


def test_an_admin_requires_two_factor_for_caseworkers_who_then_enrol(page, live_server, browser):
    sign_in(page, live_server, "admin@demo.test")
    page.get_by_text("Administration").click()
    page.get_by_role("link", name="Organisation settings").first.click()
    expect(page.get_by_role("heading", name="Settings of Demo NGO")).to_be_visible()
    # The server's roles are ticked and cannot be unticked here.
    expect(page.get_by_role("checkbox", name="Coordinator")).to_be_disabled()
    page.get_by_role("checkbox", name="Caseworker").check()
    page.get_by_label("Sign out after this many minutes without activity").fill("20")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("The security settings are saved.")).to_be_visible()
    expect(page.get_by_label("Sign out after this many minutes without activity")).to_have_value("20")

    caseworker = browser.new_page()
    sign_in(caseworker, live_server, "caseworker@demo.test")
    expect(caseworker.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    expect(caseworker.get_by_text("Your role must sign in with a second factor.")).to_be_visible()
    expect(caseworker.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    # Anything else leads back here until it is done.
    caseworker.goto(f"{live_server}/cases")
    expect(caseworker.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()

    secret = caseworker.locator("code.secret-key").inner_text()
    caseworker.get_by_label("Code from the app").fill("000000")
    caseworker.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(caseworker.get_by_text("That code does not match.")).to_be_visible()
    caseworker.get_by_label("Code from the app").fill(code_for_step(secret, two_factor.current_step()))
    caseworker.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(caseworker.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    codes = caseworker.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    caseworker.get_by_role("link", name="I have kept them; go on").click()
    caseworker.goto(f"{live_server}/cases")
    expect(caseworker.get_by_role("heading", name="Cases")).to_be_visible()

    # Signed out, the caseworker comes back with a recovery code instead of the phone.
    caseworker.locator("summary.user-link").click()
    caseworker.get_by_role("button", name="Sign out").click()
    caseworker.get_by_label("E-mail").fill("caseworker@demo.test")
    from tests.browser.conftest import DEMO_PASSWORD

    caseworker.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    caseworker.get_by_role("button", name="Sign in").click()
    caseworker.get_by_label("Code").fill(codes[0])
    caseworker.get_by_role("button", name="Sign in").click()
    expect(caseworker.get_by_text("You signed in with a recovery code; 9 are left.")).to_be_visible()


def test_an_admin_resets_a_lost_second_factor(page, live_server, browser):
    coordinator = browser.new_page()
    sign_in(coordinator, live_server, "coordinator@demo.test")
    expect(coordinator.get_by_role("link", name="Review queue")).to_be_visible()

    sign_in(page, live_server, "admin@demo.test")
    page.goto(f"{live_server}/admin/users")
    row = page.get_by_role("row").filter(has_text="coordinator@demo.test")
    expect(row.get_by_text("On")).to_be_visible()
    row.get_by_role("button", name="Reset").click()
    expect(page.get_by_text("The second factor of coordinator@demo.test is reset")).to_be_visible()

    # The coordinator's open session has ended on the server.
    coordinator.goto(f"{live_server}/cases")
    expect(coordinator.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(coordinator.get_by_text("This session has ended.")).to_be_visible()
