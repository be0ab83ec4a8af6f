from caseapp.cases.vocab import country_name, is_country


def test_iso_codes_are_countries_and_other_codes_are_not():
    assert is_country("RU") and is_country("KP") and is_country("NL")
    assert not is_country("XX") and not is_country("ru") and not is_country("EU")


def test_countries_are_named_in_the_reader_s_language():
    assert country_name("RU", "en") == "Russia"
    assert country_name("RU", "nl") == "Rusland"
    assert country_name(None) == ""
