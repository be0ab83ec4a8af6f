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
    expect(page.locator("#quotes")).to_contain_text(phrase)  # still on the source, its list of quotes updated
    page.get_by_role("link", name="DEMO-2026-0003").first.click()
    facts = page.locator("#facts")
    expect(facts.get_by_role("heading", name="Hours worked a day")).to_be_visible()
    expect(facts).to_contain_text(phrase)


SELECT_IN_TEXT = """([from, to]) => {
  // Select characters from..to of the rendered preserved text, as a mouse drag would.
  const holder = document.getElementById("preserved-text");
  const walker = document.createTreeWalker(holder, NodeFilter.SHOW_TEXT);
  let seen = 0, range = document.createRange(), node;
  while ((node = walker.nextNode())) {
    const next = seen + node.data.length;
    if (from >= seen && from <= next) range.setStart(node, from - seen);
    if (to >= seen && to <= next) { range.setEnd(node, to - seen); break; }
    seen = next;
  }
  const selection = window.getSelection();
  selection.removeAllRanges(); selection.addRange(range);
  holder.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
}"""


def test_a_caseworker_quotes_in_the_rendered_text_stays_on_the_page_and_is_warned_of_a_second_quote(page,
                                                                                                   live_server):
    sign_in(page, live_server, "caseworker@demo.test")
    page.goto(f"{live_server}/cases?q=Kitchen")
    page.get_by_role("link", name="DEMO-2026-0003").click()
    page.locator("#sources").get_by_role("link", name="Call notes").click()
    expect(page.get_by_role("heading", name="Quote a passage")).to_be_visible()
    page.evaluate("window.stillTheSamePage = true")

    phrase = "The manager keeps their passports in the office safe"
    at = TEXT.index(phrase)
    page.evaluate(SELECT_IN_TEXT, [at, at + len(phrase)])
    action = page.locator("#quote-action")
    expect(action).to_be_visible()
    expect(action.get_by_text("This case already quotes this passage.")).to_be_hidden()
    action.get_by_role("button", name="Quote in the chosen case").click()

    expect(page.get_by_text("The quote is saved in DEMO-2026-0003.")).to_be_visible()
    expect(page.locator("#quotes blockquote")).to_contain_text(phrase)
    expect(page.locator("#preserved-text mark")).to_have_text(phrase)
    assert page.evaluate("window.stillTheSamePage") is True  # updated in place, not reloaded

    # The same passage again: the action warns before anything is saved.
    page.evaluate(SELECT_IN_TEXT, [at + 4, at + 11])
    expect(action.get_by_text("This case already quotes this passage.")).to_be_visible()
    action.get_by_role("button", name="Quote with details…").click()
    expect(page.get_by_label("Quoted passage")).to_have_value("manager")
    expect(page.get_by_text("This case already quotes this passage: saving keeps both quotes.")).to_be_visible()
