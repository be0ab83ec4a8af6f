from datetime import date

from caseapp.audit.changes import created_fields, field_changes


def test_only_fields_that_differ_are_listed_with_old_and_new():
    before = {"title": "A", "country": "RU", "sector": "construction"}
    after = {"title": "B", "country": "RU", "sector": "mining"}
    assert field_changes(before, after) == {
        "title": {"old": "A", "new": "B"},
        "sector": {"old": "construction", "new": "mining"},
    }


def test_dates_are_recorded_as_iso_text():
    assert field_changes({}, {"on": date(2018, 6, 1)}) == {"on": {"old": None, "new": "2018-06-01"}}


def test_a_new_record_lists_its_filled_fields_only():
    assert created_fields({"title": "A", "summary": "", "country": None}) == {"title": {"old": None, "new": "A"}}
