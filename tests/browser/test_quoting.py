"""Quoting a source with the keyboard and using the quote as evidence for the daily hours."""
from playwright.sync_api import expect

from caseapp.demo.more_sources import KITCHEN_TEXT as TEXT
from tests.browser.conftest import sign_in


def test_a_caseworker_selects_a_passage_with_the_keyboard_and_attaches_it_as_evidence(page, live_server):
    sign_in(page, live_server, "caseworker@demo.test")
    page.goto(f"{live_server}/cases?q=Kitchen")
    page.get_by_role("link", name="DEMO-2026-0003").click()
    page.locator("#sources").get_by_role("link", name="Call notes").click()

    phrase = "from eleven in the morning until one at night"
    box = page.get_by_label("Text to select from")
    box.focus()
    page.keyboard.press("Control+Home")
    for _ in range(TEXT.index(phrase)):
        page.keyboard.press("ArrowRight")
    for _ in range(len(phrase)):
        page.keyboard.press("Shift+ArrowRight")

    expect(page.get_by_label("Quoted passage")).to_have_value(phrase)
    expect(page.get_by_label("From character")).to_have_value(str(TEXT.index(phrase)))
    page.get_by_text("Evidence for a fact of the case").click()
    page.get_by_label("Evidence for the fact").select_option("daily_hours")
    page.get_by_label("Value", exact=True).fill("14")
    page.get_by_role("button", name="Save the quote").click()

    expect(page.get_by_text("The quote is saved in DEMO-2026-0003.")).to_be_visible()
    facts = page.locator("#facts")
    expect(facts.get_by_role("heading", name="Hours worked a day")).to_be_visible()
    expect(facts).to_contain_text(phrase)
