"""The suggestion engine on texts written for these tests, in the nine languages."""
import pytest

from caseapp.ilo.hours import daily_hours, rest_days_per_month
from caseapp.ilo.suggest import suggest

CASES = [
    ("en", "The recruiter promised them jobs in a hotel. Instead the site manager kept their passports in a safe. "
           "They worked from 6 a.m. to 10 p.m., seven days a week.",
     {"deception", "retention_of_identity_documents", "excessive_overtime"}),
    ("nl", "De bemiddelaar had een nette kamer beloofd. De chef nam hun paspoorten in en dreigde hen te ontslaan. "
           "Ze werkten van 6.00 tot 20.00 uur.", {"deception", "retention_of_identity_documents",
                                                    "intimidation_threats", "excessive_overtime"}),
    ("fr", "On leur avait promis un salaire de 1 400 euros. Le contremaître les menaçait de les renvoyer au pays. "
           "Ils travaillaient quatorze heures par jour, sans jour de repos.",
     {"deception", "intimidation_threats", "excessive_overtime"}),
    ("es", "El capataz les quitó los pasaportes al llegar. Debían devolver una deuda por el viaje. "
           "Trabajaban de seis de la mañana a diez de la noche.",
     {"retention_of_identity_documents", "debt_bondage", "excessive_overtime"}),
    ("de", "Der Vermittler hatte einen Stundenlohn von zwölf Euro versprochen. Ihre Pässe wurden ihnen abgenommen. "
           "Sie arbeiteten dreizehn Stunden am Tag.", {"deception", "retention_of_identity_documents",
                                                      "excessive_overtime"}),
    ("pt", "Os trabalhadores ficavam com dívidas na cantina da fazenda. Um vigia armado impedia a saída e ninguém "
           "podia sair. Trabalhavam das 5h00 às 19h00.", {"debt_bondage", "restriction_of_movement",
                                                          "excessive_overtime"}),
    ("it", "Il caporale aveva promesso un contratto regolare. I braccianti venivano minacciati di licenziamento e "
           "lavoravano dodici ore al giorno.", {"deception", "intimidation_threats", "excessive_overtime"}),
    ("pl", "Pośrednik obiecał im mieszkanie i dobrą pensję. Szef zabrał im paszporty. Pracowali po dwanaście "
           "godzin dziennie.", {"deception", "retention_of_identity_documents", "excessive_overtime"}),
    ("ru", "Работодатель забрал у рабочих паспорта. Бригадир угрожал сдать их в полицию. Они работали с семи утра "
           "до одиннадцати вечера.", {"retention_of_identity_documents", "intimidation_threats", "excessive_overtime"}),
]


@pytest.mark.parametrize("language, text, expected", CASES, ids=[c[0] for c in CASES])
def test_indicators_are_found_in_each_language_with_exact_quotes(language, text, expected):
    result = suggest(text, use_model=False)  # the cue lists; the sentence model's own tests are test_ilo_model.py
    assert result.language == language
    assert {s.indicator for s in result.suggestions} == expected
    for s in result.suggestions:
        assert text[s.start:s.end] == s.quote and s.cue and 0 < s.confidence <= 1


# With the sentence model: the same proposals, except where it weighs a sentence that tells several facts
# against one of them (README: "What the sentence model does not do").
WITH_MODEL = {"it": {"deception", "excessive_overtime"}}


@pytest.mark.parametrize("language, text, expected", CASES, ids=[c[0] for c in CASES])
def test_the_whole_engine_in_each_language(language, text, expected):
    result = suggest(text)
    assert {s.indicator for s in result.suggestions} == WITH_MODEL.get(language, expected)
    for s in result.suggestions:
        assert text[s.start:s.end] == s.quote and s.cue and 0 < s.confidence <= 1


NEGATIONS = [
    ("en", "The workers kept their own passports and said they were free to leave. Wages were paid on time."),
    ("nl", "De werknemers hielden hun paspoorten zelf. Er was geen sprake van geweld en de lonen werden gewoon "
           "betaald."),
    ("fr", "Les passeports ont été rendus aux ouvriers dès leur arrivée. Aucune violence n'a été constatée."),
    ("es", "Los pasaportes fueron devueltos el primer día y los trabajadores eran libres de irse."),
    ("de", "Die Pässe blieben bei den Arbeitern, und die Löhne wurden pünktlich bezahlt. Keine Gewalt."),
    ("pt", "Os passaportes foram devolvidos e os salários foram pagos em dia."),
    ("it", "I passaporti restituiti ai lavoratori; nessuna violenza è stata segnalata."),
    ("pl", "Paszporty zwrócono pracownikom, a wynagrodzenie było wypłacane na czas."),
    ("ru", "Паспорта вернули рабочим, никакого насилия не было."),
]


