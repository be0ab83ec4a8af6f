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


def test_a_file_of_another_kind_or_damaged_is_refused_never_read_wrong():
    with pytest.raises(ValueError):
        lemmas.deserialise(b"PK\x03\x04" + bytes(40))
    with pytest.raises(ValueError):
        lemmas.deserialise(b"CALM2")
    data = lemmas.serialise(ENTRIES)
    with pytest.raises(ValueError, match="wrong length"):
        lemmas.deserialise(data[:-1])
    changed = bytearray(data)
    changed[-1] ^= 1  # one letter of a lemma
    with pytest.raises(ValueError, match="changed or damaged"):
        lemmas.deserialise(bytes(changed))


def test_lemma_numbers_that_point_outside_the_file_are_refused(monkeypatch):
    # A file made consistent on purpose (its checksum matches) whose numbers point nowhere.
    data = bytearray(lemmas.serialise(ENTRIES))
    header = lemmas._HEADER
    _, entries, lemma_count, blob_size, _ = header.unpack_from(data)
    at = header.size + entries * 8
    data[at:at + 4] = (0xFFFFFFF0).to_bytes(4, "little")
    body = bytes(data[header.size:])
    data[:header.size] = header.pack(lemmas._MAGIC, entries, lemma_count, blob_size, lemmas._checksum(body))
    with pytest.raises(ValueError, match="point outside"):
        lemmas.deserialise(bytes(data))


def test_a_damaged_file_in_the_cache_is_built_again(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEAPP_LEMMA_CACHE", str(tmp_path))
    (tmp_path / "de.lemmas").write_bytes(lemmas.serialise(ENTRIES)[:-3])  # cut short, as by a power cut
    built = []

    def build(language, path):
        built.append(language)
        path.write_bytes(lemmas.serialise(ENTRIES))
    monkeypatch.setattr(lemmas, "build", build)
    assert lemmas.load("de").get("lonen") == "loon" and built == ["de"]


def test_a_cache_folder_others_may_write_to_is_refused(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("CASEAPP_LEMMA_CACHE", str(shared))
    monkeypatch.setattr(lemmas, "build", lambda *args: pytest.fail("built into a shared folder"))
    with pytest.raises(PermissionError):
        lemmas.load("en")
    dictionary = lemmas.Dictionaries().get_dictionary("en")  # the engine still reads: simplemma's own
    assert dictionary.get("passports") == "passport"


def test_threads_asking_for_a_language_at_once_build_it_once(tmp_path, monkeypatch):
    import threading
    import time

    monkeypatch.setenv("CASEAPP_LEMMA_CACHE", str(tmp_path))
    built = []

    def build(language, path):
        built.append(language)
        time.sleep(0.3)  # a build takes time: the others arrive meanwhile
        path.write_bytes(lemmas.serialise(ENTRIES))
    monkeypatch.setattr(lemmas, "build", build)
    dictionaries = lemmas.Dictionaries()
    found = []
    threads = [threading.Thread(target=lambda: found.append(dictionaries.get_dictionary("pl"))) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert built == ["pl"]
    assert len({id(dictionary) for dictionary in found}) == 1 and isinstance(found[0], lemmas.CompactDictionary)


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
