"""Working time read around the numbers (worktime.py): lengths, times of day, weekly totals, shifts back to
back, answers to questions, contracts set against what happened, and numbers that are not working time.
Texts written for these tests."""
import pytest

from caseapp.ilo.hours import daily_hours, rest_days_per_month
from caseapp.ilo.worktime import tokens


def _day(text: str) -> float | None:
    found = daily_hours(text)
    return max(f.value for f in found) if found else None


def _rest(text: str) -> float | None:
    found = rest_days_per_month(text)
    return found[0].value if found else None


@pytest.mark.parametrize("text, hours", [
    ("Die Fahrer saßen jeweils zwölf Stunden am Steuer.", 12),
    ("Robotnicy w tartaku pracowali po 13 godzin.", 13),
    ("Сварщики трудились по четырнадцать часов.", 14),
    ("Le pêcheur dit avoir trié le poisson onze heures d'affilée.", 11),
    ("In de loods draaiden ze dertienurige diensten.", 13),
    ("Szwaczki pracowały na czternastogodzinnych zmianach.", 14),
    ("Грузчики работали в двенадцатичасовую смену.", 12),
    ("Le ramasseuse travaillait neuf heures et demie par jour.", 9.5),
    ("Le raccoglitrici lavoravano dalle 9 alle 11 ore al giorno.", 10),
    ("Os cortadores faziam jornadas de 13 a 15 horas.", 14),
    ("Ze werkten dagen van elf à twaalf uur.", 11.5),
])
def test_a_length_of_day_in_many_forms(text, hours):
    assert _day(text) == hours


@pytest.mark.parametrize("text, hours", [
    ("The cooks started at 7 a.m. and finished at 11 p.m.", 16),
    ("Las camareras entraban a las nueve de la mañana y salían a la una de la madrugada.", 16),
    ("Die Pflegerinnen, die um 6 Uhr anfingen und erst gegen 22 Uhr fertig waren, klagten.", 16),
    ("Lavoravano dalle cinque del mattino alle otto di sera.", 15),
    ("Praca trwała od szóstej rano do dziesiątej wieczorem.", 16),
    ("Начинали в шесть утра и заканчивали в девять вечера.", 15),
    ("Ils faisaient du 6h-20h en pleine saison.", 14),
    ("Night packers worked 19:00-07:00 on the line.", 12),
    ("We begonnen om zeven uur en waren nooit voor tien of elf uur 's avonds klaar.", 15.5),
    ("Die Köchinnen standen von halb sieben bis halb elf abends in der Küche.", 16),
    ("Els trabajaba desde las siete y media de la mañana hasta las nueve de la noche.", 13.5),
    ("Les cuisiniers travaillaient de midi à minuit.", 12),
])
def test_a_day_from_its_start_and_its_end(text, hours):
    assert _day(text) == hours


@pytest.mark.parametrize("text, hours", [
    ("They clocked 66 hours a week over six days.", 11),
    ("Setenta horas semanales repartidas en siete días, según el acta.", 10),
    ("Die Arbeiter leisteten 72 Stunden pro Woche an sechs Tagen.", 12),
    ("Magazynierzy pracowali 60 godzin tygodniowo w systemie pięciodniowym.", 12),
    ("The drivers did two ten-hour shifts back to back.", 20),
    ("Faziam dois turnos de 7 horas seguidos.", 14),
    ("Six hours at the plant, then five more cleaning the owner's offices.", 11),
    ("How many hours did you work? Twelve, sometimes thirteen.", 12.5),
    ("The contract said eight hours, but in reality they worked twelve.", 12),
])
def test_weeks_shifts_sums_answers_and_contracts(text, hours):
    assert _day(text) == hours


