from datetime import date

import pytest

from caseapp.cases.dates import check_period, overlaps, parse_partial_date
from caseapp.errors import ServiceError


@pytest.mark.parametrize("text, first, last", [
    ("2018", date(2018, 1, 1), date(2018, 12, 31)),
    ("2018-02", date(2018, 2, 1), date(2018, 2, 28)),
    ("2020-02", date(2020, 2, 1), date(2020, 2, 29)),
    ("2017-09-11", date(2017, 9, 11), date(2017, 9, 11)),
])
def test_a_partial_date_covers_its_whole_range(text, first, last):
    found = parse_partial_date(text)
    assert (found.first, found.last) == (first, last)


@pytest.mark.parametrize("text", ["2018-02-30", "2018-13", "2018-00", "18", "2018-1", "2018/05", "May 2018", "",
                                  "2018-05-01T00:00", " 2018"])
def test_impossible_or_badly_written_dates_are_refused(text):
    with pytest.raises(ServiceError):
        parse_partial_date(text)


def test_a_period_may_start_and_end_within_the_same_partial_date():
    check_period("2018", "2018-05")
    check_period("2018-05", "2018")
    check_period("2018-05-31", "2018-05")
    check_period(None, "2018")
    check_period("2018", None)


def test_a_period_that_ends_before_it_starts_is_refused_on_the_end():
    with pytest.raises(ServiceError) as caught:
        check_period("2018-06", "2018-05-31")
    assert caught.value.field == "period_end"


def test_ranges_overlap_when_any_day_is_shared():
    assert overlaps("2018", None, date(2018, 12, 31), date(2019, 1, 5))
    assert not overlaps("2017", "2017-12", date(2018, 1, 1), None)
    assert overlaps(None, None, date(2000, 1, 1), date(2000, 1, 2))
