"""Numbers typed in URLs and forms: the digits 0 to 9 only, whatever Python's int() or float() would take."""
import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form

from caseapp.errors import ServiceError
from caseapp.forms import DecimalNumberField, WholeNumberField
from caseapp.validation import (MAX_ID, decimal_number, is_whole_number, optional_whole_number,
                                whole_number)

ODD = ["²", "٣", "３", "𝟛", " 3", "3 ", "+3", "-3", "3_0", "0x10", "1e3", "1.5", "", "٣٣", "3\n", "Ⅻ"]


@pytest.mark.parametrize("raw", ["0", "7", "0042", str(MAX_ID)])
def test_ascii_digits_are_whole_numbers(raw):
    assert is_whole_number(raw) and whole_number(raw, "limit") == int(raw)


@pytest.mark.parametrize("raw", ODD + [str(MAX_ID + 1), None, 3, ["3"]])
def test_nothing_else_is(raw):
    assert not is_whole_number(raw)


@pytest.mark.parametrize("raw", ODD[:-1])
def test_a_refusal_names_the_field(raw):
    if raw == "":
        assert optional_whole_number(raw, "party_id") is None
        return
    with pytest.raises(ServiceError) as refused:
        optional_whole_number(raw, "party_id")
    assert refused.value.field == "party_id"


def test_bounds_are_said():
    with pytest.raises(ServiceError, match="from 1 to 100"):
        whole_number("101", "limit", maximum=100, minimum=1)


@pytest.mark.parametrize("raw, value", [("12", 12.0), ("12.5", 12.5), ("12,5", 12.5), (" 7 ", 7.0)])
def test_decimals_with_a_point_or_a_comma(raw, value):
    assert decimal_number(raw) == value


@pytest.mark.parametrize("raw", ["nan", "inf", "1e9", "٣", "1_000", "1.2.3", "-1", "１２"])
def test_decimals_in_other_shapes_are_refused(raw):
    assert decimal_number(raw) is None


class Numbers(Form):
    count = WholeNumberField()
    amount = DecimalNumberField()


@pytest.mark.parametrize("typed", ["٣", "３", "3_0", "+3"])
def test_a_form_refuses_such_a_count_and_keeps_what_was_typed(typed):
    form = Numbers(MultiDict({"count": typed, "amount": "nan"}))
    assert not form.validate()
    assert set(form.errors) == {"count", "amount"} and form.count.raw_data == [typed]


def test_a_form_reads_plain_numbers():
    form = Numbers(MultiDict({"count": " 12 ", "amount": "1234,50"}))
    assert form.validate() and form.count.data == 12 and form.amount.data == 1234.5


def test_a_number_too_large_is_told_its_bounds_not_its_digits():
    with pytest.raises(ServiceError, match="from 0 to 2147483647"):
        whole_number("99999999999999999999999", "assignee_id")