@pytest.mark.parametrize("text", [
    "The shop on the corner is open from 8 to 22.",
    "The bus ride from the border took 14 hours.",
    "Dockers stopped work for 24 hours in protest.",
    "The law allows at most ten hours a day.",
    "Police questioned the owner for nine hours.",
    "The raid began at 5h du matin, according to the prefecture.",
    "From 5 to 20 workers shared each room.",
])
def test_numbers_that_are_not_a_working_day(text):
    assert _day(text) is None


@pytest.mark.parametrize("text, days", [
    ("Dos días libres al mes, cuando el capataz quería.", 2),
    ("Odpoczywali tylko trzy dni w miesiącu.", 3),
    ("Отдыхали всего один день в неделю.", 4),
    ("They got a day off every two weeks.", 2),
    ("Avevano un giorno libero ogni quindici giorni.", 2),
    ("Ze kregen anderhalve vrije dag per week.", 6),
    ("Il n'a pas eu un seul jour de repos en trois mois.", 0),
    ("Sem folga há dois meses, contou a trabalhadora.", 0),
    ("Riposo? Mai.", 0),
    ("Przez cały sezon nie mieli ani jednego dnia wolnego.", 0),
    ("Only Sundays were free for the pickers.", 4),
    ("Sie arbeiteten fünf Tage pro Woche.", 8),
    ("Trabalhavam de segunda a sábado na obra.", 4),
    ("Days off? Three a month, if the weather was bad.", 3),
    ("The contract promised two days off a week, but in reality they got one.", 4),
    ("Inspectors found they had weekends off.", 8),
])
def test_rest_days_in_many_forms(text, days):
    assert _rest(text) == days


@pytest.mark.parametrize("text", [
    "The shop is open Monday to Saturday from 9 to 19.",
    "The helpline answers seven days a week.",
    "Sans pause pour manger, disait-elle.",
    "Il proprietario è stato liberato sabato.",
])
def test_words_that_are_not_rest_days(text):
    assert _rest(text) is None


def test_numbers_in_words_are_read_whole():
    values = [t.value for t in tokens("setenta y dos, seventy-two, zweiundsiebzig, tweeënzeventig, settantadue, "
                                      "семьдесят два, elfeinhalb") if t.kind == "num"]
    assert values == [72, 72, 72, 72, 72, 72, 11.5]


@pytest.mark.parametrize("text, days", [
    ("Op zaterdag en zondag zijn de schoonmakers vrij.", 8),
    ("Il sabato e la domenica sono liberi per tutti gli operai.", 8),
    ("They worked from Monday to Saturday and had Sunday off.", 4),  # a Saturday that ends a range is worked
    ("Ze werkt zes dagen en is elke andere zondag vrij.", 2),
    ("The pickers got one Sunday off a month.", 1),
    ("Ele disse que não tem folga há dois meses.", 0),
    ("Freie Tage gibt es für die Fahrer nicht.", 0),
    ("У сборщиков выходных нет уже полгода.", 0),
    ("Kierowcy pracowali przez 27 dni w miesiącu.", 3),
    ("Выходные они берут сами, обычно два дня в неделю.", 8),  # two days off a week, not two worked
    ("Nueve horas al día, de lunes a viernes, con una hora de descanso a mediodía.", 8),
    # sleeping elsewhere in the sentence does not hide its days
    ("Le linge était lavé à la main et les ouvriers dormaient dans la grange, six jours sur sept.", 4),
])
def test_weekends_alternate_sundays_denials_and_days_worked_a_month(text, days):
    assert _rest(text) == days


@pytest.mark.parametrize("text, hours", [
    ("Elle se levait à 5 heures et se couchait rarement avant minuit.", 19),
    ("Les cueilleurs étaient conduits aux serres à 6 h 30 et ramenés au camp vers 20 h 30.", 14),
    ("Zaczynali o piątej, kończyli o jedenastej wieczorem.", 18),  # the evening is the second time's
    ("Os homens começavam a cortar cana às 5h e só voltavam ao barracão depois das 19h.", 14),
    ("We start at 6 and stop at 2 in the afternoon, eight hours with a break.", 8),
])
def test_a_day_told_by_when_it_starts_and_ends(text, hours):
    assert _day(text) == hours


