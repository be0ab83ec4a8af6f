"""The lemma cues: groups in any order within a clause, negation before them, refuters in the sentence.
A small lexicon written for these tests (the shipped ones are in caseapp/ilo/data/lexicon/)."""
import pytest

from caseapp.ilo import lexicon

LEXICON = lexicon.parse({
    "language": "nl", "negations": ["niet", "geen", "nooit"],
    "indicators": {
        "retention_of_identity_documents": {
            "cues": [[["paspoort", "identiteitsbewijs"], ["inhouden", "innemen", "kluis"]]],
            "refuters": [[["eigen"], ["paspoort"]]]},
        "debt_bondage": {"cues": [[["schuldslavernij"]], [["schuld*"], ["afbetalen", "aflossen"]]], "refuters": []},
    }})


@pytest.fixture(autouse=True)
def small_lexicon(monkeypatch):
    lexicon._index.cache_clear()  # built from whichever lexicon was loaded first
    monkeypatch.setattr(lexicon, "load", lambda language: LEXICON if language == "nl" else None)
    yield
    lexicon._index.cache_clear()


@pytest.mark.parametrize("sentence, expected", [
    ("Hun paspoorten worden ingehouden door de uitzender.", {"retention_of_identity_documents"}),
    ("De uitzender hield de paspoorten in.", set()),  # a separable verb apart: "hield ... in" is not "inhouden"
    ("De werkgever nam hun paspoorten in en legde ze in de kluis.", {"retention_of_identity_documents"}),
    ("De werkgever heeft hun paspoorten niet ingehouden.", set()),  # negated before the cue
    ("Hun paspoorten worden ingehouden, maar ze hebben hun eigen paspoort terug.", set()),  # refuted
    ("Ze moesten hun schulden maandenlang afbetalen.", {"debt_bondage"}),  # a prefix: schuld*
    ("Het paspoort lag thuis; het geld werd ingehouden.", set()),  # two clauses: no cue across them
])
def test_cues_match_lemmas_in_a_clause(sentence, expected):
    found, _ = lexicon.matches(sentence, "nl")
    assert set(found) == expected


def test_the_cue_quoted_is_the_words_that_matched():
    sentence = "Hun paspoorten worden ingehouden door de uitzender."
    (start, end) = lexicon.matches(sentence, "nl")[0]["retention_of_identity_documents"]
    assert sentence[start:end] == "paspoorten worden ingehouden"


def test_a_language_without_a_lexicon_matches_nothing():
    assert lexicon.matches("Their passports were withheld.", "en") == ({}, set())


def test_every_shipped_lexicon_is_whole():
    """The nine lexicons parse, name all eleven indicators, and hold only cues of one to three groups."""
    import json

    from caseapp.ilo.catalogue import IDS
    from caseapp.ilo.text import LANGUAGES

    for language in LANGUAGES:
        data = json.loads((lexicon.LEXICON_DIR / f"{language}.json").read_text(encoding="utf-8"))
        assert set(data["indicators"]) == set(IDS), language
        assert data["negations"], language
        for indicator, entry in data["indicators"].items():
            assert entry["cues"], (language, indicator)
            for cue in entry["cues"] + entry.get("refuters", []):
                assert 1 <= len(cue) <= 3 and all(group for group in cue), (language, indicator, cue)
                assert all(len(a) > 4 for group in cue for a in group if a.endswith("*")), (language, cue)
