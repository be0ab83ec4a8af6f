"""Groundwork of the suggestion engine: the nine languages, and sentence spans that quote exactly."""
import pytest

from caseapp.ilo.text import LANGUAGES, detect_language, sentence_spans

SAMPLES = {
    "en": "The workers said the agency kept their passports and paid them nothing for months.",
    "nl": "De arbeiders zeiden dat het bureau hun paspoorten innam en maandenlang niets betaalde.",
    "fr": "Les ouvriers ont raconté que l'agence gardait leurs passeports et ne les payait pas.",
    "es": "Los trabajadores contaron que la agencia se quedaba con sus pasaportes y no les pagaba.",
    "de": "Die Arbeiter berichteten, die Agentur habe ihre Pässe behalten und monatelang nichts gezahlt.",
    "pt": "Os trabalhadores contaram que a agência ficava com os passaportes e não pagava nada.",
    "it": "I lavoratori hanno raccontato che l'agenzia teneva i loro passaporti e non li pagava.",
    "pl": "Pracownicy mówili, że agencja zabrała im paszporty i przez miesiące nic nie płaciła.",
    "ru": "Рабочие рассказали, что агентство забрало их паспорта и месяцами ничего не платило.",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_of_the_nine_languages_is_recognised(language):
    assert detect_language(SAMPLES[language]) == language


def test_too_little_text_is_taken_as_english():
    assert detect_language("OK") == "en"


@pytest.mark.parametrize("text, sentences", [
    ("They worked from 7 a.m. to 11 p.m. every day. The firm paid 1.500 euros.",
     ["They worked from 7 a.m. to 11 p.m. every day.", "The firm paid 1.500 euros."]),
    ('"We were never paid!" he said. Then he left.', ['"We were never paid!" he said.', "Then he left."]),
    ("Первое предложение. Второе — с эмодзи 😀 здесь.\n\nНовый абзац",
     ["Первое предложение.", "Второе — с эмодзи 😀 здесь.", "Новый абзац"]),
])
def test_sentence_spans_are_exact_passages(text, sentences):
    spans = sentence_spans(text)
    assert [text[start:end] for start, end in spans] == sentences