@pytest.mark.parametrize("text", ["Il est arrivé à 6 heures.", "Om vijf uur kwam de bus."])
def test_a_time_of_day_is_not_a_length(text):
    assert _day(text) is None


@pytest.mark.parametrize("text, hours", [
    ("Arrancábamos a las seis de la mañana y cosíamos hasta las once de la noche.", 17),
    ("Встаём в шесть утра, заканчиваем в десять вечера.", 16),
    ("T: Entro às nove da manhã e saio à meia-noite.", 15),
    ("I braccianti venivano caricati alle cinque e riportati al campo non prima delle 19.", 14),
    ("The crew worked on deck from around 4 a.m., and the last crates were packed at 9 or 10 at night.", 17.5),
])
def test_more_verbs_and_day_parts_that_start_and_end_a_day(text, hours):
    assert _day(text) == hours


@pytest.mark.parametrize("text", ["The meeting was at 9 in the morning and the vote at 8 in the evening.",
                                  "The bus left at 6 a.m. and arrived at 10 p.m."])
def test_times_with_day_parts_outside_work_are_not_a_working_day(text):
    assert _day(text) is None


@pytest.mark.parametrize("text, days", [
    # the whole week named as worked
    ("Die Näherinnen arbeiteten von Montag bis Sonntag ohne Pause.", 0),
    ("Os safristas trabalhavam de domingo a domingo na colheita do tomate.", 0),
    # a weekend day worked after the range, or both days free
    ("Cosían de lunes a viernes, y el sábado hasta las dos de la tarde.", 4),
    ("Ils travaillaient du lundi au samedi, et le dimanche jusqu'à midi.", 0),
    ("Si lavora dal lunedì al venerdì, con sabato e domenica liberi.", 8),
    ("Werk van maandag tot vrijdag, en het weekend zit ik thuis bij mijn kinderen.", 8),
    # said outright: Sundays too, every day of the week
    ("Raccoglievano pomodori dall'alba al tramonto, tutti i giorni, domenica compresa.", 0),
    ("The crews hauled nets every day of the week.", 0),
    # denied after the days off, a number of weeks not counting them
    ("Einen freien Tag hatte der Fahrer in neun Wochen nicht.", 0),
    ("На стройке работали с утра до ночи, выходных не было.", 0),
    # a time of day before the days off is not their number; months counted
    ("Смена длилась до 11 вечера, выходной давали раз в месяц.", 1),
    ("We got one Sunday off in two months.", 0.5),
    # "domingo sim, domingo não" is every other Sunday, not the whole week
    ("Folgavam domingo sim, domingo não.", 2),
])
def test_rest_days_told_by_the_week_worked_and_by_what_is_denied(text, days):
    assert _rest(text) == days


@pytest.mark.parametrize("text, hours", [
    # a start and an end, each with its verb, further apart
    ("Les équipes commençaient à 6 heures, quand le car passait les prendre devant le foyer, et finissaient souvent "
     "après 21 heures.", 15),
    # "avant", "vers", "après" with a time of day are times, not lengths
    ("Debout avant cinq heures pour traire, il se couchait rarement avant minuit.", 19),
    ("Elle commençait le ménage à 7 h et ne finissait que vers 22 heures.", 15),
    # a range of lengths after "days of"
    ("Les pointages montrent des journées de 11 h à 12 h.", 11.5),
    # a day in two parts joined by "and" is their sum; an end "between" two times is their midpoint
    ("In cucina si lavorava dalle 9 alle 14 e dalle 17 a mezzanotte.", 12),
    ("The logs show shifts starting at 6 a.m. and ending between 9 and 10 p.m.", 15.5),
    # a start told with its preposition reaches an end told with its verb further on; English "once" is not eleven
    ("Service started at nine in the morning and ended once the last guests had gone home, seldom before midnight.",
     15),
    ("She woke at five for the children and stopped when the kitchen was clean, near midnight.", 19),
    ("Trabajaban desde las siete hasta las once de la noche.", 16),
    # "de cinq pièces" is not a time of day the day starts at
    ("Elle a nettoyé un appartement de cinq pièces, de 7 h jusqu'à 21 h.", 14),
])
def test_times_of_day_far_apart_and_ranges_of_lengths(text, hours):
    assert _day(text) == hours


