"""Recording a whole case in the browser, and two people editing the same case at once."""
from playwright.sync_api import expect

from tests.browser.conftest import sign_in


def test_a_caseworker_records_the_founding_case_completely_through_the_form(page, live_server):
    sign_in(page, live_server, "caseworker@demo.test")
    page.goto(f"{live_server}/cases/new")
    page.get_by_label("Title").fill("North Korean workers on Saint Petersburg building sites")
    page.get_by_label("Summary").fill("Sent by their state; minders collect the wages; families held as a pledge.")
    page.get_by_role("combobox", name="Country of work").fill("russ")
    page.get_by_role("option", name="Russia").click()
    page.get_by_label("Region").fill("Saint Petersburg")
    page.get_by_label("Worksite").fill("stadium construction site, Saint Petersburg")
    page.get_by_label("Sector").select_option("construction")
    page.locator("#period_start").fill("2017-09")
    page.locator("#period_end").fill("2018")

    page.locator("#worker_groups-0-origin").fill("north kor")
    page.keyboard.press("Enter")  # the first match, North Korea
    page.locator("#worker_groups-0-count_qualifier").select_option("at_least")
    page.locator("#worker_groups-0-count_min").fill("10000")
    page.locator("#worker_groups-0-gender_note").fill("Married men with children")

    conditions = {
        "work_start": "07:00", "work_end": "22:00", "rest_days_per_month": "1",
        "work_end_note": "sometimes until midnight",
    }
    for key, value in conditions.items():
        page.locator(f"#conditions-{key}").fill(value)
    page.locator("#conditions-wage_recipient").select_option("guard")
    page.locator("#conditions-housing_type").select_option("barracks")
    page.locator("#conditions-movement_escorted").select_option("yes")
    page.locator("#conditions-threats").select_option("yes")
    page.locator("#conditions-threats_note").fill("family kept at home as a pledge")
    page.locator("#conditions-phones_taken").select_option("")

    page.get_by_role("button", name="Add an action").click()
    page.locator("#actions-0-kind").select_option("media")
    page.locator("#actions-0-date").fill("2018-06")
    page.locator("#actions-0-outcome").fill("Shared the findings with a journalist.")
    expect(page.get_by_label("Title")).to_have_value("North Korean workers on Saint Petersburg building sites")
    page.get_by_role("button", name="Save the case").click()

    expect(page.get_by_role("heading", name="North Korean workers on Saint Petersburg building sites")).to_be_visible()
    conditions_table = page.locator("#conditions")
    expect(conditions_table.get_by_role("row", name="Hours worked a day")).to_contain_text("15")
    expect(conditions_table.get_by_role("row", name="Who receives the wages")).to_contain_text("a guard or minder")
    expect(conditions_table.get_by_role("row", name="Threats")).to_contain_text("family kept at home as a pledge")
    expect(page.locator("#workers")).to_contain_text("at least 10,000")
    expect(page.locator("#workers")).to_contain_text("North Korea")
    expect(page.locator("#actions")).to_contain_text("Shared the findings with a journalist.")

    # The employer, added from the case page; the app offers the existing look-alike first.
    page.get_by_role("link", name="A party not listed yet? Add it").click()
    page.get_by_label("Name", exact=True).fill("Saint Petersburg construction contractor LLC")
    page.get_by_label("Kind", exact=True).select_option("employer")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Is it one of these?")).to_be_visible()
    page.get_by_role("link", name="Saint Petersburg construction contractor", exact=True).click()
    page.locator("#note").fill("built the stadium")
    page.get_by_role("button", name="Link the party").click()
    expect(page.locator("#parties")).to_contain_text("built the stadium")

    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("Name", exact=True).fill("Worker interviewed in 2018")
    page.get_by_label("Role", exact=True).select_option("informant")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("High")).to_be_visible()


def test_two_people_edit_the_same_case_and_nothing_is_lost(page, live_server, browser):
    sign_in(page, live_server, "caseworker@demo.test")
    page.goto(f"{live_server}/cases?q=Kitchen")
    page.get_by_role("link", name="DEMO-2026-0003").click()
    page.get_by_role("link", name="Edit the case").click()
    page.get_by_label("Region").fill("Region typed by the caseworker")

    coordinator = browser.new_context().new_page()
    sign_in(coordinator, live_server, "coordinator@demo.test")
    coordinator.goto(page.url)
    coordinator.get_by_label("Region").fill("Region saved by the coordinator")
    coordinator.get_by_role("button", name="Save the case").click()
    expect(coordinator.get_by_text("is saved")).to_be_visible()

    page.get_by_role("button", name="Save the case").click()
    expect(page.get_by_role("heading", name="Someone saved this case while you were editing it")).to_be_visible()
    expect(page.locator("table.compare")).to_contain_text("Region typed by the caseworker")
    expect(page.locator("table.compare")).to_contain_text("Region saved by the coordinator")
    expect(page.get_by_label("Region")).to_have_value("Region typed by the caseworker")
    page.get_by_role("button", name="Save my version").click()
    expect(page.get_by_text("is saved")).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text("Region typed by the caseworker")
