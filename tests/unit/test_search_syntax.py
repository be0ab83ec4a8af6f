"""The search box's syntax: words, "phrases", -exclusions, prefix*; each engine gets only quoted terms."""
import re

import pytest

from caseapp.search.syntax import MAX_TERMS, QuerySyntaxError, Term, fts5_match, parse, tsquery, without_accents


def test_words_phrases_exclusions_and_prefixes_are_read():
    query = parse('passports "Closed  barracks" -deported recruit*')
    assert query.terms == (Term(("passports",)), Term(("closed", "barracks")), Term(("deported",), excluded=True),
                           Term(("recruit",), prefix=True))
    assert query.words == ("passports", "closed", "barracks", "recruit")


def test_each_engine_gets_every_term_quoted():
    query = parse('passports "closed barracks" -deported recruit*')
    assert fts5_match(query) == '"passports" AND "closed" + "barracks" AND "recruit"* NOT "deported"'
    assert tsquery(query) == "'passports' & ('closed' <-> 'barracks') & !'deported' & 'recruit':*"


@pytest.mark.parametrize("typed", ["NOT OR AND", "NEAR(a b)", "title:x", "a & b | !c", "x'; DROP TABLE cases;--"])
def test_engine_syntax_is_only_words(typed):
    query = parse(typed)
    assert query.words and all(re.fullmatch(r"[^\W_]+(?:'[^\W_]+)*", word) for word in query.words)
    assert "''" in tsquery(parse("x'y"))  # a quote inside a word is doubled for PostgreSQL


def test_a_word_of_several_pieces_is_looked_for_as_those_pieces_in_a_row():
    assert parse("e-mail*").terms == (Term(("e", "mail"), prefix=True),)
    assert fts5_match(parse("e-mail*")) == '"e" + "mail"*'


@pytest.mark.parametrize("typed, message", [
    ('"closed barracks', "closing quote"),
    ("-deported", "not only what to leave out"),
    ("-a -b", "not only what to leave out"),
    ("r*", "at least 2 letters"),
    (" ".join(["word"] * (MAX_TERMS + 1)), "at most"),
])
def test_what_cannot_be_read_is_refused_with_a_reason(typed, message):
    with pytest.raises(QuerySyntaxError) as refused:
        parse(typed)
    assert message in str(refused.value)
    assert refused.value.field == "q"


@pytest.mark.parametrize("typed", ["", "   ", "*", "-", '""', "&&"])
def test_nothing_to_look_for_is_an_empty_query(typed):
    assert parse(typed).terms == ()


def test_accents_come_off_latin_letters_only():
    assert without_accents("fenêtre Übergriff ação") == "fenetre Ubergriff acao"
    assert without_accents("й ё") == "й ё"  # Russian letters of their own


@pytest.mark.parametrize("typed", ["İ*", "ab'c*", "l'a*"])
def test_f8_the_prefix_minimum_counts_the_engine_s_last_word(typed):
    with pytest.raises(QuerySyntaxError):
        parse(typed)


def test_carried_masks_stay_where_the_name_was_and_nowhere_else():
    from caseapp.search.index import PERSON_GONE, carry_masks

    before = f"The guard told {PERSON_GONE} to stay. {PERSON_GONE} refused."
    now = "The guard told Jovana Petrović to stay. Petrović refused, and left at night."
    assert carry_masks(before, now) == f"The guard told {PERSON_GONE} to stay. {PERSON_GONE} refused, and left at night."
    assert carry_masks("no mask here", "Jovana") == "Jovana"


def test_a_phrase_may_end_in_a_prefix():
    assert parse('"closed barr*"').terms == (Term(("closed", "barr"), prefix=True),)
    with pytest.raises(QuerySyntaxError):
        parse('"closed b*"')