@pytest.mark.parametrize("text, days", [
    # rotas of days on and days off
    ("На складе работали по графику шесть через один.", 4),
    ("Продавцы магазина работают по графику два через два.", 15),
    ("On the rig they work fourteen days on, fourteen days off.", 15),
    ("The pickers were on a rota of six days on, one day off.", 4),
    # days in a row before a day off
    ("The cooks worked thirteen days in a row before a single day off.", 2),
    ("Los jornaleros trabajaban 20 días seguidos y después un día libre.", 1),
    # two weekdays off named together, and the Polish instrumental of "day"
    ("Ele folgo domingo e segunda, o resto da semana é no restaurante.", 8),
    ("Nos librábamos sábado y domingo en la fábrica.", 8),
    ("Spawacze pracowali z jednym dniem wolnym w miesiącu.", 1),
    # the period told before the count, and nights and 'out of seven' as the week
    ("In most months the welders got two rest days.", 2),
    ("Dienstpläne zeigen eine 40-Stunden-Woche mit zwei freien Tagen.", 8),
    ("I facchini scaricavano camion sei notti su sette.", 4),
    ("The security guards worked six nights a week.", 4),
    ("Les ouvriers travaillaient six jours sur sept.", 4),
    # Saturdays included: a six-day week
    ("Les maçons travaillaient de 6 h à 20 h, samedi compris.", 4),
])
def test_rotas_days_in_a_row_named_days_off_and_weeks_told_other_ways(text, days):
    assert _rest(text) == pytest.approx(days, abs=0.5)


@pytest.mark.parametrize("text", [
    "He worked there for two months with one day off.",  # a length of time, not a month's rest
    "Im Vertrag standen 40 Wochenstunden, zwei freie Nachmittage pro Woche und ein eigenes Zimmer.",
    "The bus leaves at 6 on Mondays.",
    "Dass sie jeden Tag von 7 bis 19 Uhr gearbeitet hätten, sagten alle fünf Männer.",  # 'von 7' is no week
])
def test_counts_that_are_not_rest_days_of_a_rota_or_a_month(text):
    assert _rest(text) in (None, 0)


@pytest.mark.parametrize("text, hours", [
    ("« On partait à 5 heures, on coupait jusqu'à 19 heures.", 14),
    ("«Si parte alle 4, si raccoglie fino alle 19.", 15),
    ("Pracuje od południa do czwartej nad ranem.", 16),
    ("Me levantaba a las siete menos cuarto para el desayuno del señor y acostaba a la abuela a las once y "
     "media de la noche.", 16.75),
    ("Las jornadas empiezan a las siete y se alargan hasta las seis o las siete de la tarde.", 11.5),
    ("A empregada iniciava as tarefas às cinco e meia da manhã e recolhia-se às onze da noite.", 17.5),
    # sleeping named first does not hide the work told after it
    ("De meisjes sliepen in de opslag en werkten van negen uur 's ochtends tot tien uur 's avonds.", 13),
])
def test_days_started_and_ended_with_more_verbs_and_quarters(text, hours):
    assert _day(text) == pytest.approx(hours, abs=0.5)


@pytest.mark.parametrize("text", ["They slept from 1 to 5 a.m. in the van.",
                                  "The men worked all day and slept from 1 to 5 a.m. in the van."])
def test_hours_of_sleep_are_not_a_working_day(text):
    assert _day(text) is None


