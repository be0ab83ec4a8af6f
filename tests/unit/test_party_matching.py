import pytest

from caseapp.parties.matching import Candidate, similar_parties, similarity
from caseapp.parties.vocab import normalise_name


@pytest.mark.parametrize("a, b", [
    ("Nordstroy LLC", "NordStroy"),
    ("OOO Nordstroy", "Nordstroy"),
    ("ООО «Нордстрой»", "Нордстрой"),
    ("Nordstroi", "Nordstroy LLC"),
    ("Korea General Corp.", "Korea General Corporation"),
    ("Baltic  Builders Ltd", "baltic builders"),
    ("Société Générale SA", "Societe Generale"),
])
def test_the_same_party_written_differently_is_found(a, b):
    assert similarity(a, b) >= 85


@pytest.mark.parametrize("a, b", [("Nordstroy", "Baltic Builders"), ("Acme", "Acme Foods International"),
                                  ("Sea Harvest", "Sea Star")])
def test_different_parties_are_not_confused(a, b):
    assert similarity(a, b) < 85


def test_aliases_count_and_the_best_match_comes_first():
    candidates = [Candidate(1, "Korea General Corporation", ()),
                  Candidate(2, "State of the DPRK", ("North Korean state", "DPRK")),
                  Candidate(3, "Nordstroy", ())]
    matches = similar_parties("north korean state", candidates)
    assert [m.id for m in matches] == [2] and matches[0].matched == "North Korean state"
    assert similar_parties("Totally unrelated", candidates) == []


def test_legal_forms_are_ignored_but_a_name_of_only_a_legal_form_is_kept():
    assert normalise_name("Nordstroy, LLC.") == "nordstroy"
    assert normalise_name("Group") == "group"
