"""The compact lemma dictionaries (caseapp/ilo/lemmas.py): the same lemmas as simplemma's, in far less memory."""
from __future__ import annotations

import pytest
from simplemma.strategies.dictionaries.dictionary_factory import _load_dictionary_from_disk

from caseapp.ilo import lemmas
from caseapp.ilo.text import lemma

ENTRIES = {"paspoorten".encode(): b"paspoort", "ingehouden".encode(): b"inhouden", "lonen".encode(): b"loon",
           "loon".encode(): b"loon", "überstunden".encode(): "überstunde".encode()}


def test_a_dictionary_survives_its_file_form():
    dictionary = lemmas.deserialise(lemmas.serialise(ENTRIES))
    assert len(dictionary) == len(ENTRIES)
    for word, found in ENTRIES.items():
        assert dictionary.get(word.decode()) == found.decode()
        assert dictionary[word.decode()] == found.decode()
        assert word.decode() in dictionary
    assert dictionary.get("paspoort") is None  # a lemma is not a word form unless listed as one
    assert dictionary.get("", "none") == "none"
    assert "loonen" not in dictionary
    with pytest.raises(KeyError):
        dictionary["loonen"]


def test_two_word_forms_with_one_hash_are_refused(monkeypatch):
    monkeypatch.setattr(lemmas, "word_hash", lambda word: 7)
    with pytest.raises(ValueError, match="share a hash"):
        lemmas.serialise(ENTRIES)


def test_a_file_of_another_kind_is_refused():
    with pytest.raises(ValueError):
        lemmas.deserialise(b"PK\x03\x04" + bytes(40))
    data = lemmas.serialise(ENTRIES)
    with pytest.raises(ValueError, match="wrong length"):
        lemmas.deserialise(data[:-1])


def test_the_built_file_gives_every_lemma_simplemma_gives(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEAPP_LEMMA_CACHE", str(tmp_path))
    dictionary = lemmas.load("en")  # built by a child process, then mapped
    assert (tmp_path / "en.lemmas").exists()
    full = _load_dictionary_from_disk("en")
    assert len(dictionary) == len(full)
    for word, found in list(full.items())[::97]:
        assert dictionary.get(word.decode()) == found.decode()
    assert dictionary.get("xyzzyqq") is None


def test_a_built_file_is_mapped_again_not_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEAPP_LEMMA_CACHE", str(tmp_path))
    (tmp_path / "nl.lemmas").write_bytes(lemmas.serialise(ENTRIES))
    monkeypatch.setattr(lemmas, "build", lambda *args: pytest.fail("rebuilt"))
    assert lemmas.load("nl").get("ingehouden") == "inhouden"


def test_a_dictionary_that_cannot_be_built_falls_back_to_simplemmas_own(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEAPP_LEMMA_CACHE", str(tmp_path / "missing"))

    def fail(language, path):
        raise RuntimeError("no room")
    monkeypatch.setattr(lemmas, "build", fail)
    dictionaries = lemmas.Dictionaries()
    dictionary = dictionaries.get_dictionary("en")
    assert not isinstance(dictionary, lemmas.CompactDictionary)
    assert dictionary.get("passports") == "passport"
    assert dictionaries.get_dictionary("en") is dictionary  # kept, not tried again for every word


def test_each_language_is_kept_once_loaded(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEAPP_LEMMA_CACHE", str(tmp_path))
    for language in ("en", "nl", "fr"):
        (tmp_path / f"{language}.lemmas").write_bytes(lemmas.serialise(ENTRIES))
    loads = []
    real = lemmas.load
    monkeypatch.setattr(lemmas, "load", lambda language: loads.append(language) or real(language))
    dictionaries = lemmas.Dictionaries()
    for _ in range(3):
        for language in ("en", "nl", "fr"):
            dictionaries.get_dictionary(language)
    assert loads == ["en", "nl", "fr"]


def test_the_engine_reads_lemmas_through_the_compact_dictionaries():
    assert lemma("ingehouden", "nl") == "inhouden"
    assert lemma("удерживают", "ru") == "удерживать"
    assert lemma("paspoorten", "nl") == "paspoort"


def test_building_ahead_builds_only_what_is_missing(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CASEAPP_LEMMA_CACHE", str(tmp_path))
    built = []

    def build(language, path):
        built.append(language)
        path.write_bytes(lemmas.serialise(ENTRIES))
    monkeypatch.setattr(lemmas, "build", build)
    (tmp_path / "en.lemmas").write_bytes(lemmas.serialise(ENTRIES))
    assert lemmas.main([]) == 0
    assert sorted(built) == sorted(["nl", "fr", "es", "de", "pt", "it", "pl", "ru"])
    assert lemmas.main([]) == 0
    assert len(built) == 8
    assert capsys.readouterr().out.count("Building") == 1