@pytest.mark.parametrize("text, hours", [
    # the start told in one sentence, the end in the next
    ("Zij verzorgde vanaf half zeven 's ochtends de kinderen en maakte het huis schoon. Meestal was ze pas rond "
     "elf uur klaar.", 16.5),
    ("The women began work at 5 in the morning in the packing hall. They finished at 10 at night.", 17),
    # "half past" is after the hour ("halb sechs" is before it)
    ("I woke at half past five for the baby and finished when the last dishes were done, near midnight.", 18.5),
])
def test_a_day_told_across_two_sentences_and_half_past_the_hour(text, hours):
    assert _day(text) == pytest.approx(hours, abs=0.25)


@pytest.mark.parametrize("text", [
    "The meeting started at 9 in the morning. The vote ended at 8 in the evening.",
    "They started work at 6 in the morning. The bus left at 8 in the evening.",
])
def test_two_sentences_about_other_things_are_not_a_working_day(text):
    assert _day(text) is None


def test_every_day_in_a_sentence_that_states_the_working_day_is_no_day_off():
    text = ("Les vendangeurs étaient conduits dans les vignes à 5 heures du matin et ramenés vers 20 heures, "
            "tous les jours depuis leur arrivée.")
    assert _rest(text) == 0
    assert _rest("Le bus passait à 8 heures tous les jours.") is None


@pytest.mark.parametrize("text", [
    "A kitchen worker said the owner's son shouted at her almost every day in the cold room.",
    "Em entrevista, a operadora disse ter feito dois turnos seguidos quase todos os dias da campanha.",
])
def test_almost_every_day_is_not_every_day(text):
    assert _rest(text) is None


@pytest.mark.parametrize("text, days", [
    ("La giornata cominciava alle sei del mattino e finiva a sera, anche di domenica.", 0),
    ("Pokrzywdzeni pracowali od świtu do zmroku, także w niedziele.", 0),
    ("Смены длятся по 14 часов, а выходных дней с этого времени не было ни у одного работника.", 0),
])
def test_sundays_worked_too_and_not_one_worker_with_a_day_off(text, days):
    assert _rest(text) == days


@pytest.mark.parametrize("text", [
    "Gearbeitet werde von Montag bis Samstag zehn Stunden, häufig auch am Sonntag.",  # some Sundays
    "Домработница сама распоряжается своим временем и по воскресеньям встречается с подругами.",
])
def test_some_sundays_or_sundays_off_are_not_every_day_worked(text):
    assert _rest(text) != 0


@pytest.mark.parametrize("text, days", [
    ("O turno começa às 22h e só termina às 8h da manhã seguinte, na escala 6x1.", 4),
    ("Durante toda a temporada nenhum dos pescadores teve um dia de folga.", 0),  # "dos": of the, not two
])
def test_rotas_written_with_x_and_portuguese_articles(text, days):
    assert _rest(text) == days


@pytest.mark.parametrize("text", ["No dia de folga, você passa metade dormindo.",  # "on the day off"
                                  "Os vigilantes trabalham na escala 12x36."])  # hours, not days
def test_portuguese_no_and_hour_rotas_are_not_rest_days(text):
    assert _rest(text) is None


@pytest.mark.parametrize("text, hours", [
    ("Ficou provado que a jornada era iniciada às 4h30, com o preparo do café, e encerrada às 21h.", 16.5),
    ("Conforme os controles de ponto, a jornada tem início às 6h00 e se encerra às 18h00.", 12),
    ("Le braccianti lavoravano dalle otto all'una e dalle quattro alle sette.", 8),
])
def test_days_begun_and_ended_in_portuguese_and_one_o_clock(text, hours):
    assert _day(text) == pytest.approx(hours, abs=0.25)


def test_a_helpline_or_a_reception_open_all_day_is_not_a_working_day():
    assert _day("Denúncias podem ser feitas pelo Disque 100, que atende 24 horas.") is None
    assert _day("The hotel reception is staffed 24 hours a day.") is None


