"""Working time as people write it, in the nine languages: ranges, "10 or 11", rest days by the month,
the week, or every other Sunday. Texts written for these tests."""
import pytest

from caseapp.ilo.hours import daily_hours, rest_days_per_month


@pytest.mark.parametrize("text, hours", [
    ("Ze werken van 7 uur 's ochtends tot 10 of 11 uur 's avonds.", 15.5),
    ("They work from 7 in the morning until 10 or 11 at night.", 15.5),
    ("Ils travaillent de 6 heures du matin jusqu'à minuit.", 18),
    ("Trabajan de las seis de la mañana hasta la medianoche.", 18),
    ("Работают с 7 утра до 11 вечера.", 16),
    ("Every other Sunday off, and shifts of 14 hours.", 14),
    ("Die Schichten dauerten 12 bis 14 Stunden.", 13),
])
def test_daily_hours(text, hours):
    assert [f.value for f in daily_hours(text)] == [hours]


@pytest.mark.parametrize("text, days", [
    ("met een of twee rustdagen per maand", 1.5),
    ("with one or two rest days a month", 1.5),
    ("un jour de repos par semaine", 4),
    ("con un día libre por semana", 4),
    ("un dimanche sur deux", 2),
    ("every other Sunday off", 2),
    ("jeden zweiten Sonntag frei", 2),
    ("una domenica sì e una no", 2),
    ("co drugą niedzielę wolne", 2),
    ("выходной раз в две недели", 2),
    ("um domingo sim, outro não", 2),
    ("seven days a week", 0),
])
def test_rest_days_per_month(text, days):
    assert [f.value for f in rest_days_per_month(text)] == [days]


def test_a_count_of_workers_is_not_a_working_day():
    assert daily_hours("From 5 to 20 workers shared each room.") == []


@pytest.mark.parametrize("text, days", [
    ("maximaal vijf en een halve dag per week", 6),
    ("six days a week", 4),
    ("She worked even at weekends.", 0),
    ("Sie pflegte ihn rund um die Uhr.", 0),
])
def test_rest_days_from_working_days_and_work_that_never_stops(text, days):
    assert [f.value for f in rest_days_per_month(text)] == [days]


def test_day_and_night_counts_only_when_no_number_says_how_long():
    assert [f.value for f in daily_hours("Sie pflegte ihn rund um die Uhr.")] == [24]
    assert [f.value for f in daily_hours("They worked almost day and night, in shifts of 14 to 16 hours.")] == [15]


@pytest.mark.parametrize("text, language", [
    ("Ze werken van 7 uur 's ochtends tot 10 of 11 uur 's avonds, met een of twee rustdagen per maand. "
     "Hun paspoorten worden ingehouden.", "nl"),
    ("They work from 7 in the morning until 10 or 11 at night, with one or two rest days a month. "
     "Their passports are withheld.", "en"),
])
def test_the_new_users_passage_reads_as_overtime_and_held_papers_not_held_pay(text, language):
    from caseapp.ilo.suggest import suggest

    result = suggest(text, language)
    named = {s.indicator for s in result.suggestions}
    assert {"excessive_overtime", "retention_of_identity_documents"} <= named
    assert "withholding_of_wages" not in named
    assert result.facts["daily_hours"]["value"] == 15.5 and result.facts["rest_days_per_month"]["value"] == 1.5



