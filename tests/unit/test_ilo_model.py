"""The sentence model (caseapp/ilo/model.py) and how suggest() uses it: a veto on cues, proposals without one."""
import gzip
import json
import math

import pytest

from caseapp.ilo import model
from caseapp.ilo import suggest as engine
from caseapp.ilo.catalogue import IDS


def hand_made(weights: dict[str, dict[str, float]], bias: float = -4.0) -> model.SentenceModel:
    """A model whose every indicator starts far below 0.5 and rises only with the given features."""
    rows = {feature: tuple(by_indicator.get(i, 0.0) for i in IDS) for feature, by_indicator in weights.items()}
    return model.SentenceModel(IDS, (bias,) * len(IDS), rows)


def test_features_read_words_without_case_accents_or_digits():
    assert model.features("PÄSSE 12") == model.features("passe 7")
    found = model.features("Their passports were withheld")
    assert {"w:passports", "s:passp", "e:orts", "b:passp_were", "b:were_withh"} <= found
    assert "w:withheld" in found and "s:withh" in found


def test_features_and_words_agree():
    sentence = "Die Pässe wurden 2024 vom Vorarbeiter einbehalten, sagte Zoë."
    plain = [word for _, _, word in model.words(sentence)]
    expected = {f for word in plain for f in model.word_features(word)}
    expected |= {model.pair_feature(a, b) for a, b in zip(plain, plain[1:], strict=False)}
    assert model.features(sentence) == expected
    # words() keeps the sentence's own offsets, accents and all
    assert [sentence[s:e] for s, e, _ in model.words(sentence)][:2] == ["Die", "Pässe"]


def test_an_endless_word_is_read_in_pieces():
    assert len(model.words("a" * 1000)) == 25


def test_scores_rise_with_the_features_that_speak_for_an_indicator():
    sentence_model = hand_made({"w:passports": {"retention_of_identity_documents": 6.0}})
    with_word = sentence_model.scores("They kept our passports")
    without = sentence_model.scores("They kept our bicycles")
    assert with_word["retention_of_identity_documents"] == pytest.approx(1 / (1 + math.exp(-2.0)))
    assert without["retention_of_identity_documents"] < 0.05
    assert set(with_word) == set(IDS)


def test_the_strongest_word_is_a_word_of_the_sentence():
    sentence_model = hand_made({"s:chain": {"restriction_of_movement": 3.0}, "w:gate": {"restriction_of_movement": 1.0}})
    sentence = "At night the gate was chained shut."
    start, end = sentence_model.strongest_word(sentence, "restriction_of_movement")
    assert sentence[start:end] == "chained"


def test_encode_keeps_every_weight_within_half_a_step_and_drops_features_that_round_to_nothing():
    weights = {"w:a": [1.27] + [0.0] * 10, "w:b": [-0.5] + [0.2] * 10, "w:c": [0.001] * 11}
    stored = model.encode(IDS, [0.1] * 11, weights)
    assert "w:c" not in stored["weights"]
    decoded = model.decode(json.loads(json.dumps(stored)))
    for feature in ("w:a", "w:b"):
        for got, want in zip(decoded.weights[feature], weights[feature], strict=True):
            assert abs(got - want) <= stored["scale"] / 2 + 1e-12


def test_a_model_of_another_format_is_refused():
    with pytest.raises(ValueError):
        model.decode({"format": 99, "indicators": list(IDS), "bias": [0] * 11, "scale": 1, "weights": {}})


def test_no_model_file_means_the_cue_lists_work_alone(tmp_path):
    assert model.load(tmp_path / "absent.json.gz") is None


def test_the_stored_model_scores_the_eleven_indicators(tmp_path):
    sentence_model = model.load()
    assert sentence_model is not None and set(sentence_model.indicators) == set(IDS)
    path = tmp_path / "eight.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as file:
        json.dump(model.encode(IDS[:8], [0.0] * 8, {"w:a": [1.0] * 8}), file)
    with pytest.raises(ValueError):
        model.load(path)