@pytest.mark.parametrize("language, text", NEGATIONS, ids=[c[0] for c in NEGATIONS])
def test_negations_are_not_evidence(language, text):
    found = {s.indicator for s in suggest(text).suggestions}
    assert not found & {"retention_of_identity_documents", "restriction_of_movement", "withholding_of_wages",
                        "physical_sexual_violence"}, found


@pytest.mark.parametrize("text, hours", [
    ("from 07:00 to 22:00", 15), ("from 7 a.m. until 11 p.m.", 16), ("16-hour days", 16),
    ("shifts of 14 to 16 hours", 15), ("van 6.30 uur tot 22.00 uur", 15.5), ("douze heures par jour", 12),
    ("de siete de la mañana a medianoche", 17), ("zehn Stunden pro Tag", 10), ("das 5h00 às 19h00", 14),
    ("dodici ore al giorno", 12), ("dwanaście godzin dziennie", 12), ("с шести утра до десяти вечера", 16),
])
def test_working_time_in_each_language_s_formats(text, hours):
    assert [f.value for f in daily_hours(text)] == [hours]


@pytest.mark.parametrize("text, days", [("seven days a week", 0), ("zes dagen per week", 4),
                                        ("sans jour de repos", 0), ("one day off a month", 1),
                                        ("de lunes a sábado", 4), ("без выходных", 0)])
def test_rest_days(text, days):
    assert [f.value for f in rest_days_per_month(text)] == [days]


def test_facts_come_with_their_passage():
    text = ("At least 300 workers from Nepal lived in barracks. The guards collected their wages. "
            "The agency kept their passports. They worked from 6 a.m. to 9 p.m. with one day off a month.")
    facts = suggest(text).facts
    assert facts["workers_count"]["value"] == {"min": 300, "max": None, "qualifier": "at_least"}
    assert facts["housing_type"]["value"] == "barracks" and facts["wage_recipient"]["value"] == "guard"
    assert facts["document_holder"]["value"] == "agent"
    assert facts["daily_hours"]["value"] == 15 and facts["rest_days_per_month"]["value"] == 1
    for fact in facts.values():
        assert text[fact["start"]:fact["end"]] == fact["quote"]


def test_reported_speech_is_evidence_with_less_confidence():
    direct = suggest("The manager kept their passports.").suggestions[0]
    reported = suggest("The workers said the manager kept their passports.").suggestions[0]
    assert reported.indicator == direct.indicator and reported.confidence < direct.confidence


def test_a_neutral_text_gives_nothing():
    assert suggest("The council approved a new bus timetable for the summer season.").suggestions == ()


@pytest.mark.parametrize("text", ["They worked from dawn until dark.", "Ils travaillaient du matin au soir.",
                                  "Trabajaban de sol a sol.", "Sie schufteten von früh bis spät.",
                                  "Pracowali od świtu do nocy.", "Работали с утра до ночи."])
def test_dawn_to_dark_is_excessive_overtime(text):
    assert "excessive_overtime" in {s.indicator for s in suggest(text).suggestions}


def test_promised_and_received_money_is_deception():
    found = {s.indicator for s in suggest("They received 80 of the promised 600 euros.", "en").suggestions}
    assert "deception" in found


@pytest.mark.parametrize("text, hours", [
    ("Interview with a deckhand, 31.\n— How many hours a day did you haul the nets?\n— Fourteen, fifteen.\n"
     "— And the captain?\n— He shouted.", 14.5),
    ("Pytanie: Ile godzin dziennie pracowaliście?\n– Dziesięć, jedenaście.\nPytanie: A wypłata?", 10.5),
])
def test_the_short_answer_to_a_question_about_hours_states_the_working_day(text, hours):
    assert suggest(text, None).facts["daily_hours"]["value"] == pytest.approx(hours)


def test_a_numbered_heading_after_another_question_states_no_hours():
    text = ("3. Is the minister aware that their residence permit depends on the agency?\n\n4. What does the "
            "minister think of the captain's voice message?")
    assert "daily_hours" not in suggest(text, "en").facts
