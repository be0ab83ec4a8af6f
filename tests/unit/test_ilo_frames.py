"""A threat told as a condition and a punishment, without the word "threat". Texts written for these tests."""
import pytest

from caseapp.ilo.frames import broken_promises, threat
from caseapp.ilo.suggest import suggest


@pytest.mark.parametrize("text, language", [
    ("The supervisor said that anyone who complained about the heat would be on the first bus home.", "en"),
    ("Wie klaagde over het loon, kon volgens de ploegbaas zijn spullen pakken.", "nl"),
    ("Le patron répétait que si elle partait, il appellerait la police.", "fr"),
    ("El capataz avisó de que quien se quejara acabaría en la calle.", "es"),
    ("Wer sich bei der Gewerkschaft meldet, fliegt raus und wird der Polizei gemeldet, sagte der Chef.", "de"),
    ("O gato disse que quem fugisse seria denunciado à polícia como ladrão.", "pt"),
    ("Il caporale diceva che chi protestava non sarebbe più salito sul furgone.", "it"),
    ("Brygadzista mówił, że kto się poskarży, wyleci do domu bez grosza.", "pl"),
    ("Откажешься — отправят домой за свой счёт, говорил бригадир.", "ru"),
    ("«Se non ti va bene, fuori la famiglia e fuori dalla casa», diceva il datore.", "it"),
    ("El encargado repetía que el que no quiera doblar turno, que se vuelva a su país.", "es"),
])
def test_a_condition_and_a_punishment_is_a_threat(text, language):
    assert "intimidation_threats" in {s.indicator for s in suggest(text, language).suggestions}


@pytest.mark.parametrize("text", [
    "Anyone who wanted to leave before the end of the contract could do so without a fine.",
    "If workers complain, the grievance procedure sets out how the company answers within a week.",
    "The workers went home on Sunday to see their families.",
])
def test_a_condition_without_punishment_is_not(text):
    assert threat(text.lower()) is None


def test_the_quote_runs_from_the_condition_to_the_punishment():
    text = "he said that if we complained he would call the police"
    start, end = threat(text)
    assert text[start:end] == "if we complained he would call the police"


@pytest.mark.parametrize("text, language", [
    ("The agency promised 1,400 euros a month and a room in town. In reality the men were paid 600 and slept in "
     "a shed.", "en"),
    ("In de vacature stond een uurloon van vijftien euro. Het bleek negen euro te zijn.", "nl"),
    ("Le recruteur leur avait garanti un contrat d'un an. Au lieu de cela, ils ont été renvoyés après six "
     "semaines.", "fr"),
    ("W ogłoszeniu było 15 euro na godzinę i mieszkanie. W rzeczywistości płacili 9 euro.", "pl"),
])
def test_a_promise_undone_is_deception(text, language):
    found = [s for s in suggest(text, language).suggestions if s.indicator == "deception"]
    assert found and found[0].cue.lower().startswith(("promis", "vacature", "garanti", "ogłosz"))


def test_a_promise_kept_is_not_a_broken_one():
    kept = ["the agency promised 1,400 euros a month and a room in town.", "the workers confirmed they got both."]
    assert broken_promises(kept) == {}
    undone = ["the agency promised 1,400 euros a month and a room in town.", "it was windy.", "it rained.",
              "in reality the men were paid 600."]
    assert list(broken_promises(undone)) == [0]
    assert broken_promises(undone[:1] + ["one more.", "and more."] + undone[1:]) == {}  # too far to undo it
