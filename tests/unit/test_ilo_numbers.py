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
