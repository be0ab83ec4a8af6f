"""Each role's daily task with the keyboard alone: Tab to move, Enter to act, typing in fields; every element
reached shows where the focus is."""
from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, next_totp_code

FOCUSED = r"""() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const visible = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
  const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
  return {text: (el.getAttribute("aria-label") || label || el.innerText || el.value || "").trim()
                .replace(/\s*\*$/, ""), visible: visible, tag: el.tagName};
}"""


def tab_to(page, name: str, limit: int = 120) -> None:
    """Press Tab until the element named `name` has the focus; each element passed must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        assert focused["visible"], f"no visible focus on {focused}"
        if focused["text"] == name or focused["text"].startswith(name + "\n"):
            return
    raise AssertionError(f"Tab never reached {name!r}")


def follow(page) -> None:
    """Enter on a link or a submit button, and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def sign_in_by_keyboard(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/login")
    page.keyboard.type(email)  # the e-mail field has the focus
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_function("location.pathname !== '/login'")
    if "/login/two-factor" in page.url:  # its code field has the focus
        page.keyboard.type(next_totp_code(base_url, email))
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Waiting on you")).to_be_visible()


def test_a_caseworker_records_a_case_with_the_keyboard(page, live_server):
    sign_in_by_keyboard(page, live_server, "caseworker@demo.test")
    tab_to(page, "New case")
    follow(page)
    expect(page.get_by_role("heading", name="New case")).to_be_visible()
    tab_to(page, "Title")
    page.keyboard.type("Car wash workers paid nothing for months")
    tab_to(page, "Sector")
    page.keyboard.press("ArrowDown")  # the first sector
    tab_to(page, "Save the case")
    follow(page)
    expect(page.get_by_role("heading", name="Car wash workers paid nothing for months")).to_be_visible()


def test_a_coordinator_takes_a_case_into_review_with_the_keyboard(page, live_server):
    sign_in_by_keyboard(page, live_server, "coordinator@demo.test")
    tab_to(page, "Review queue")
    follow(page)
    tab_to(page, "DEMO-2026-0006")
    follow(page)
    tab_to(page, "Take into review")
    follow(page)
    expect(page.get_by_text("The case is now: In review.")).to_be_visible()


def test_an_advocate_opens_the_founding_case_s_report_with_the_keyboard(page, live_server):
    sign_in_by_keyboard(page, live_server, "advocate@demo.test")
    tab_to(page, "DEMO-2026-0001")
    follow(page)
    expect(page.get_by_role("heading", name="North Korean construction workers in Russia")).to_be_visible()
    tab_to(page, "Report")
    follow(page)
    expect(page).to_have_url(f"{live_server}/cases/1/report")


def test_an_admin_reaches_the_audit_log_through_the_administration_menu_with_the_keyboard(page, live_server):
    sign_in_by_keyboard(page, live_server, "admin@demo.test")
    tab_to(page, "Administration")
    page.keyboard.press("Enter")  # opens the menu
    tab_to(page, "Audit log")
    follow(page)
    expect(page.get_by_role("heading", name="Audit log of Demo NGO")).to_be_visible()
    tab_to(page, "Demo admin")
    page.keyboard.press("Enter")
    tab_to(page, "Sign out")
    follow(page)
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