# Working time in each of the nine languages, as reports put it (written for these tests).
HOURS = [
 ("en","They worked 14-hour shifts.",14),("en","shifts lasting up to 16 hours",16),("en","from 6am to 10pm",16),
 ("en","from 6 a.m. until 11 p.m.",17),("en","They work 12 hours a day, six days a week.",12),("en","working 15 hours daily",15),
 ("en","between 6 in the morning and 9 at night",15),("en","from dawn to dusk",None),
 ("nl","Ze werkten twaalf uur per dag.",12),("nl","van 6.00 tot 22.00 uur",16),("nl","diensten van veertien uur",14),("nl","van zes uur 's ochtends tot tien uur 's avonds",16),
 ("fr","de 6h à 22h",16),("fr","des journées de 14 heures",14),("fr","de 7 heures à 21 heures",14),("fr","12 heures par jour",12),
 ("es","de 6 a 22 horas",16),("es","jornadas de 14 horas",14),("es","desde las 6 hasta las 22",16),("es","trabajaban 12 horas diarias",12),
 ("de","von 6 bis 22 Uhr",16),("de","Schichten von 14 Stunden",14),("de","12-Stunden-Schichten",12),("de","zwölf Stunden täglich",12),("de","von sechs Uhr morgens bis zehn Uhr abends",16),
 ("pt","das 6h às 22h",16),("pt","jornadas de 14 horas",14),("pt","12 horas por dia",12),("pt","das seis da manhã às dez da noite",16),
 ("it","dalle 6 alle 22",16),("it","turni di 14 ore",14),("it","12 ore al giorno",12),("it","dalle sei del mattino alle dieci di sera",16),
 ("pl","od 6 do 22",16),("pl","po 14 godzin dziennie",14),("pl","12 godzin na dobę",12),("pl","zmiany po 12 godzin",12),
 ("ru","с 6 до 22 часов",16),("ru","по 14 часов в день",14),("ru","смены по 12 часов",12),("ru","с шести утра до десяти вечера",16),
]
REST = [
 ("en","one day off a week",4),("en","a day off every two weeks",2),("en","no days off",0),("en","one day off a month",1),("en","Sundays off",4),
 ("nl","zes dagen per week",4),("nl","geen vrije dagen",0),("nl","één vrije dag per week",4),
 ("fr","six jours sur sept",4),("fr","sans aucun jour de repos",0),("fr","un jour de repos par mois",1),("fr","deux jours de repos par mois",2),
 ("es","de lunes a sábado",4),("es","sin días libres",0),("es","un día libre al mes",1),("es","seis días a la semana",4),
 ("de","sechs Tage die Woche",4),("de","ohne freien Tag",0),("de","einen freien Tag im Monat",1),("de","sieben Tage die Woche",0),
 ("pt","seis dias por semana",4),("pt","sem folga",0),("pt","uma folga por mês",1),
 ("it","sei giorni su sette",4),("it","senza giorni di riposo",0),("it","un giorno di riposo al mese",1),
 ("pl","sześć dni w tygodniu",4),("pl","bez dnia wolnego",0),("pl","jeden dzień wolny w miesiącu",1),
 ("ru","шесть дней в неделю",4),("ru","без выходных",0),("ru","один выходной в месяц",1),("ru","семь дней в неделю",0),
]


@pytest.mark.parametrize("language, text, hours", HOURS)
def test_working_days_in_nine_languages(language, text, hours):
    found = [f.value for f in daily_hours(text)]
    assert (not found) if hours is None else (found and abs(max(found) - hours) <= 1), (text, found)


@pytest.mark.parametrize("language, text, days", REST)
def test_rest_days_in_nine_languages(language, text, days):
    found = [f.value for f in rest_days_per_month(text)]
    assert found and abs(found[0] - days) <= 1, (text, found)


@pytest.mark.parametrize("text, days", [
    ("They worked every day of the season.", [0]),
    ("Ze werkten elke dag, ook op zondag.", [0]),
    ("A bus ran to the village every day.", []),
    ("Je parle à ma famille tous les jours.", []),
    ("A guard stood at the gate around the clock.", []),
])
def test_every_day_is_no_rest_day_only_about_work(text, days):
    assert [f.value for f in rest_days_per_month(text)] == days


@pytest.mark.parametrize("text, language, indicator, expected", [
    ("Die Pässe wurden den Arbeitern nicht einbehalten.", "de", "retention_of_identity_documents", False),
    ("Their passports were not taken by the agency.", "en", "retention_of_identity_documents", False),
    ("Their passports were taken by the agency.", "en", "retention_of_identity_documents", True),
    ("The vessel stayed at sea for 14 months without entering port.", "en", "restriction_of_movement", True),
])
def test_a_negation_inside_a_cue_turns_it_around_but_without_does_not(text, language, indicator, expected):
    from caseapp.ilo.suggest import suggest

    assert (indicator in {s.indicator for s in suggest(text, language).suggestions}) is expected