def test_a_cue_the_model_finds_very_unlikely_is_dropped(monkeypatch):
    text = "The workers said the supervisor threatened them."
    assert "intimidation_threats" in {s.indicator for s in engine.suggest(text, "en", use_model=False).suggestions}
    monkeypatch.setattr(model, "load", lambda: hand_made({}, bias=-8.0))  # nothing is likely
    assert not engine.suggest(text, "en").suggestions


def test_working_time_cues_are_never_vetoed(monkeypatch):
    monkeypatch.setattr(model, "load", lambda: hand_made({}, bias=-8.0))
    found = {s.indicator for s in engine.suggest("They worked from dawn until dark.", "en").suggestions}
    assert found == {"excessive_overtime"}


def test_a_sentence_the_model_is_sure_of_is_proposed_without_a_cue(monkeypatch):
    monkeypatch.setattr(model, "load", lambda: hand_made({"s:chain": {"restriction_of_movement": 9.0}}))
    text = "The weather was mild. After the shift the gate was chained."
    found = engine.suggest(text, "en").suggestions
    assert [(s.indicator, s.quote, s.cue, s.confidence) for s in found] == [
        ("restriction_of_movement", "After the shift the gate was chained.", "chained", engine.MODEL_CONFIDENCE)]
    assert text[found[0].start:found[0].end] == found[0].quote
    assert not engine.suggest(text, "en", use_model=False).suggestions


def test_a_model_proposal_is_still_refuted_by_the_sentence(monkeypatch):
    monkeypatch.setattr(model, "load", lambda: hand_made({"w:passport": {"retention_of_identity_documents": 9.0}}))
    assert not engine.suggest("Every worker kept his own passport.", "en").suggestions


def test_a_question_waits_for_its_answer_whatever_the_model_says(monkeypatch):
    monkeypatch.setattr(model, "load", lambda: hand_made({"w:airport": {"retention_of_identity_documents": 9.0}}))
    text = "Q: Did they take your passport? A: The agent took it at the airport and never gave it back."
    found = [s for s in engine.suggest(text, "en").suggestions if s.indicator == "retention_of_identity_documents"]
    assert len(found) == 1 and found[0].quote == text and found[0].confidence > engine.MODEL_CONFIDENCE


def test_the_learnt_model_drops_a_training_course_threat_and_reads_a_chained_gate():
    # The stored weights, on sentences written for this test: a course that lists abuses threatens nobody,
    # and a gate chained after the shift restricts movement though no cue list names it.
    course = "The training course explained how employers confiscate documents and threaten workers with deportation."
    assert "intimidation_threats" not in {s.indicator for s in engine.suggest(course, "en").suggestions}
    gate = "After the shift the gate was chained and the men could only go out with the supervisor."
    assert "restriction_of_movement" in {s.indicator for s in engine.suggest(gate, "en").suggestions}


def test_training_learns_what_the_labelled_sentences_say():
    pytest.importorskip("sklearn")  # a development tool: requirements-dev.txt
    from bench import ilo_train

    rows = [(f"The {who} kept our passports in the office safe.", {"retention_of_identity_documents"})
            for who in ("boss", "agent", "manager", "foreman", "captain", "owner")]
    rows += [(f"The {who} paid the wages on time every Friday.", set())
             for who in ("boss", "agent", "manager", "foreman", "captain", "owner")]
    learnt = model.decode(ilo_train.fit(rows))
    kept = learnt.scores("The supervisor kept their passports.")["retention_of_identity_documents"]
    paid = learnt.scores("The supervisor paid the wages.")["retention_of_identity_documents"]
    assert kept > 0.5 > paid


def test_an_article_labels_the_sentences_its_evidence_overlaps():
    from bench import ilo_train

    labels = {i: {"present": False, "evidence": []} for i in IDS}
    labels["isolation"] = {"present": True, "evidence": ["no phone signal"]}
    doc = {"text": "They lived on the island. There was no phone signal at all.", "labels": labels}
    assert ilo_train.article_examples([doc]) == [("They lived on the island.", set()),
                                                 ("There was no phone signal at all.", {"isolation"})]
