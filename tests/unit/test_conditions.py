import pytest

from caseapp.cases.conditions import ALL_KEYS, FACTS, hours_between, merge_conditions
from caseapp.errors import ServiceError


def test_every_fact_has_a_note_and_starts_unknown():
    merged = merge_conditions(None, {})
    assert set(merged) == set(ALL_KEYS) and all(value is None for value in merged.values())
    assert len(ALL_KEYS) == 2 * len(FACTS)


@pytest.mark.parametrize("start, end, hours", [("07:00", "22:00", 15), ("22:00", "06:00", 8), ("06:30", "18:00", 11.5),
                                               ("07:00", "07:00", 24)])
def test_hours_between_two_times_run_past_midnight_when_needed(start, end, hours):
    assert hours_between(start, end) == hours


def test_daily_hours_are_computed_from_the_times_unless_given():
    computed = merge_conditions(None, {"work_start": "07:00", "work_end": "22:00"})
    assert computed["daily_hours"] == 15
    assert merge_conditions(computed, {"work_end": "23:30"})["daily_hours"] == 16.5
    given = merge_conditions(computed, {"daily_hours": 16})
    assert merge_conditions(given, {"work_end": "21:00"})["daily_hours"] == 16


def test_unknown_false_and_zero_are_three_different_answers():
    merged = merge_conditions(None, {"phones_taken": False, "rest_days_per_month": 0})
    assert merged["phones_taken"] is False and merged["rest_days_per_month"] == 0 and merged["threats"] is None


@pytest.mark.parametrize("changes, field", [
    ({"daily_hours": 25}, "conditions.daily_hours"),
    ({"daily_hours": -1}, "conditions.daily_hours"),
    ({"daily_hours": "16"}, "conditions.daily_hours"),
    ({"days_per_week": 8}, "conditions.days_per_week"),
    ({"days_per_week": 5.5}, "conditions.days_per_week"),
    ({"rest_days_per_month": True}, "conditions.rest_days_per_month"),
    ({"phones_taken": 1}, "conditions.phones_taken"),
    ({"phones_taken": "yes"}, "conditions.phones_taken"),
    ({"wage_recipient": "boss"}, "conditions.wage_recipient"),
    ({"housing_type": "tent"}, "conditions.housing_type"),
    ({"work_start": "7am"}, "conditions.work_start"),
    ({"work_end": "24:00"}, "conditions.work_end"),
    ({"wage_currency": "dollars"}, "conditions.wage_currency"),
    ({"wage_withheld_share": 101}, "conditions.wage_withheld_share"),
    ({"debt": -5}, "conditions.debt"),
    ({"daily_hours_note": ["a list"]}, "conditions.daily_hours_note"),
    ({"favourite_colour": "blue"}, "conditions.favourite_colour"),
])
def test_each_fact_refuses_values_of_the_wrong_kind(changes, field):
    with pytest.raises(ServiceError) as caught:
        merge_conditions(None, changes)
    assert caught.value.field == field


def test_values_are_tidied():
    merged = merge_conditions(None, {"wage_currency": "usd", "housing_conditions": "  crowded  ", "wage_period": "",
                                     "daily_hours": 12.0, "debt_note": "   "})
    assert merged["wage_currency"] == "USD" and merged["housing_conditions"] == "crowded"
    assert merged["wage_period"] is None and merged["daily_hours"] == 12 and merged["debt_note"] is None
