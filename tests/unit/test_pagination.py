from datetime import datetime, timezone

import pytest

from caseapp.errors import ServiceError
from caseapp.pagination import decode_cursor, encode_cursor, parse_limit


def test_a_cursor_round_trips_ids_and_timestamps():
    moment = datetime(2026, 11, 27, 12, 30, tzinfo=timezone.utc)
    assert decode_cursor(encode_cursor([moment, 42]), 2) == [moment, 42]


@pytest.mark.parametrize("cursor", ["garbage", "", "W10", encode_cursor([1, 2])])
def test_a_broken_cursor_is_refused_with_a_message(cursor):
    with pytest.raises(ServiceError) as caught:
        decode_cursor(cursor, 1)
    assert caught.value.field == "cursor"


@pytest.mark.parametrize("raw, expected", [(None, 25), ("", 25), ("1", 1), ("100", 100), (7, 7)])
def test_limits_within_bounds(raw, expected):
    assert parse_limit(raw) == expected


@pytest.mark.parametrize("raw", ["0", "101", "-1", "ten", "1.5", [3], "٣", "３", "²", " 3", "+3", "3_0", True])
def test_limits_out_of_bounds_are_refused(raw):
    with pytest.raises(ServiceError):
        parse_limit(raw)
