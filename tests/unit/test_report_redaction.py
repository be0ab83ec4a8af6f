"""Pseudonyms and redaction for the advocate profile (caseapp.protection.redaction)."""
from caseapp.protection.redaction import NoRedaction, PersonTerms, Redactor

WORKER = PersonTerms(1, "worker", "Ri Chol-ho", ("Chol", "Comrade Ri"), "Phone: +7 921 555 0199",
                     "Passport 836401122")
WIFE = PersonTerms(2, "family_member", "Pak Sun-hui")
INFORMANT = PersonTerms(3, "informant", "Иван Петров", ("Ваня",))
WITNESS = PersonTerms(4, "witness", "김정은")


def test_codes_follow_the_role_and_the_order_people_are_met():
    redactor = Redactor([WORKER, WIFE, INFORMANT, WITNESS, PersonTerms(5, "worker", "Kim Yong-su")])
    assert [redactor.code_of(i) for i in range(1, 6)] == ["W-1", "F-1", "I-1", "T-1", "W-2"]
    assert redactor.legend[0] == ("W-1", "worker")


def test_a_person_keeps_their_code_when_more_cases_are_added():
    redactor = Redactor([WORKER])
    redactor.add([WIFE, WORKER, PersonTerms(9, "worker", "Jo Myong-il")])
    assert redactor.code_of(1) == "W-1" and redactor.code_of(9) == "W-2" and redactor.code_of(2) == "F-1"


def test_names_aliases_and_parts_are_replaced_in_any_text():
    redactor = Redactor([WORKER, WIFE])
    text = "RI CHOL-HO told us that Comrade Ri and his wife Pak Sun-hui were watched; Chol said more."
    out = redactor.redact(text)
    assert out == "[W-1] told us that [W-1] and his wife [F-1] were watched; [W-1] said more."


def test_contact_details_and_document_numbers_are_hidden_too():
    redactor = Redactor([WORKER])
    out = redactor.redact("Call +7 921 555 0199 or check Passport 836401122 (number 836401122).")
    assert "555" not in out and "836401122" not in out
    assert out.count("[W-1]") == 3


def test_inflected_cyrillic_names_and_hangul_particles_are_hidden():
    redactor = Redactor([INFORMANT, WITNESS])
    assert redactor.redact("Показания Петрова и Ивана") == "Показания [I-1] и [I-1]"
    assert redactor.redact("김정은은 말했다") == "[T-1]은 말했다"  # the name goes, the particle stays
    assert redactor.redact("김정은으로부터 받았다") == "[T-1]으로부터 받았다"


def test_ordinary_words_are_left_alone():
    descriptive = PersonTerms(7, "witness", "Contractor quoted in the report (unnamed)")
    redactor = Redactor([descriptive, PersonTerms(8, "worker", "Jan van der Berg")])
    out = redactor.redact("The report says the contractor spoke van der Berg's language; Jan agreed.")
    # Lower-case words of a descriptive entry and name particles stay; the names (in any case) go.
    assert out == "The report says the [T-1] spoke van der [W-1]'s language; [W-1] agreed."


def test_segments_mark_each_redaction_with_its_code():
    segments = Redactor([WIFE]).segments("Sun-hui, Pak Sun-hui.")
    assert [(s.text, s.code) for s in segments] == [("Sun-hui", "F-1"), (", ", None), ("Pak Sun-hui", "F-1"),
                                                     (".", None)]


def test_a_name_inside_a_longer_word_is_not_a_name():
    redactor = Redactor([PersonTerms(1, "worker", "Ana Lima")])
    assert redactor.redact("Banana plantations in Limassol") == "Banana plantations in Limassol"


def test_the_internal_profile_shows_everything():
    assert NoRedaction([WORKER]).redact("Ri Chol-ho") == "Ri Chol-ho"


def test_the_same_name_in_two_cases_is_one_person_with_one_code():
    redactor = Redactor([WORKER])
    redactor.add([PersonTerms(11, "worker", "ri chol-ho"), PersonTerms(12, "worker", "Jo Myong-il")])
    assert redactor.code_of(11) == "W-1" and redactor.code_of(12) == "W-2"
    assert redactor.legend == [("W-1", "worker"), ("W-2", "worker")]


def test_case_accents_and_invisible_characters_do_not_matter():
    redactor = Redactor([PersonTerms(1, "worker", "José Álvarez"), PersonTerms(2, "worker", "Ivan Petrov")])
    text = "JOSE ALVAREZ, jose, Jose\u0301 Alvarez, PETROV, petrov, Pe\u00adtrov and Iv\u200ban met."
    out = redactor.redact(text)
    assert out == "[W-1], [W-1], [W-1], [W-2], [W-2], [W-2] and [W-2] met."


def test_a_name_typed_in_lower_case_is_hidden_part_by_part():
    out = Redactor([PersonTerms(1, "worker", "maria lopez")]).redact("Maria said Lopez paid.")
    assert out == "[W-1] said [W-1] paid."


def test_changed_endings_and_korean_given_names_are_hidden():
    redactor = Redactor([PersonTerms(1, "informant", "Анна Смирнова"), PersonTerms(2, "witness", "김철수")])
    assert redactor.redact("Со Смирновой и Анной, про Анну") == "Со [I-1] и [I-1], про [I-1]"
    assert redactor.redact("철수씨가 말했다") == "[T-1]씨가 말했다"


def test_numbers_are_hidden_however_they_are_written():
    redactor = Redactor([PersonTerms(1, "worker", "Ri Chol", (), "Phone: +7 921 555 0199", "Passport 836401122")])
    out = redactor.redact("Call +79215550199 or +7 (921) 555-01-99; passport 836 401 122 (P836401122).")
    assert "555" not in out and "0199" not in out and "401" not in out and "836401122" not in out
    assert out.count("[W-1]") == 4


def test_placeholder_names_are_not_ordinary_words_and_not_one_person():
    redactor = Redactor([PersonTerms(1, "worker", "Worker A"), PersonTerms(2, "worker", "A")])
    redactor.add([PersonTerms(3, "worker", "Worker A")])
    assert redactor.redact("Hours worked a day; the worker said so; Worker A agreed.") == \
        "Hours worked a day; the worker said so; [W-1] agreed."
    assert redactor.code_of(3) == "W-3"  # another case's "Worker A" is not assumed to be the same person


def test_people_added_unlisted_are_hidden_but_left_out_of_the_legend():
    """A dossier's legend names only its own cases' people; the organisation's others are hidden all the same."""
    redactor = Redactor([PersonTerms(1, "worker", "Kim Chol-su")])
    redactor.add([PersonTerms(2, "informant", "Ri Myong-ok", contact="+7 914 555 0199")], listed=False)
    assert redactor.legend == [("W-1", "worker")]
    shown = redactor.redact("Ri Myong-ok (+7 914 555 0199) met Kim Chol-su.")
    assert "Myong" not in shown and "555" not in shown and "[W-1]" in shown