@pytest.mark.parametrize("text, days", [
    ("Se organizan con el siguiente esquema: seis días de trabajo y uno de descanso.", 4.3),
    ("Laut Schichtplan arbeiten sie sechs Tage, dann ein Tag frei.", 4.3),
    ("De schoonmakers draaien twee nachten en hebben daarna twee nachten vrij.", 15),
    ("En la nave trabajan seis noches seguidas y tienen dos libres.", 7.5),
    ("The drivers do three weeks on the road and then one week at home.", 7.5),
])
def test_rotas_told_in_words(text, days):
    assert _rest(text) == pytest.approx(days, abs=0.5)


@pytest.mark.parametrize("text", [
    "I dipendenti lavoravano cinque giorni su sette, con riposo il sabato e la domenica.",  # 8, the week
    "Работаем пять дней по восемь часов, в выходные склад закрыт.",  # eight hours, not eight days off
])
def test_numbers_after_the_days_worked_that_are_not_days_off(text):
    assert _rest(text) in (None, 8)


@pytest.mark.parametrize("text", ["Several had spent eleven weeks on the road without a single day off.",
                                  "La vendange a duré douze jours sans interruption : pas un jour de repos."])
def test_weeks_without_a_day_off_are_no_rota(text):
    assert _rest(text) == 0


@pytest.mark.parametrize("text, hours", [
    ("Um acht stehe ich an der Mangel, fertig bin ich meistens gegen elf in der Nacht.", 15),
    ("Arbeitsbeginn 6 Uhr, Schluss um 14.30 Uhr.", 8.5),
    ("Il furgone del caporale li caricava alle quattro e mezza e li riportava verso le otto di sera.", 15.5),
    ("Ze beginnen om twee uur 's middags en werken tot een uur of twee 's nachts.", 12),  # about two
    ("Ik begin om vijf uur 's ochtends en rij door tot een uur of acht, negen 's avonds.", 15.5),
    ("Levée avant six heures, elle se couchait rarement avant une heure du matin.", 19),
])
def test_verbs_last_words_of_starting_and_ending_and_about_an_hour(text, hours):
    assert _day(text) == pytest.approx(hours, abs=0.5)


def test_an_article_is_not_one_o_clock():
    # "su un furgone": a van, not one o'clock; the day is four in the morning to four in the afternoon
    text = ("Ogni mattina il caporale li carica su un furgone alle quattro. Si raccoglie fino alle quattro del "
            "pomeriggio.")
    assert _day(text) in (None, 12)


@pytest.mark.parametrize("text, days", [
    ("Охранники склада работают сутки через трое.", 22.5),
    ("Фактически они работали сутки через сутки.", 15),
])
def test_russian_rotas_of_a_day_and_a_night(text, days):
    assert _rest(text) == pytest.approx(days, abs=1)


def test_kolo_is_about_the_hour():
    assert _day("Pracowaliśmy od siódmej do koło dziewiątej wieczorem.") == 14


@pytest.mark.parametrize("text, hours", [
    ("Zaczynaliśmy około wpół do szóstej rano, kończyliśmy zwykle koło dziewiątej wieczorem.", 15.5),
    ("Pracowała od wpół do siódmej do mniej więcej wpół do jedenastej wieczorem.", 16),
])
def test_polish_half_to_the_hour(text, hours):
    assert _day(text) == pytest.approx(hours)


@pytest.mark.parametrize("text, hours", [
    ("Ik stond om zes uur op voor de kinderen en na de afwas was ik rond half elf klaar.", 16.5),
    ("She woke at 6 for the baby and finished at 11 when the dishes were done.", 17),
])
def test_a_day_ended_by_finishing_at_an_hour_without_its_part_ends_in_the_evening(text, hours):
    assert _day(text) == pytest.approx(hours)


def test_a_range_without_a_verb_of_finishing_stays_a_short_day():
    assert _day("They worked from 6 to 10 in the bakery.") == 4
