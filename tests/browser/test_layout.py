"""What a person sees of the layout: tables keep their words whole on a laptop, pages reflow on a phone, the
top bar is one line at 1366 px for every role."""
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

ROLES = ("caseworker", "coordinator", "advocate", "admin")
PAGES = {
    "caseworker": ["/", "/cases", "/cases/3", "/cases/3/assessment", "/sources", "/parties", "/profile", "/cases/mine"],
    "coordinator": ["/", "/cases", "/cases/1", "/cases/1/assessment", "/cases/review", "/cases/bin",
                    "/reports/portfolio"],
    "advocate": ["/", "/cases", "/cases/1", "/reports/exports", "/reports/dossier"],
    "admin": ["/", "/admin/users", "/admin/audit", "/admin/organisation", "/cases"],
}

# Every word of every table cell on one line: a word whose letters land on two lines was broken in the middle.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll("td, th")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /[^\\s\\-\\u2010\\u2013\\/]+/g; let match;  // a line may end at a hyphen, a dash, a slash
      while ((match = re.exec(node.data)) !== null) {
        const range = document.createRange();
        range.setStart(node, match.index); range.setEnd(node, match.index + match[0].length);
        const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("role", ROLES)
def test_tables_never_break_a_word_in_the_middle_at_1366_px(page, live_server, role):
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server, f"{role}@demo.test")
    found = {}
    for path in PAGES[role]:
        page.goto(live_server + path)
        broken = page.evaluate(BROKEN_WORDS)
        if broken:
            found[path] = broken[:5]
    assert found == {}


@pytest.mark.parametrize("role", ROLES)
def test_pages_reflow_at_390_px_without_scrolling_sideways(page, live_server, role):
    sign_in(page, live_server, f"{role}@demo.test")
    page.set_viewport_size({"width": 390, "height": 844})
    wide, broken = {}, {}
    for path in PAGES[role]:
        page.goto(live_server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide[path] = width
        # On a phone a long word (an e-mail, a URL) may break; an ordinary one ("Hours") never.
        short = [word for word in page.evaluate(BROKEN_WORDS) if len(word) <= 12]
        if short:
            broken[path] = short[:5]
    assert wide == {} and broken == {}


@pytest.mark.parametrize("role, language", [(role, "en") for role in ROLES] + [("coordinator", "nl"), ("admin", "nl")])
def test_the_top_bar_is_one_line_at_1366_px(page, live_server, role, language):
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server, f"{role}@demo.test")
    page.goto(f"{live_server}/cases")
    if language != "en":
        page.locator("summary.user-link").click()
        page.select_option("#lang-select", language)
        page.locator(".language-form button").click()
        expect(page.locator("html")).to_have_attribute("lang", language)
    brand, search = page.locator(".topbar .brand"), page.locator(".topbar-search input")
    expect(search).to_be_visible()
    menu = page.locator("summary.user-link")
    tops = [round(box["y"] + box["height"] / 2) for box in
            (brand.bounding_box(), search.bounding_box(), menu.bounding_box(),
             page.locator(".nav > li").last.bounding_box())]
    assert max(tops) - min(tops) <= 8, tops
