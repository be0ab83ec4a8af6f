"""The piece of text shown under a search result and the offsets of the words in it."""
from caseapp.search.snippets import ELLIPSIS, fold, snippet
from caseapp.search.syntax import parse


def _marked(text, q, **kwargs):
    shown = snippet(text, parse(q), **kwargs)
    return shown.text, [shown.text[start:end] for start, end in shown.highlights]


def test_fold_keeps_every_offset():
    for text in ("Fenêtre ÉTÉ", "İstanbul Straße", "Łódź", "Петров Й", "ﬁ ligature", "a\u0301b"):
        assert len(fold(text)) == len(text)
    assert fold("Fenêtre ÉTÉ") == "fenetre ete"


def test_the_words_are_marked_whatever_their_case_and_accents():
    assert _marked("Les ouvriers vivent dans une CASERNE fermée.", "caserne fermee")[1] == ["CASERNE", "fermée"]


def test_a_phrase_marks_each_of_its_words_and_a_prefix_the_whole_word():
    assert _marked("They live in closed barracks by the dock.", '"closed barr*"')[1] == ["closed", "barracks"]


def test_other_forms_of_a_long_word_are_marked_but_not_a_shorter_word():
    text, marks = _marked("Recruiting agencies recruited them; work was hard for the workers.", "recruited workers")
    assert marks == ["Recruiting", "recruited", "workers"]


def test_a_word_inside_another_is_not_marked():
    assert _marked("The passport-holder and passports.", "pass")[1] == []


def test_the_window_is_where_the_most_different_words_are():
    text = "Guards. " + "Filler words here. " * 40 + "The guards keep the passports in a safe. " + "More. " * 40
    shown, marks = _marked(text, "guards passports")
    assert marks == ["guards", "passports"] and shown.startswith(ELLIPSIS) and shown.endswith(ELLIPSIS)


def test_a_text_without_the_words_shows_its_beginning_unmarked():
    shown, marks = _marked("A text about something else entirely.", "passports")
    assert shown == "A text about something else entirely." and marks == []


def test_offsets_count_the_ellipsis_and_line_breaks_become_spaces():
    text = "x " * 200 + "line one\nthe passports\tkept"
    shown = snippet(text, parse("passports"))
    assert "\n" not in shown.text and "\t" not in shown.text
    start, end = shown.highlights[0]
    assert shown.text[start:end] == "passports"


def test_a_text_repeating_the_word_a_hundred_thousand_times_gives_one_window():
    text = "passports " * 100_000
    shown = snippet(text, parse("passports"))
    assert len(shown.text) <= 242 and shown.highlights


def test_a_title_found_by_a_part_of_a_word_marks_that_part():
    from caseapp.search.snippets import title_marks

    title = "North Korean construction workers"
    assert [title[s:e] for s, e in title_marks(title, parse("kore"))] == ["Kore"]
    assert [title[s:e] for s, e in title_marks(title, parse("workers"))] == ["workers"]
    assert title_marks(title, parse("ko")) == ()
