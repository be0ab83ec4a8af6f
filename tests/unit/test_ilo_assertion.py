"""Sentences that assert nothing about the workers of the text propose nothing: questions (unless their
answer says yes), headings, the field in general, reports that found nothing, refuted allegations, and
sentences that take one indicator away. Texts written for these tests."""
import pytest

from caseapp.ilo.suggest import suggest


def _named(text: str, language: str = "en") -> set[str]:
    return {s.indicator for s in suggest(text, language).suggestions}


def _cues_alone(text: str, language: str = "en") -> set[str]:
    return {s.indicator for s in suggest(text, language, use_model=False).suggestions}


@pytest.mark.parametrize("text, language", [
    ("Interviewer: Did the supervisor ever beat you or threaten you? Worker: No, never, he was kind.", "en"),
    ("— Vous a-t-on confisqué votre passeport ? — Non, je l'ai toujours sur moi.", "fr"),
    ("Frage 2: Trifft es zu, dass Erntehelfer auf dem Hof eingesperrt wurden? Antwort: Nein, dafür gibt es keine "
     "Hinweise.", "de"),
])
def test_a_question_answered_no_proposes_nothing(text, language):
    assert _named(text, language) & {"physical_sexual_violence", "intimidation_threats",
                                     "retention_of_identity_documents", "restriction_of_movement"} == set()


def test_a_question_answered_yes_proposes_with_both_quoted():
    text = "Q: Did they take your passport? A: The agent took it at the airport and never gave it back."
    found = [s for s in suggest(text, "en").suggestions if s.indicator == "retention_of_identity_documents"]
    assert found and found[0].quote.startswith("Q: Did they take") and found[0].quote.endswith("gave it back.")


def test_a_question_in_quotes_is_speech_and_may_threaten():
    # What the cue lists and assertion.py make of it; the sentence model then weighs the whole sentence
    assert "intimidation_threats" in _cues_alone("“Do you want us to call the police and have you deported?” the "
                                            "foreman shouted at the pickers.")


@pytest.mark.parametrize("text, language", [
    ("Harassment and violence.", "en"),
    ("Geweld en intimidatie.", "nl"),
])
def test_a_heading_proposes_nothing(text, language):
    assert _named(text, language) == set()


@pytest.mark.parametrize("text, language", [
    ("All supervisors attended a course on recognising debt bondage and passport confiscation.", "en"),
    ("Selon l'Organisation internationale du travail, la confiscation des passeports et les menaces sont des "
     "indicateurs de travail forcé.", "fr"),
    ("Man liest oft von Erntehelfern, die geschlagen oder bedroht werden.", "de"),
    ("Por lo general, la retención de pasaportes es típica del sector en otros países.", "es"),
])
def test_the_field_in_general_proposes_nothing(text, language):
    assert _named(text, language) == set()


@pytest.mark.parametrize("text, language", [
    ("None of the twenty workers interviewed reported threats, beatings or confiscated documents.", "en"),
    ("Dalle interviste non emergono violenze, minacce o documenti trattenuti.", "it"),
])
def test_a_report_that_found_nothing_proposes_nothing(text, language):
    assert _named(text, language) == set()


def test_allegations_in_a_text_that_says_they_were_refuted_propose_nothing():
    allegation = "The prosecution alleged that the owner took the passports of six cooks and threatened them."
    text = allegation + " The court acquitted him and found the complaint unfounded."
    assert [s for s in suggest(text, "en").suggestions if s.quote == allegation] == []
    # the same allegation, without a refutation, is still proposed
    assert "retention_of_identity_documents" in _named(allegation)


@pytest.mark.parametrize("text, language, indicator", [
    ("The accommodation is deducted from pay within the statutory limit, as the contract says.", "en",
     "withholding_of_wages"),
    ("Passports are kept in lockers to which only the workers themselves have the key.", "en",
     "retention_of_identity_documents"),
    ("A picker was beaten up by strangers outside a pub on Saturday night.", "en", "physical_sexual_violence"),
    ("We are threatening strike action because the pay offer is a real-terms cut.", "en", "intimidation_threats"),
    ("Les portes de l'atelier sont verrouillées la nuit, lorsque le bâtiment est vide.", "fr",
     "restriction_of_movement"),
])
def test_a_sentence_that_takes_one_indicator_away(text, language, indicator):
    assert indicator not in _named(text, language)


@pytest.mark.parametrize("text, language, indicator", [
    ("The manager threatened to sack anyone who joined the union.", "en", "intimidation_threats"),
    ("The foreman beat a picker in front of the customers.", "en", "physical_sexual_violence"),
    ("Half the monthly wage was kept by the employer as 'savings', payable only at the end of the contract.",
     "en", "withholding_of_wages"),
])
def test_refuters_leave_what_they_do_not_cover(text, language, indicator):
    assert indicator in _named(text, language)


def test_a_sentence_stating_an_ordinary_day_is_not_excessive_overtime():
    assert "excessive_overtime" not in _named("The rosters show eight-hour shifts, five days a week, with "
                                              "overtime paid.")
    assert "excessive_overtime" in _named("They worked fourteen-hour shifts, seven days a week.")


@pytest.mark.parametrize("text, language", [
    ("The regulation takes over the definition of ILO Convention No. 29: work exacted under the menace of any "
     "penalty.", "en"),
    ("Non è vero, invece, che i lavoratori fossero tenuti segregati in un capannone.", "it"),
    ("Perguntada se sofreu agressões, disse que não apanhava.", "pt"),
    ("Threats, unpaid wages, squalid housing: contact the inspectorate or the union.", "en"),
])
def test_definitions_denials_and_advice_propose_nothing(text, language):
    assert _named(text, language) == set()


def test_all_workers_holding_their_own_documents_is_no_retention():
    assert "retention_of_identity_documents" not in _named("All the workers interviewed kept their own passports "
                                                           "and residence cards.")


def test_voluntary_paid_overtime_is_not_excessive():
    assert "excessive_overtime" not in _named("At the peak in August some worked up to 48 hours a week, voluntarily "
                                              "and at a premium rate.")


def test_a_deduction_above_the_contract_stays_withholding():
    text = "The company deducted 95 dollars a week for housing, well above the statutory limit."
    assert "withholding_of_wages" in _named(text) or "debt_bondage" in _named(text)
