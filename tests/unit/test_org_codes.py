import pytest

from caseapp.auth.services import CODE_PATTERN, code_from_name


@pytest.mark.parametrize("name, code", [("Field NGO", "FIELDN"), ("X", "XORG"), ("42 Rights", "O42RIG"),
                                         ("Права человека", "OORG"), ("la Strada", "LASTRA")])
def test_codes_derived_from_names_are_always_valid(name, code):
    assert code_from_name(name) == code
    assert CODE_PATTERN.match(code)
