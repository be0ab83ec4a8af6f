"""Working time read word by word, in nine languages: how long a working day is, how many rest days a month.

hours.py finds the fixed phrases ("seven days a week", "every other Sunday"). This module reads what
reporters write around a number: "po 12 godzin", "две восьмичасовые смены подряд", "dalle 10 alle 12
ore", "entrei às 8 e saí à 1 da manhã", "72 horas semanais repartidas por seis dias", "Riposo? Mai".
A text is cut into tokens once (numbers, times of day, words) and each rule looks at a few tokens
around a number, so the time taken grows with the text's length and nothing else. Plain Python.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

# -- numbers ---------------------------------------------------------------------------------------

_CARDINALS = {
    "en": "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
          "seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three twenty-four",
    "nl": "nul één twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien "
          "zeventien achttien negentien twintig eenentwintig tweeëntwintig drieëntwintig vierentwintig",
    "fr": "zéro une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize dix-sept "
          "dix-huit dix-neuf vingt vingt-et-un vingt-deux vingt-trois vingt-quatre",
    "es": "cero una dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis "
          "diecisiete dieciocho diecinueve veinte veintiuno veintidós veintitrés veinticuatro",
    "de": "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn "
          "siebzehn achtzehn neunzehn zwanzig einundzwanzig zweiundzwanzig dreiundzwanzig vierundzwanzig",
    "pt": "zero uma duas três quatro cinco seis sete oito nove dez onze doze treze catorze quinze dezasseis "
          "dezassete dezoito dezanove vinte vinte-e-uma vinte-e-duas vinte-e-três vinte-e-quatro",
    "pt-br": "zero um dois três quatro cinco seis sete oito nove dez onze doze treze quatorze quinze dezesseis "
             "dezessete dezoito dezenove vinte",
    "it": "zero una due tre quattro cinque sei sette otto nove dieci undici dodici tredici quattordici quindici "
          "sedici diciassette diciotto diciannove venti ventuno ventidue ventitré ventiquattro",
    "pl": "zero jedna dwie trzy cztery pięć sześć siedem osiem dziewięć dziesięć jedenaście dwanaście trzynaście "
          "czternaście piętnaście szesnaście siedemnaście osiemnaście dziewiętnaście dwadzieścia",
    "pl-gen": "zera jednej dwóch trzech czterech pięciu sześciu siedmiu ośmiu dziewięciu dziesięciu jedenastu "
              "dwunastu trzynastu czternastu piętnastu szesnastu siedemnastu osiemnastu dziewiętnastu dwudziestu",
    # Times of day in Polish are ordinals: "od piątej rano do dziewiątej wieczorem".
    "pl-ord": "zerowej pierwszej drugiej trzeciej czwartej piątej szóstej siódmej ósmej dziewiątej dziesiątej "
              "jedenastej dwunastej trzynastej czternastej piętnastej szesnastej siedemnastej osiemnastej "
              "dziewiętnastej dwudziestej",
    "ru": "ноль один два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать тринадцать "
          "четырнадцать пятнадцать шестнадцать семнадцать восемнадцать девятнадцать двадцать",
    "ru-gen": "нуля одного двух трёх четырёх пяти шести семи восьми девяти десяти одиннадцати двенадцати "
              "тринадцати четырнадцати пятнадцати шестнадцати семнадцати восемнадцати девятнадцати двадцати",
}
_TENS = {
    "en": "thirty forty fifty sixty seventy eighty ninety", "nl": "dertig veertig vijftig zestig zeventig tachtig negentig",
    "fr": "trente quarante cinquante soixante soixante-dix quatre-vingt quatre-vingt-dix",
    "es": "treinta cuarenta cincuenta sesenta setenta ochenta noventa",
    "de": "dreißig vierzig fünfzig sechzig siebzig achtzig neunzig",
    "pt": "trinta quarenta cinquenta sessenta setenta oitenta noventa",
    "it": "trenta quaranta cinquanta sessanta settanta ottanta novanta",
    "pl": "trzydzieści czterdzieści pięćdziesiąt sześćdziesiąt siedemdziesiąt osiemdziesiąt dziewięćdziesiąt",
    "ru": "тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто",
}
TENS: dict[str, int] = {}
for _words in _TENS.values():
    for _index, _word in enumerate(_words.split()):
        TENS[_word] = 30 + 10 * _index
TENS.update({"soixante-dix": 70, "quatre-vingt": 80, "quatre-vingts": 80, "quatre-vingt-dix": 90})
NUMBERS: dict[str, float] = {}
for _words in _CARDINALS.values():
    for _value, _word in enumerate(_words.split()):
        NUMBERS.setdefault(_word, float(_value))
NUMBERS.update({"een": 1, "un": 1, "uno": 1, "ein": 1, "eine": 1, "einen": 1, "jeden": 1, "jedną": 1,
                "jednego": 1, "одна": 1, "одну": 1, "одно": 1, "одного": 1, "due": 2, "dwa": 2, "две": 2, "dos": 2,
                "dois": 2, "трех": 3, "четырех": 4, "quatorze": 14, "dezesseis": 16, "dezessete": 17,
                "dezenove": 19, "часу": 1, "halve": 0.5, "anderthalb": 1.5, "eineinhalb": 1.5, "dwudziestej": 20,
                "dwudziestu": 20, "anderhalve": 1.5, "anderhalf": 1.5, "półtora": 1.5, "полтора": 1.5,
                "полутора": 1.5, "vierzehn": 14, "quindici": 15, "quinze": 15, "quince": 15})
NUMBERS.update({word: float(value) for word, value in TENS.items()})
NUMBERS.pop("um")  # Portuguese "um" is German "um 6 Uhr": read as one only where a day is counted (_ONE)


_TENS_ENDINGS = tuple(TENS) + ("einhalb", "enhalf")
_TENS_STARTS = tuple(tens[:-1] for tens in TENS)


@lru_cache(maxsize=8192)
def _joined(word: str) -> float | None:
    """One-word numbers built of two: "zweiundsiebzig", "tweeënzeventig", "settantadue", "elfeinhalb"."""
    if not (word.endswith(_TENS_ENDINGS) or word.startswith(_TENS_STARTS)):
        return None  # two string tests turn away nearly every word
    for half in ("einhalb", "enhalf"):
        if word.endswith(half) and word[:-len(half)] in NUMBERS:
            return NUMBERS[word[:-len(half)]] + 0.5
    for joint in ("und", "ën", "en"):
        left, _, right = word.partition(joint)
        if right in TENS and left in NUMBERS and NUMBERS[left] < 10:
            return TENS[right] + NUMBERS[left]
    for tens, value in TENS.items():
        if word.startswith(tens[:-1]) and len(word) > len(tens):  # "settantadue", "sessantasei"
            rest = word[len(tens):] if word.startswith(tens) else word[len(tens) - 1:]
            if rest in NUMBERS and NUMBERS[rest] < 10:
                return value + NUMBERS[rest]
    return None
# Numbers ahead of an adjective of hours or days: "dwunastogodzinnych", "восьмичасовые", "zwölfstündige".
_STEMS = {
    "dwu": 2, "trzy": 3, "cztero": 4, "pięcio": 5, "sześcio": 6, "siedmio": 7, "ośmio": 8, "dziewięcio": 9,
    "dziesięcio": 10, "jedenasto": 11, "dwunasto": 12, "trzynasto": 13, "czternasto": 14, "piętnasto": 15,
    "szesnasto": 16, "siedemnasto": 17, "osiemnasto": 18, "dwudziesto": 20, "dwudziestocztero": 24,
    "двух": 2, "трёх": 3, "трех": 3, "четырёх": 4, "четырех": 4, "пяти": 5, "шести": 6, "семи": 7, "восьми": 8,
    "девяти": 9, "десяти": 10, "одиннадцати": 11, "двенадцати": 12, "тринадцати": 13, "четырнадцати": 14,
    "пятнадцати": 15, "шестнадцати": 16, "двадцати": 20, "двадцатичетырёх": 24,
}
_STEMS.update({word: int(value) for word, value in NUMBERS.items() if value >= 2 and len(word) > 2})
_HOUR_ADJECTIVE = re.compile(r"^(.{2,20}?)-?(godzinn\w*|часов\w+|stündig\w*|stunden\w+|urige?|hour)$")
_DAY_ADJECTIVE = re.compile(r"^(.{2,20}?)-?(dniow\w*|дневн\w*|tage(?:woche)?|day)$")

_HALVES = {("and", "a", "half"), ("en", "een", "half"), ("et", "demie"), ("et", "demi"), ("y", "media"),
           ("y", "medio"), ("und", "halb"), ("e", "meia"), ("e", "meio"), ("e", "mezza"), ("e", "mezzo"),
           ("i", "pół"), ("с", "половиной"), ("en", "half")}

# -- words -----------------------------------------------------------------------------------------

HOUR_UNITS = frozenset("hour hours hr hrs h uur uren u heure heures hora horas stunde stunden std ora ore godzina "
                       "godziny godzin godzinę godz час часа часов ч".split())
_CLOCK_UNITS = frozenset("uhr clock am pm a.m. p.m.".split())
_MORNING = frozenset("am a.m. morning mornings ochtend ochtends morgens morgen matin mañana madrugada manhã mattina "
                     "mattino rano ranem утра утром früh frühmorgens".split())
_EVENING = frozenset("pm p.m. evening evenings night avond avonds nacht nachts soir soirée nuit noche abends abend noite "
                     "sera notte wieczorem wieczór wieczora nocy nocą вечера вечером ночи".split())
_AFTERNOON = frozenset("afternoon middags tarde nachmittags pomeriggio południu дня".split())
_MIDNIGHT = frozenset("midnight middernacht minuit medianoche mitternacht meia-noite mezzanotte północy północ "
                      "полуночи полночь полночи".split())
_NOON = frozenset("midi noon midday mediodía mittag meio-dia mezzogiorno południe południa полудня".split())
_FROM = frozenset("from van vanaf de des dès du desde das da dalle dalla dall' von vom ab od с со от between tussen "
                  "entre zwischen tra fra między между".split())
_TO = frozenset("to until till til tot à a au jusqu' hasta bis até às as alle alla all' fino do до и and en et y "
                "und e i ao".split())
# Before a number of hours, these make it a time of day ("à 6 heures", "om vijf uur", "um 5 Uhr")
_AT_CLOCK = frozenset("à às om um alle alla all' at".split())
_AFTER = frozenset("after après depois após dopo nach na po после".split())
_AND = frozenset("and en et y und e i и".split())
_OR_WORDS = frozenset("or of ou o oder albo lub или e".split())
_RANGE_END = _TO - _AND | {"al", "по", "tot", "through"}  # "to Saturday", not "and"
_AT = frozenset("at om um à às a alle alla all' o в gegen vers hacia verso около około koło ok near pelas rond".split())
_START_VERBS = ("start", "began", "begin", "begann", "beginn", "begon", "commen", "començ", "comenz", "empez",
                "empiez", "inicia", "início", "acordav", "inizi", "cominc", "começ", "attacc", "zaczyna", "zaczę",
                "rozpoczyna", "начина", "начал", "arriv",
                "chega", "llega", "entr", "aanvang", "anfing", "fing",
                # taken to the fields, got up: "conduits dans les vignes à 5 h 30", "elle se levait à 6 heures"
                "condu", "emmen", "woke", "wake", "levait", "levaient", "levée", "levé", "lève", "debout", "levanta",
                "alzava", "wstawa", "вста", "arranc", "caricat",
                # set off: "on partait à 5 heures", "si parte alle 4"
                "partait", "partaient", "partions", "partons", "parte", "partiamo", "partivamo", "partivano",
                # picked up, took up the post: "On les ramassait à 5 heures", "prenions le poste à 6 heures"
                "picked", "ramassai", "déposai", "levais", "levions", "prenions", "prenait", "prenaient",
                # "ik stond om zes uur op", "um acht stehe ich an der Mangel", "der Bus holt uns gegen 4.30 Uhr ab",
                # "li caricava alle quattro e mezza", "Arbeitsbeginn 6 Uhr"
                "stond", "stehe", "holt", "carica", "arbeitsbeginn", "dienstbeginn", "schichtbeginn")
_END_VERBS = ("finish", "ended", "end", "stop", "stopt", "left", "leave", "quit", "eindig", "termin", "finis",
              "finiv", "acab", "sal", "saí", "larga", "stacc", "kończ", "skończ", "заканчива", "закончи", "fertig",
              "уход", "ушл", "ging", "gingen", "parar", "parava", "paravam",
              # brought back, went to bed: "ramenés au hangar vers 19 h 30", "se couchait rarement avant minuit"
              "ramen", "brought", "couch", "acostab", "deitav", "coricav", "kładł", "ложил", "voltav", "volvían",
              "rentr", "returned", "tornav", "wracal", "возвращ", "riportat", "zurück", "acost", "saio", "saía",
              "saíam", "saímos", "recolh", "klaar", "encerr",
              # left the kitchen, came out: "on ne quittait la cuisine qu'à 23 heures", "knock off at four"
              "quitt", "sortai", "sortions", "knock", "riporta", "schluss", "feierabend", "dienstende",
              "arbeitsende", "schichtende")
_WORK = ("lade", "fuhr", "drove", "driving", "rijd", "reed", "clean", "schoonma", "nettoy", "limpi", "putz", "pulizi",
         "sprząt", "убор", "mach", "fai", "fais", "fac", "hac", "faz", "did", "put", "draai", "делал", "cumpr",
         "ableist", "maakt",
         "work", "labo", "shift", "werk", "arbeid", "dienst", "travail", "boss", "poste", "trabaj", "jornada",
         "turno", "arbeit", "schicht", "schuft", "trabalh", "expediente", "lavor", "turni", "giornat", "pracow",
         "prac", "zmian", "robi", "работ", "труд", "смен", "вахт", "stand", "stood", "stava", "стоял", "spent",
         "spędza", "провод", "passav", "restav", "ficava", "cos", "harvest", "pick", "oogst", "recolect",
         "ramass", "raccogl", "zbier", "собира", "car", "cuid", "soign", "verzorg", "pfleg", "accud", "opiek",
         "ухажив", "diensten", "cucivan", "sew", "naai", "cous", "cosí", "cos", "szy", "шил", "шв", "day", "dag",
         "jour", "día", "dia", "tag", "giorn", "dzie", "ден", "дня", "watch", "guard", "wacht", "quart", "guardi",
         "wach", "vigil", "wart", "vola", "volant", "kierownic", "руль", "rulem", "рулём", "drive", "rij", "condu",
         "fahr", "guid", "jeźd", "ездил", "entreg", "deliver", "bezorg", "livr", "liefer", "consegn", "dostarcz",
         "достав", "kurier", "курьер", "mungi", "milk")
_OPENING = frozenset("zugänglich accessible toegankelijk accesible acessível accessibile dostępny доступен линия "
                     "atende atendem atiende atienden disque reception recepção receção recepción réception "
                     "rezeption receptie recepcja ресепшн "
                     "open opens opened geopend opent ouvert ouverte ouvre abierto abierta abre abren geöffnet "
                     "öffnet aberto aberta funciona funcionam aperto aperta apre czynny czynna czynne otwarty "
                     "otwarta otwarte открыт открыта открыто helpline hotline staffed bereikbaar erreichbar "
                     "joignable".split())
# Numbers of hours that are not a working day: a journey, a strike, questioning, sleep, a raid, a course, a wait,
# prison. Whole words where a prefix would also read other words ("voor" is not "voo", "volgens" not "vol").
# Sleeping and waiting: hours spent so are not working hours ("they slept from 1 to 5"), but a sentence that
# also says where they slept still counts its days ("sei giorni su sette, e dormivano nel capannone").
_ASIDE_WORDS = frozenset(
    "wait waited waiting slept sleep sleeping sliep sliepen slapen dormir dormaient dormait dormían dormía dormiam "
    "dormia dormivano dormiva schlief schliefen schlafen spali спали спал warten warteten wartete attendre "
    "attendaient attente esperar esperaban esperaram aspettare aspettavano czekali czekać ждали".split())
_NOT_WORK_WORDS = _ASIDE_WORDS | frozenset(
    "nieder neer vol vols voo voos volo voli lot lotu bus buses bussen busrit busreis ride trip trips reis reizen reisde rit "
    "trajet viaje fahrt viagem viaggio podróż strike grève greve greves raid razzia redada rusga blitz nalot обыск "
    "training trainings course cursus formation curso kurs kursu corso курс delay retard retraso atraso ritardo "
    "helpline hotline prison prisão carcere arrest arrested aanhouding festnahme detención detenção "
    "zatrzymanie".split())
_NOT_WORK = ("strike", "protest", "протест", "niederleg", "neergeleg", "legden", "legten", "fermat", "paralis", "автобус",
             "перелёт", "перелет", "везли", "autobus", "autocarro", "ônibus", "pullman", "flight", "flew", "vlucht",
             "vuelo", "flug", "journey", "дорог", "staking", "huelga", "streik", "sciopero", "strajk", "забастов",
             "question", "interrog", "verhoor", "verhör", "przesłuch", "допрос", "crossing", "overtocht",
             "traversée", "travesía", "überfahrt", "travessia", "traversata", "przeprawa", "переправ",
             "durchsuchung", "szkolen", "vertraging", "verspätung", "opóźnien", "задерж", "gevangen", "więzien",
             "тюрьм", "колони", "detenci", "festnahm", "ожида")
# A rule rather than what happened: a law, a contract, an agreement, a demand, what was promised or allowed.
_NORM_WORDS = frozenset(
    "law laws wet wetgeving wettelijk wettelijke loi lois ley leyes lei leis legge cao tarif tarifvertrag "
    "convenio convention agreement akkoord accordo allows allowed allow permits permitted toegestaan autorisé "
    "permite erlaubt zulässig dozwolone допускает maximum máximo maximal massimo maksymalnie максимум should "
    "sollte sollten dovrebbe deberían devraient powinni powinien eist eisen eiste fixe fixes fixed fija fijan "
    "fissa fixa limit limits limite limita limitiert limiet höchstens hooguit najwyżej".split())
_NORMS = ("legal", "légal", "gesetz", "ustaw", "kodeks", "закон", "contract", "contrat", "contrato", "contratto",
          "vertrag", "umow", "договор", "promis", "beloof", "prometi", "versproch", "promess", "obiec", "обещ",
          "offer", "aangebod", "annonc", "anunci", "advert", "inseriert", "annunci", "ogłosz", "объявл", "provid",
          "prevé", "preve", "przewid", "предусм", "vorgesehen", "voorzien", "prévu", "previst", "prévoy",
          "stipul", "wirbt", "werb", "advertis", "vereinbart", "afgesproken", "chied", "demand", "fordert", "exig", "reivindic", "żąda",
          "требу", "revendi", "reclam", "rivendic", "postul", "превыша", "exced", "dépass", "superar",
          "überschreit", "не более", "не должен")


def _not_work(word: str) -> bool:
    return word in _NOT_WORK_WORDS or word.startswith(_NOT_WORK)


def _norm(word: str) -> bool:
    return word in _NORM_WORDS or word.startswith(_NORMS)


_CONTRAST = frozenset("but however yet maar echter mais cependant pero sin aber jedoch doch mas porém ma però ale "
                      "jednak но однако а realtà reality realidad réalité realität werkelijkheid rzeczywistości "
                      "деле verdade praktijk práctica pratique praxis practice prática pratica tatsächlich "
                      "actually eigenlijk effectivement realmente davvero faktycznie фактически".split())
_NEGATIONS = frozenset("n' no not never without none nor geen niet nooit zonder pas sans jamais aucun aucune ni sin "
                       "ningún ninguna nunca kein keine keinen keinem keiner ohne nie sem nenhum nenhuma nunca "
                       "senza mai nessun nessuno alcun bez ani без ни не нет никогда não nao".split())
_NO = frozenset("no nope none nee geen non nein kein keinen nie нет ни não nenhum nenhuma ninguno ninguna nessuno "
                "żadnego".split())
_NONE_AFTER = frozenset("none nicht нет".split())  # said after the days off, it denies them
# "выходных не было": said after the days off, these pairs deny them
_NONE_AFTER_PAIRS = frozenset({("не", "было"), ("не", "бывало"), ("не", "давали"), ("не", "дают")})
_NEVER = frozenset("never nooit jamais nunca nie mai никогда nada niente nichts nothing nic".split())

_PER_DAY = frozenset("day daily dag daags dagelijks jour quotidien quotidiennes quotidiens día diarias "
                     "diarios diaria diario diariamente tag täglich tages täglichen dia diárias diários diária "
                     "giorno giornaliere giornalieri quotidiane dziennie dobę doba dzień день сутки "
                     "ежедневно suточно".split())
_PER_WEEK = frozenset("week weekly weekly weken wekelijks semaine semaines hebdomadaire hebdomadaires semana "
                      "semanas semanal semanales semanais woche wochen wöchentlich wöchentliche settimana "
                      "settimanali settimanale tydzień tygodniu tygodniowo tygodnia неделю неделя недели "
                      "неделе еженедельно".split())
_PER_FORTNIGHT = frozenset("fortnight quinzaine quincena quinzena".split())
_PER_MONTH = frozenset("month months monthly maand maanden mois mes meses monat monats monatlich mês mese mesi miesiąc "
                       "miesiącu miesięcznie месяц месяца месяце месяцев".split())
_SHIFT = ("shift", "dienst", "poste", "turno", "turni", "schicht", "zmian", "смен", "jornad", "journée",
          "giornat", "workday", "werkdag", "arbeitstag", "вахт", "watch", "guardia", "guardias", "quart")
_DAY_NOUNS = frozenset("day days dag dagen jour jours día días tag tage tagen dia dias giorno giorni dzień dni dnia "
                       "dniem день дня дней сутки".split())
# Words of rest: whole words where a prefix would read "office", "restaurant", "Freitag", "vrijwillig", "liberato".
_REST_WORDS = frozenset("off rest free vrij vrije libre libres frei freie freien freier freies libero liberi libera "
                        "libere livre livres repos congé congés relâche chômé chômés wolne wolny wolnego wolnych "
                        "wolnym wolną wolnej folga folgas folgar riposo riposi descanso descansos librar libraba "
                        "libraban libramos librábamos folgo отдых отдыха".split())
_REST_PREFIXES = ("rustdag", "ruhetag", "descans", "folgav", "folgam", "riposav", "riposan", "odpoczyn", "odpoczyw",
                  "выходн", "отдыха", "отдыхал", "rested", "resting")
_REST = _REST_PREFIXES + tuple(_REST_WORDS)  # for the cheap first look: every rest word starts with one of these
_SUNDAY = ("sunday", "zondag", "dimanche", "domingo", "sonntag", "domenic", "niedziel", "воскресен")
_SATURDAY = ("saturday", "zaterdag", "samedi", "sábado", "samstag", "sabato", "sobot", "суббот")
_WEEKDAYS_OFF = _SUNDAY + ("monday", "maandag", "lundi", "lunes", "montag", "segunda", "lunedì", "poniedział",
                           "понедельн") + _SATURDAY
_WEEKEND = ("weekend", "week-end", "fin de semana", "fines de semana", "wochenende", "fim de semana",
            "fins de semana", "fine settimana", "fine-settimana", "weekendy", "weekendów", "выходные дни")
_WEEK_RANGES = {("monday", "saturday"): 6, ("monday", "friday"): 5, ("maandag", "zaterdag"): 6,
                ("maandag", "vrijdag"): 5, ("lundi", "samedi"): 6, ("lundi", "vendredi"): 5,
                ("lunes", "sábado"): 6, ("lunes", "viernes"): 5, ("montag", "samstag"): 6,
                ("montag", "freitag"): 5, ("segunda", "sábado"): 6, ("segunda", "sexta"): 5,
                ("lunedì", "sabato"): 6, ("lunedì", "venerdì"): 5, ("poniedziałku", "soboty"): 6,
                ("poniedziałku", "piątku"): 5, ("понедельника", "субботу"): 6, ("понедельника", "пятницу"): 5,
                # the whole week: no day off ("de domingo a domingo", Brazil's way of saying every day)
                ("monday", "sunday"): 7, ("maandag", "zondag"): 7, ("lundi", "dimanche"): 7, ("lunes", "domingo"): 7,
                ("montag", "sonntag"): 7, ("segunda", "domingo"): 7, ("domingo", "domingo"): 7,
                ("lunedì", "domenica"): 7, ("poniedziałku", "niedziel"): 7, ("понедельника", "воскресенье"): 7}
_BACK_TO_BACK = frozenset("back back-to-back consecutive consecutivi consecutivos consécutifs seguidos seguidas seguiti "
                          "seguite fila подряд rząd affilée hintereinander aneinander elkaar enchaîn encaden "
                          "emend".split())
_BACK_TO_BACK_STEMS = ("enchaîn", "encaden", "emend")
_SINCE = frozenset("dès ab vanaf desde od с от".split())
_IN_A_ROW = frozenset("affilée d'affilée straight row fila filate seguidas seguidos seguite seguiti подряд rząd rzędu "
                      "stück durch non-stop nonstop".split())
_THEN = frozenset("then puis luego depois poi potem потом затем dan daarna danach dann anschließend".split())
_MORE = frozenset("more meer plus más mais mehr ancora jeszcze ещё еще".split())
_EVERY = frozenset("every each elke iedere om alle tous toutes cada todos ogni co раз de".split())


def _starts(word: str, stems) -> bool:
    return word.startswith(stems) if isinstance(stems, tuple) else word in stems


# -- tokens ----------------------------------------------------------------------------------------

# A time of day with minutes ("7:30", "20h30", "7.30"), a number ("12", "10,5", "8h"), a word (with an
# inner hyphen or a trailing apostrophe), or a mark. Bounded runs: a hostile endless word is read in pieces.
_TOKEN = re.compile(
    r"(\d{1,2})(?:[:.](\d{2})|h(\d{2}))(?!\d)"
    r"|(\d{1,3}(?:[.,]\d{3})+(?!\d)|\d{1,4}(?:[.,]\d(?!\d))?)(h\b)?"
    r"|([ap])\.\s?m\.?"
    r"|([^\W\d_]{1,30}(?:-[^\W\d_]{1,30}){0,3}['’]?)"
    r"|([-–—/?!.;:,()«»\"„“”])")


@dataclass(slots=True)  # a text is tens of thousands of tokens: slots make them quicker to build and read
class Token:
    kind: str  # "num", "clock" (a time of day: 7:30), "word", "mark"
    text: str
    start: int
    end: int
    value: float | None = None
    hour_mark: bool = False  # "8h": a time of day or eight hours


def tokens(text: str) -> list[Token]:
    found: list[Token] = []
    for m in _TOKEN.finditer(text):
        group = m.lastindex  # which of the alternatives matched: 1-3 a time, 4-5 a number, 6 a.m., 7 a word, 8 a mark
        if group == 8:
            found.append(Token("mark", m.group(8), m.start(), m.end()))
        elif group <= 3:
            minutes = m.group(2) or m.group(3)
            found.append(Token("clock", m.group(), m.start(), m.end(), int(m.group(1)) + int(minutes) / 60))
        elif group <= 5:
            found.append(Token("num", m.group(4), m.start(), m.end(), _digits(m.group(4)),
                               hour_mark=group == 5))
        elif group == 6:
            found.append(Token("word", m.group(6) + ".m.", m.start(), m.end()))
        else:
            word = m.group(7).replace("’", "'")
            joined = None if word in NUMBERS else _joined(word)
            if word in NUMBERS or joined is not None:
                found.append(Token("num", word, m.start(), m.end(), NUMBERS.get(word, joined)))
            elif "-" in word and word not in _MIDNIGHT and word not in _NOON:
                _split(word, m.start(), found)
            else:
                found.append(Token("word", word, m.start(), m.end()))
    return _tens_and_units(found)


def _tens_and_units(found: list[Token]) -> list[Token]:
    """ "setenta y dos", "seventy-two", "семьдесят два", "soixante-douze": one number."""
    merged: list[Token] = []
    i = 0
    while i < len(found):
        token = found[i]
        if token.kind == "num" and token.text in TENS:
            step = 2 if i + 2 < len(found) and found[i + 1].text in ("y", "e", "-", "und", "et") else 1
            unit = found[i + step] if i + step < len(found) else None
            if unit is not None and unit.kind == "num" and unit.value < 20 and unit.text not in TENS:
                merged.append(Token("num", token.text, token.start, unit.end, token.value + unit.value))
                i += step + 1
                continue
        merged.append(token)
        i += 1
    return merged


def _digits(text: str) -> float:
    """ "1,500" and "1.500" are fifteen hundred, "10,5" and "10.5" ten and a half."""
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", text):
        return float(re.sub(r"[.,]", "", text))
    return float(text.replace(",", "."))


def _split(word: str, start: int, found: list[Token]) -> None:
    """"десять-одиннадцать" -> 10 - 11, "twelve-hour" -> 12 hour, "sechs-tage-woche" -> 6 tage woche."""
    at = start
    for index, part in enumerate(word.split("-")):
        if index:
            found.append(Token("mark", "-", at, at + 1))
            at += 1
        if part in NUMBERS:
            found.append(Token("num", part, at, at + len(part), NUMBERS[part]))
        elif part:
            found.append(Token("word", part, at, at + len(part)))
        at += len(part)


def _compound(word: str, pattern: re.Pattern) -> float | None:
    """The number a compound adjective starts with: "dwunastogodzinnych" -> 12, "восьмичасовые" -> 8."""
    m = pattern.match(word)
    if not m:
        return None
    value = _STEMS.get(m.group(1).rstrip("-"))
    return float(value) if value else None


@dataclass(frozen=True)
class Found:
    value: float
    start: int
    end: int


# -- sentences -------------------------------------------------------------------------------------

def _sentences(toks: list[Token]) -> list[list[Token]]:
    """Sentences as token lists, cut at . ! ? ; (a question and its answer are two sentences)."""
    found, current = [], []
    for token in toks:
        current.append(token)
        if token.kind == "mark" and token.text in ".!?":
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found


def _words(sentence: list[Token]) -> list[str]:
    return [t.text for t in sentence if t.kind == "word"]


def _any(words, stems) -> bool:
    if isinstance(stems, tuple):
        return any(w.startswith(stems) for w in words)
    return any(w in stems for w in words)


def _half_after(sentence: list[Token], i: int) -> tuple[float, int]:
    """0.5 and the tokens it takes when "and a half" follows position i ("nove ore e mezza")."""
    for size in (2, 3):
        words = tuple(t.text for t in sentence[i + 1:i + 1 + size])
        if words in _HALVES:
            return 0.5, size
    return 0.0, 0


# A quarter past or to the hour, after it: "a las siete menos cuarto", "à 6 heures et quart"
_QUARTERS = {("y", "cuarto"): 0.25, ("menos", "cuarto"): -0.25, ("et", "quart"): 0.25, ("moins", "le", "quart"): -0.25,
             ("moins", "quart"): -0.25, ("e", "un", "quarto"): 0.25, ("meno", "un", "quarto"): -0.25,
             ("e", "quarto"): 0.25, ("menos", "um", "quarto"): -0.25, ("и", "четверть"): 0.25}


def _quarter_after(sentence: list[Token], i: int) -> tuple[float, int]:
    for size in (2, 3):
        quarter = _QUARTERS.get(tuple(t.text for t in sentence[i + 1:i + 1 + size]))
        if quarter is not None:
            return quarter, size
    return 0.0, 0


_SOMETIMES = frozenset("sometimes soms parfois manchmal talvolta czasem иногда ou o or of ,".split())


def _number_at(sentence: list[Token], i: int) -> tuple[float, int] | None:
    """The number at position i, a range or either-or of two ("10-11", "10 or 11", "Undici, dodici"), as
    (midpoint, index of its last token)."""
    token = sentence[i]
    if token.kind != "num":
        return None
    value, last = token.value, i
    half, size = _half_after(sentence, i)
    value, last = value + half, last + size
    if last + 2 < len(sentence) and sentence[last + 2].kind == "num" and (
            sentence[last + 1].text in ("-", "–", "/", ",", "o", "or", "of", "ou", "oder", "albo", "lub", "или",
                                        "to", "a", "à", "tot", "bis", "do", "до", "até", "y", "e", "tra", "и",
                                        "alle", "al", "aux", "às", "as")):
        second = sentence[last + 2].value
        if value < second <= value + 8:
            extra, size = _half_after(sentence, last + 2)
            return (value + second + extra) / 2, last + 2 + size
    # "Catorce, a veces quince", "Umas onze, às vezes doze"
    if last + 3 < len(sentence) and sentence[last + 1].text == "," and sentence[last + 3].kind == "num" and \
            sentence[last + 2].text in _SOMETIMES:
        second = sentence[last + 3].value
        if value < second <= value + 8:
            return (value + second) / 2, last + 3
    if last + 4 < len(sentence) and sentence[last + 1].text == "," and sentence[last + 4].kind == "num" and \
            (sentence[last + 2].text, sentence[last + 3].text) in {("a", "veces"), ("às", "vezes"),
                                                                   ("a", "volte"), ("parfois", "même")}:
        second = sentence[last + 4].value
        if value < second <= value + 8:
            return (value + second) / 2, last + 4
    return value, last


# -- daily hours -----------------------------------------------------------------------------------

@lru_cache(maxsize=2)
def _read(text: str) -> tuple[list[Token], ...]:
    """The text's sentences as tokens, read once for the hours and the rest days."""
    return tuple(_sentences(tokens(text)))


def daily_hours(text: str) -> list[Found]:
    """Every working-day length the (lower-cased) text states, with where it says so."""
    found: list[Found] = []
    sentences = _read(text)
    read_before = read_two_before = False  # whether the sentence before (and the one before it) gave a working day
    for index, sentence in enumerate(sentences):
        asked = index > 0 and bool(sentences[index - 1]) and sentences[index - 1][-1].text == "?"
        here = _durations(sentence, asked) + _clock_ranges(sentence, asked)
        if here and any(t.text in _OPENING for t in sentence):
            here = _after_opening(sentence, here)
        if not here and asked and _asks_hours(sentences[index - 1]):
            here = _answer(sentence)
        if not here and index and not read_before:
            here = _across(sentences[index - 1], sentence)
            # one sentence between them that tells no time of day: "They were picked up at 5 ... Lunch was
            # twenty minutes. Nobody was back before ten at night."
            if not here and index > 1 and not read_two_before and not _marks_a_time(sentences[index - 1]):
                here = _across(sentences[index - 2], sentence)
        read_two_before, read_before = read_before, bool(here)
        found += here
    return found


def _after_opening(sentence: list[Token], found: list[Found]) -> list[Found]:
    """What a sentence naming a desk's or a shop's hours states after a contrast: "the reception is staffed
    24 hours a day" is no working day; "o restaurante abre das 11h à meia-noite, mas a gente faz turnos de
    oito horas" is one of eight hours."""
    last_opening = max(t.start for t in sentence if t.text in _OPENING)
    contrast = next((t.start for t in sentence if t.start > last_opening and t.text in _CONTRAST), None)
    return [] if contrast is None else [fact for fact in found if fact.start > contrast]


def _across(first: list[Token], second: list[Token]) -> list[Found]:
    """A day whose start is told in one sentence and its end in the next, each with its own preposition or
    verb, about work: "verzorgde zij vanaf half zeven 's ochtends de kinderen ... Meestal was ze pas rond elf
    uur klaar." The start is the first sentence's first, the end the second's first."""
    if not _maybe_time(first) or not _maybe_time(second):
        return []
    words = _words(first) + _words(second)
    if not _any(words, _WORK) or \
            any(w in _OPENING or _not_work(w) or _norm(w) for w in words):
        return []
    start = None
    for i in range(len(first)):
        marked = _marked_time(first, i, starting=True)  # worked=False: only a preposition or a verb marks it
        if marked is not None:
            start = (i, marked)
            break
    if start is None or any(_marked_time(first, k, starting=False) for k in range(start[1][1] + 1, len(first))):
        return []  # the first sentence has no start, or ends its own day
    for j in range(len(second)):
        if _marked_time(second, j, starting=True) is not None:
            return []  # the second sentence starts a day of its own
        end = _marked_time(second, j, starting=False)
        if end is not None:
            (i, (begin, _, begin_part, strong)), (finish, last, finish_part, strong_end) = start, end
            hours = _length(begin, begin_part, finish, finish_part, None)
            if hours is None or not (strong and strong_end) or not (begin_part or finish_part):
                return []
            return [Found(_evening_end(hours, finish, finish_part, verb_ended=True), first[i].start, second[last].end)]
    return []


def _evening_end(hours: float | None, finish: float, finish_part: str, verb_ended: bool) -> float | None:
    """A day ended by a verb of finishing at an hour without its part, less than six hours after it began, ends
    in the evening: "vanaf half zeven 's ochtends ... pas rond elf uur klaar", "stond om zes uur op ... rond
    half elf klaar" (not "from 6 to 10", a morning's shift told by its range)."""
    if hours is not None and verb_ended and not finish_part and hours < 6 and finish <= 12:
        return hours + 12
    return hours


def _verb_ended(sentence: list[Token], j: int) -> bool:
    """The time at j ends the day by a verb of finishing a few words around it, not by "to" or "until" alone."""
    return any(t.kind == "word" and _starts(t.text, _END_VERBS) for t in sentence[max(0, j - 5):j + 4])


def _marks_a_time(sentence: list[Token]) -> bool:
    """A time of day that starts or ends something, marked by its preposition or verb, anywhere in the sentence."""
    return _maybe_time(sentence) and any(
        _marked_time(sentence, i, starting=True) is not None or _marked_time(sentence, i, starting=False) is not None
        for i in range(len(sentence)))


def _maybe_time(sentence: list[Token]) -> bool:
    return any(t.kind != "word" and t.kind != "mark" or t.text in _MIDNIGHT or t.text in _NOON for t in sentence)


def _asks_hours(sentence: list[Token]) -> bool:
    """ "How many hours did you work (a day)?" with no number in it."""
    return bool(sentence) and sentence[-1].text == "?" and any(t.text in HOUR_UNITS for t in sentence) and \
        not any(t.kind in ("num", "clock") for t in sentence)


def _answer(sentence: list[Token]) -> list[Found]:
    """The answer to that question: its first number ("Umas onze, às vezes doze" -> 11.5)."""
    for i, token in enumerate(sentence[:5]):
        if token.kind == "num":
            value, last = _number_at(sentence, i)
            if 2 <= value <= 24:
                return [Found(value, token.start, sentence[last].end)]
            return []
    return []


def _durations(sentence: list[Token], asked: bool = False) -> list[Found]:
    # Asked of the whole sentence once, not once per number (a sentence of a thousand numbers stays linear),
    # and only when a number needs the answer (most sentences have none).
    worked: bool | None = None
    back_to_back: bool | None = None
    days_worked: list[int | None] = []
    candidates: list[tuple[Found, bool]] = []  # (what was found, stated as a rule rather than a fact)
    i = 0
    while i < len(sentence):
        token = sentence[i]
        value = last = None
        if token.kind == "word":
            compound = _compound(token.text, _HOUR_ADJECTIVE)
            if compound is not None:
                value, last = compound, i
        elif token.kind == "num" and i + 2 < len(sentence) and sentence[i + 1].text == "-" and (
                _HOUR_ADJECTIVE.match("x" * 2 + sentence[i + 2].text) or sentence[i + 2].text in HOUR_UNITS):
            value, last = token.value, i + 2  # "12-hour", "12-часовой", "84-Stunden-Woche"
        elif token.kind == "num" and i + 1 < len(sentence) and sentence[i + 1].kind == "word" and \
                _HOUR_ADJECTIVE.match("xx" + sentence[i + 1].text) and sentence[i + 1].text not in HOUR_UNITS:
            value, last = token.value, i + 1  # "12 stündige"
        elif token.kind == "num":
            number = _number_at(sentence, i)
            value, last = number
            after = sentence[last + 1] if last + 1 < len(sentence) else None
            if token.hour_mark or (after is not None and after.text in HOUR_UNITS):
                last = last if token.hour_mark and (after is None or after.text not in HOUR_UNITS) else last + 1
                half, size = _half_after(sentence, last)
                value, last = value + half, last + size
            else:
                value = None
        if value is None or not 2 <= value <= 24 * 7:
            i += 1
            continue
        before = [t.text for t in sentence[max(0, i - 6):i] if t.kind == "word"]
        after = [t.text for t in sentence[last + 1:last + 6] if t.kind in ("word", "num", "mark")
                 and t.text != "-"]
        near = before[-2:]
        window = _clause_words(sentence, i, last)
        if any(_not_work(w) for w in window):
            i = last + 1
            continue
        ranged = last > i and sentence[i + 1].kind == "mark" or (last > i + 1 and sentence[i + 2].kind == "num")
        if (token.hour_mark or token.kind == "clock") and _dashed(sentence, i):
            i = last + 1  # "7h-19h": a range of times of day
            continue
        if near[-1:] and near[-1] in _SINCE and not ranged:
            i = last + 1  # "dès 13 heures", "ab 4 Uhr": from a time of day on
            continue
        if token.hour_mark and near[-1:] and near[-1] in (_AT | _TO) - {"de", "da", "van"}:
            i = last + 1  # "às 22h", "à 8h": a time of day
            continue
        if near[-1:] and (near[-1] in _AT_CLOCK or near[-1] in _BEFORE or near[-1] in ("vers", "gegen") or
                          (near[-1] in _FROM and near[-2:-1] and near[-2] in _AFTER)) \
                and not any(w in _PER_DAY for w in _until_number(after[:4])):
            i = last + 1  # "à 6 heures", "avant six heures", "vers 23 heures", "depois das 20h": a time of day
            continue
        if near[-1:] and not any(w in _PER_DAY for w in _until_number(after[:4])) and (
                (near[-1] in _FROM and not ranged and _clock_follows(sentence, last)) or
                ((near[-1] in _TO or near[-1] in _AT or near[-1] in _AFTER) and near[-1] not in _FROM and
                 _time_before(sentence, i, RANGE_REACH_WITH_VERBS if near[-1] in _AFTER else 9))):
            i = last + 1  # "de 6 heures à 19 heures", "bis 22 Uhr": times of day, which the clock ranges read
            continue
        numbers = [t.value for t in sentence[i:last + 1] if t.kind == "num"]
        if ranged and len(numbers) >= 2 and numbers[-1] - numbers[0] > 4 and near[-1:] and near[-1] in _FROM:
            i = last + 1  # "van 9 tot 18 uur": not a length (a range of lengths is "10 à 11 uur")
            continue
        weekly = any(_is_week(w) for w in after[:3]) or any(_is_week(w) for w in before[-3:])
        if (weekly or value > 24) and not days_worked:
            days_worked.append(_days_worked(sentence))
        if weekly or (value > 24 and days_worked and days_worked[0]):
            days = days_worked[0]
            if days:
                value = round(value / days, 2)
            else:
                i = last + 1
                continue
        elif value > 24:
            i = last + 1
            continue
        else:
            per_day = any(w in _PER_DAY or w in _IN_A_ROW for w in _until_number(after[:4])) or \
                any(w in _PER_DAY for w in before[-2:])
            shift = any(_starts(w, _SHIFT) for w in before + after[:3])
            distributive = bool(near) and near[-1] in ("po", "по", "per")
            if worked is None and not (per_day or shift or distributive):
                worked = asked or _any(_words(sentence), _WORK)
            if not (per_day or shift or distributive or worked):
                i = last + 1
                continue
            if any(w in _PER_MONTH for w in after[:3]):
                i = last + 1
                continue
            if back_to_back is None:
                back_to_back = any(t.text in _BACK_TO_BACK or t.text.startswith(_BACK_TO_BACK_STEMS) for t in sentence)
            if back_to_back and _twice(sentence, i, last):
                value *= 2
        ruled = any(_norm(w) for w in before)
        candidates.append((Found(value, token.start, sentence[last].end), ruled))
        i = last + 1
    candidates += _elliptic(sentence, candidates)
    facts = [found for found, ruled in candidates if not ruled]
    return _summed(sentence, facts)


def _summed(sentence: list[Token], facts: list[Found]) -> list[Found]:
    """"Eight hours in the factory, then four cleaning the boss's house": one working day of twelve."""
    if not facts:
        return facts
    between = [t for t in sentence if t.start >= facts[0].end]
    then = next((k for k, t in enumerate(between) if t.text in _THEN), None)
    if then is None:
        return facts
    later = [f for f in facts[1:] if f.start > between[then].start]
    if later:
        return [Found(facts[0].value + later[0].value, facts[0].start, later[0].end)]
    for k, token in enumerate(between[then:then + 5]):  # "then eight more"
        if token.kind == "num" and 1 <= token.value <= 12 and any(
                t.text in _MORE for t in between[then + k + 1:then + k + 3]):
            return [Found(facts[0].value + token.value, facts[0].start, token.end)]
    return facts


def _clock_follows(sentence: list[Token], last: int) -> bool:
    """A second time of day follows ("de 6 heures à 19 heures"): the first was one too."""
    window = sentence[last + 1:last + 6]
    return any(t.kind == "word" and t.text in _TO for t in window[:3]) and \
        any(t.kind in ("num", "clock") or t.text in _MIDNIGHT for t in window)


def _time_before(sentence: list[Token], i: int, reach: int = 9) -> bool:
    """A time of day shortly before ("van 7 uur tot 22 uur"): this one ends a range, it is not a length."""
    return any(sentence[k].kind == "clock" or sentence[k].hour_mark or (
        sentence[k].kind == "num" and k and sentence[k - 1].text in _FROM | _AT) for k in range(max(0, i - reach), i))


def _until_number(words: list[str]) -> list[str]:
    """The words after a number up to the next number or comma: "12 hours a day", not "12 hours, 7 days"."""
    taken = []
    for word in words:
        if word == "," or word.replace(".", "").isdigit() or word in NUMBERS:
            break
        taken.append(word)
    return taken


def _dashed(sentence: list[Token], i: int) -> bool:
    def timed(k: int) -> bool:
        return 0 <= k < len(sentence) and (sentence[k].kind == "clock" or sentence[k].hour_mark)
    return (i + 1 < len(sentence) and sentence[i + 1].text in ("-", "–") and timed(i + 2)) or \
        (i >= 1 and sentence[i - 1].text in ("-", "–") and timed(i - 2))


def _clause_words(sentence: list[Token], i: int, last: int) -> list[str]:
    """The words of the clause around tokens i..last: up to five before and four after, not past a comma."""
    words = []
    for k in range(i - 1, max(-1, i - 6), -1):
        if sentence[k].text in (",", ";", ":"):
            break
        words.append(sentence[k].text)
    for k in range(last + 1, min(len(sentence), last + 5)):
        if sentence[k].text in (",", ";", ":"):
            break
        words.append(sentence[k].text)
    return words


def _is_week(word: str) -> bool:
    return word in _PER_WEEK or word.endswith(("week", "weken", "woche", "wochen"))


_NIGHTS = frozenset("nights nachten nuits noches nächte noites notti nocy ночей ночи".split())  # "six nights a week"


def _of_seven(sentence: list[Token]) -> bool:
    """ "sei notti su sette", "six jours sur sept", "six out of seven": days of a week without the word week."""
    def days_before(k: int) -> bool:
        if sentence[k + 1].text == "of":
            if sentence[k].text != "out":
                return False
            k -= 1
        return k >= 1 and (sentence[k].text in _DAY_NOUNS or sentence[k].text in _NIGHTS) and \
            sentence[k - 1].kind == "num" and 1 <= (sentence[k - 1].value or 0) < 7

    return any(token.kind == "num" and token.value == 7 and k > 1 and sentence[k - 1].text in (
        "su", "sur", "of", "из") and days_before(k - 2) for k, token in enumerate(sentence))


def _days_worked(sentence: list[Token]) -> int | None:
    """Days worked a week, as the sentence states them: "over six days", "Monday to Saturday", "шестидневном"."""
    words = [t.text for t in sentence]
    for i, token in enumerate(sentence):
        if token.kind == "num" and 1 <= token.value <= 7 and i + 1 < len(sentence) and \
                (sentence[i + 1].text in _DAY_NOUNS or sentence[i + 1].text in _NIGHTS) and \
                not any(_rest_word(w) for w in words[i + 2:i + 5]):
            return int(token.value)
        if token.kind == "word":
            days = _compound(token.text, _DAY_ADJECTIVE)
            if days and days <= 7:
                return int(days)
    return _week_range(words)


_FIRST_DAYS = tuple({first for first, _ in _WEEK_RANGES})


def _week_range(words: list[str]) -> int | None:
    for i, word in enumerate(words):
        if not word.startswith(_FIRST_DAYS):
            continue
        for (first, last), days in _WEEK_RANGES.items():
            end = next((k for k in range(i + 1, min(len(words), i + 5)) if words[k].startswith(last)), None)
            if first == last and end is not None and words[end - 1] != "a":
                continue  # "de domingo a domingo" is the whole week; "domingo sim, domingo não" is not
            if word.startswith(first) and end is not None:
                return days + _weekend_day_worked(words[end + 1:end + 8], days)
    return None


def _weekend_day_worked(after: list[str], days: int) -> int:
    """1 when the next day after the range is said to be worked too: "Monday to Friday, and Saturday until two",
    "Montag bis Samstag, und sonntags noch bis Mittag"; 0 when it is free ("con sabato e domenica liberi")."""
    following = {5: _SATURDAY, 6: _SUNDAY}.get(days)
    if following is None:
        return 0
    day = next((k for k, w in enumerate(after[:4]) if w.startswith(following)), None)
    if day is None or any(_rest_word(w) or w in _NEGATIONS for w in after):
        return 0
    # worked until a time: "el sábado hasta el mediodía", "no sábado até as 14h", "sonntags noch bis Mittag"
    return 1 if any(w in _UNTIL or w[:1].isdigit() for w in after[day + 1:day + 5]) else 0


# not _TO, whose "a" and "and" would read "el sábado a casa" as a day worked
_UNTIL = frozenset("until till tot hasta bis até ate fino jusqu'à jusqu' до do".split())


def _twice(sentence: list[Token], start: int, last: int) -> bool:
    """"two 8-hour shifts back to back", "due turni da otto ore di fila": two shifts a day."""
    window = sentence[max(0, start - 4):last + 6]
    twos = any(t.kind == "num" and t.value == 2 for t in window)
    shifts = any(t.kind == "word" and _starts(t.text, _SHIFT) for t in window)
    return twos and shifts


def _elliptic(sentence: list[Token], candidates) -> list[tuple[Found, bool]]:
    """"The law says eight hours, but they worked eleven": the number after the contrast, without its unit."""
    if not candidates or not all(ruled for _, ruled in candidates):
        return []
    for i, token in enumerate(sentence):
        if token.kind == "word" and token.text in _CONTRAST and token.start > candidates[-1][0].end:
            for later in sentence[i + 1:i + 9]:
                if later.kind == "num" and 2 <= later.value <= 24:
                    return [(Found(later.value, later.start, later.end), False)]
    return []


# -- times of day ----------------------------------------------------------------------------------

def _half_to(sentence: list[Token], i: int) -> bool:
    return i >= 2 and sentence[i - 1].text == "do" and sentence[i - 2].text == "wpół"


def _time_at(sentence: list[Token], i: int) -> tuple[float, int, str] | None:
    """A time of day at position i: (hours, index of its last token, "" or the day part named after it)."""
    token = sentence[i]
    if token.kind == "clock":
        value, last = token.value, i
    elif token.kind == "num" and token.value <= 24 and float(token.value).is_integer():
        value, last = token.value, i
        if token.text == "een" and i + 3 < len(sentence) and sentence[i + 1].text == "uur" and \
                sentence[i + 2].text == "of" and sentence[i + 3].kind == "num" and (sentence[i + 3].value or 0) <= 24:
            value, last = sentence[i + 3].value, i + 3  # "een uur of twee": about two o'clock
        if i >= 1 and sentence[i - 1].text in ("half", "halb") or _half_to(sentence, i):
            value -= 0.5  # "half elf", "halb neun", "wpół do szóstej": half an hour before
        elif i >= 2 and sentence[i - 1].text == "past" and sentence[i - 2].text in ("half", "quarter"):
            value += 0.5 if sentence[i - 2].text == "half" else 0.25  # "half past five": after the hour
    elif token.kind == "word" and token.text in _MIDNIGHT:
        return 24.0, i, "midnight"
    elif token.kind == "word" and token.text in _NOON:
        return 12.0, i, "noon"
    else:
        return None
    following = [t.text for t in sentence[last + 1:last + 6]]
    if following[:1] == ["pm"] or following[:1] == ["p.m."]:
        return (value + 12 if value < 12 else value), last + 1, "evening"
    if following[:1] == ["am"] or following[:1] == ["a.m."]:
        return (0.0 if value == 12 else value), last + 1, "morning"
    if following[:1] and following[0] in HOUR_UNITS | _CLOCK_UNITS | {"o'"}:
        last += 1 + (following[0] == "o'")
        following = following[1 + (following[0] == "o'"):]
    half, size = _half_after(sentence, last)
    if not size:
        half, size = _quarter_after(sentence, last)
    value, last = value + half, last + size
    if following[:1] == ["pm"] or following[:1] == ["p.m."]:
        return (value + 12 if value < 12 else value), last + 1, "evening"
    if following[:1] == ["am"] or following[:1] == ["a.m."]:
        return (0.0 if value == 12 else value), last + 1, "morning"
    for token in sentence[last + 1:last + 7]:
        word = token.text
        part = _part(word)
        if part:
            return value, last, part
        if word in _TO and word not in ("de", "da", "di", "du", "del", "della", "a", "e", "en", "i", "y"):
            break
        if word in (",", ";"):
            break  # "o szóstej, kończymy o dziesiątej wieczorem": the evening is the second time's
    # Dutch names the part first: "van 's ochtends zes tot 's avonds negen"
    for earlier in sentence[max(0, i - 2):i]:
        part = _part(earlier.text)
        if part:
            return value, last, part
    return value, last, ""


def _part(word: str) -> str:
    if word in _MORNING:
        return "morning"
    if word in _EVENING:
        return "evening"
    if word in _AFTERNOON:
        return "afternoon"
    return ""


def _clock_ranges(sentence: list[Token], asked: bool = False) -> list[Found]:
    if not any(t.kind != "word" and t.kind != "mark" or t.text in _MIDNIGHT or t.text in _NOON for t in sentence):
        return []  # no time of day can start a range (most sentences)
    words = _words(sentence)
    if any(w in _OPENING for w in words) or any(_not_work(w) and w not in _ASIDE_WORDS for w in words):
        return []
    worked = asked or _any(words, _WORK) or _any(words, _START_VERBS) or _any(words, _END_VERBS)
    if any(w in _ASIDE_WORDS for w in words) and not worked:
        return []  # "they slept from 1 to 5", "waited from 6 to 11"
    found: list[Found] = []
    ends: dict[int, tuple | None] = {}  # each position read once as an end, however many starts reach back to it

    def end_at(j: int):
        if j not in ends:
            ends[j] = _marked_time(sentence, j, starting=False, worked=worked)
        return ends[j]
    i = 0
    while i < len(sentence):
        start = _marked_time(sentence, i, starting=True, worked=worked)
        if start is None:
            i += 1
            continue
        begin, begin_last, begin_part, strong = start
        # a start and an end each told with its verb may lie further apart: "les journées commençaient à 5 heures,
        # heure à laquelle une camionnette venait les chercher, et se terminaient parfois après 20 heures"
        # a number word ("un", "one") reaches far only after its preposition: "began at ten in the morning"
        far = strong and (sentence[i].text[:1].isdigit() or (i > 0 and sentence[i - 1].text in _AT | {"past"}) or (
            i > 1 and sentence[i - 1].text in ("las", "la", "les", "le", "the", "de") and sentence[i - 2].text in _AT))
        for j in range(begin_last + 1, min(len(sentence), begin_last + (RANGE_REACH_WITH_VERBS if far else
                                                                          RANGE_REACH))):
            end = end_at(j)
            if end is None:
                continue
            finish, finish_last, finish_part, strong_end = end
            if j >= begin_last + RANGE_REACH and not strong_end:
                continue
            if _lengths_before(sentence, i) and 0 < finish - begin <= 4 and begin >= 4:
                # "des journées de 10 h 30 à 11 heures": a range of lengths, its midpoint
                found.append(Found((begin + finish) / 2, sentence[i].start, sentence[finish_last].end))
                i = finish_last
                break
            unit_after_end = j + 1 < len(sentence) and sentence[j + 1].text in HOUR_UNITS
            bare_start = sentence[i].kind == "num" and not sentence[i].hour_mark and not (
                i + 1 < len(sentence) and sentence[i + 1].text in HOUR_UNITS | _CLOCK_UNITS)
            if sentence[j].kind == "num" and unit_after_end and bare_start and not begin_part and \
                    not finish_part and 0 < finish - begin <= 4:
                break  # "dalle 10 alle 12 ore", "van 10 à 11 uur": a range of lengths, which the durations read
            # "until 10 or 11 pm", "ending between 7 and 8 p.m.": the midpoint
            later = _either(sentence, finish_last, between=sentence[j - 1].text in _BETWEEN)
            if later is not None and not finish_part:
                # "until 10 or 11 pm", "tot een uur of acht, negen 's avonds": the part named after the second
                finish_part = next((_part(t.text) for t in sentence[finish_last + 2:finish_last + 6]
                                    if _part(t.text)), "")
            hours = _evening_end(_length(begin, begin_part, finish, finish_part, later), finish, finish_part,
                                 verb_ended=_verb_ended(sentence, j))
            if hours is not None and (strong or strong_end or begin_part or finish_part or worked):
                if not (worked or strong or strong_end) and not (begin_part and finish_part):
                    break
                found.append(Found(hours, sentence[i].start, sentence[finish_last].end))
                i = finish_last
            break
        i += 1
    found = _split_shifts(sentence, found)
    if found and any(w in _ASIDE_WORDS for w in words):
        aside = _set_aside(sentence)
        found = [fact for fact in found if not aside(fact.start)]
    return found


def _set_aside(sentence: list[Token]):
    """Whether a range starting at an offset is told after sleeping or waiting, with no word of work between:
    "sliepen op matrassen ... en werkten van negen tot tien" is work; "sliepen van één tot vijf" is not.
    (The sentence's words are read once, each range is a binary search: an endless sentence stays linear.)"""
    starts: list[int] = []
    asides: list[bool] = []
    for token in sentence:
        if token.kind != "word":
            continue
        if token.text in _ASIDE_WORDS:
            starts.append(token.start)
            asides.append(True)
        elif _starts(token.text, _WORK) or _starts(token.text, _START_VERBS) or _starts(token.text, _END_VERBS):
            starts.append(token.start)
            asides.append(False)

    def aside(start: int) -> bool:
        before = bisect_left(starts, start) - 1
        return before >= 0 and asides[before]
    return aside


RANGE_REACH = 14  # tokens from a range's start to its end
RANGE_REACH_WITH_VERBS = 24


def _lengths_before(sentence: list[Token], i: int) -> bool:
    """The numbers at i are lengths of a working day: "journées de 10 h 30 à 11 heures", "shifts of 10 to 11 hours"."""
    return i >= 2 and sentence[i - 1].text in ("de", "of", "van", "von", "di", "da", "po", "по") and (
        sentence[i - 2].text.startswith(_SHIFT) or sentence[i - 2].text in _DAY_NOUNS)


_BETWEEN = frozenset("between tussen entre zwischen tra fra między между".split())


def _either(sentence: list[Token], last: int, between: bool = False) -> float | None:
    if last + 2 < len(sentence) and (sentence[last + 1].text in _OR_WORDS or (
            between and sentence[last + 1].text in _AND)) and sentence[last + 2].kind == "num":
        return sentence[last + 2].value
    # "tot een uur of acht, negen 's avonds": a comma between the two, the day part after the second
    if last + 3 < len(sentence) and sentence[last + 1].text == "," and sentence[last + 2].kind == "num" and \
            any(_part(t.text) for t in sentence[last + 3:last + 5]):
        return sentence[last + 2].value
    return None


def _split_shifts(sentence: list[Token], found: list[Found]) -> list[Found]:
    """"dalle 10 alle 15 e dalle 18 all'una di notte", "van 11 tot 15 uur en van 16.30 tot 23.30 uur": a day
    worked in two parts, one after the other, joined by "and", is their sum."""
    if len(found) < 2:
        return found
    starts = [t.start for t in sentence]
    merged = [found[0]]
    for part in found[1:]:
        # the tokens between the two parts, found by their offsets (a sentence of many ranges stays linear)
        first, last = bisect_left(starts, merged[-1].end), bisect_left(starts, part.start)
        between = [t.text for t in sentence[first:last]] if last - first <= 3 else []
        if between and any(w in _AND for w in between) and merged[-1].value + part.value <= 20:
            merged[-1] = Found(merged[-1].value + part.value, merged[-1].start, part.end)
        else:
            merged.append(part)
    return merged


# Words between a preposition and its time that do not change it: articles, "half" (read by _time_at), "around".
# Before "at" and a time, these make it the end of a day: "only at 10", "erst um 22 Uhr", "pasadas las nueve"
_ONLY_AFTER = frozenset("only só solo seulement nur tylko только pas erst depois after na após dopo après nach po "
                        "после pasadas passées".split())
VERB_REACH = 7  # tokens looked at before a time of day for the verb that starts or ends the day
_SKIPPED = frozenset("las la le les the l' half halb s 's kurz rond around about ongeveer environ circa cerca "
                     "mniej więcej".split())  # "do mniej więcej wpół do jedenastej": until about half past ten
_BEFORE = frozenset("before voor avant antes vor prima przed раньше".split())



def _marked_time(sentence: list[Token], i: int, starting: bool, worked: bool = False):
    """A time of day that a range starts ("from 7", "começava às seis") or ends ("until 10", "saí à 1")."""
    token = sentence[i]
    if token.kind not in ("num", "clock") and token.text not in _MIDNIGHT and token.text not in _NOON:
        return None
    if token.text == "once" and (i == 0 or sentence[i - 1].text not in ("las", "la", "a")):
        return None  # English "once" ("ended once the guests had gone"), not Spanish eleven ("a las once")
    at = i - 2 if _half_to(sentence, i) else i  # "o wpół do siódmej": the preposition is before "wpół do"
    words_before = [t.text for t in sentence[max(0, at - VERB_REACH):at] if t.kind == "word" and t.text not in _SKIPPED
                    and not _part(t.text)]
    prefix = words_before[-3:]
    marks = _FROM if starting else _TO
    prepositions = prefix[-1:] and (prefix[-1] in marks or (prefix[-1] in _AT and len(prefix) >= 2 and _starts(
        prefix[-2], _START_VERBS if starting else _END_VERBS)) or (not starting and prefix[-1] in _AT and
                                                                  len(prefix) >= 2 and prefix[-2] in _ONLY_AFTER))
    # the verb a few words back: "conduits dans les vignes à 5 h 30", "começavam a colher às 4h30"
    verb = any(_starts(w, _START_VERBS if starting else _END_VERBS) for w in words_before[-5:])
    suffix = [t.text for t in sentence[i + 1:i + 4] if t.kind == "word"]
    around = any(t.text in ("rond", "around", "about", "ongeveer", "environ", "circa", "cerca", "gegen", "tegen")
                 for t in sentence[max(0, i - 2):i])  # "rond half elf klaar"
    verb_after = (around or prefix[-1:] and prefix[-1] in _AT) and _any(suffix, _START_VERBS if starting else
                                                                         _END_VERBS)
    if verb_after:
        prepositions = True  # verb last: "die um 10 Uhr anfingen und erst gegen 1 Uhr nachts fertig waren"
    if not starting and prefix[-2:-1] and prefix[-2] in _AFTER and prefix[-1] in ("das", "dos", "des", "del"):
        prepositions = True  # "depois das 20h"
    if not starting and (set(prefix[-2:]) & _BEFORE):
        prepositions = True  # "never finished before ten at night"
    timed = token.kind == "clock" or token.hour_mark  # "17:00-07:00", "7h-19h"
    if timed and not starting and i >= 1 and sentence[i - 1].text in ("-", "–"):
        prepositions = True
    if timed and starting and i + 2 < len(sentence) and sentence[i + 1].text in ("-", "–") and \
            (sentence[i + 2].kind == "clock" or sentence[i + 2].hour_mark):
        prepositions = True
    if not (prepositions or verb or (worked and prefix[-1:] and prefix[-1] in _AT)):
        return None
    time = _time_at(sentence, i)
    if time is None:
        return None
    value, last, part = time
    if not (prepositions or verb):
        # "at around 3 a.m. ... at 10 or 11 at night", in a sentence about work: a time of day with its
        # part, morning to start the day, evening or midnight to end it
        if part not in (("morning",) if starting else ("evening", "midnight")):
            return None
    strong = token.kind == "clock" or token.hour_mark or part != "" or (
        last > i and sentence[last].text in HOUR_UNITS | _CLOCK_UNITS | {"clock"}) or verb or verb_after
    if token.kind == "num" and token.text in _ARTICLES and i > 0 and (
            not strong and sentence[i - 1].text in ("de", "of", "van", "von", "da", "di", "du", "des") or
            sentence[i - 1].text not in _AT | _FROM | _TO | _BEFORE | _AFTER | {"las", "la", "le", "l'", "o"}):
        return None  # "de uma ex-diarista", "li carica su un furgone": an article, not one o'clock ("all'una" is)
    if token.kind == "num" and not strong:
        # "from 5 to 20 workers": a bare number is a time only when nothing but a mark or small word follows
        nxt = sentence[last + 1] if last + 1 < len(sentence) else None
        if nxt is not None and nxt.kind == "word" and len(nxt.text) > 3 and nxt.text not in _TO and \
                nxt.text not in _OR_WORDS:
            return None
    return value, last, part, strong


_ARTICLES = frozenset("a an one um uma un une una uno ein eine een".split())


def _length(begin: float, begin_part: str, finish: float, finish_part: str, either: float | None) -> float | None:
    def clock(value: float, part: str, is_end: bool) -> float:
        if part in ("evening", "afternoon") and value < 12:
            if part == "evening" and value <= 5 and not is_end:
                return value  # "dalle tre di notte": three in the morning
            if part == "evening" and value <= 4 and is_end:
                return value + 24  # "until 1 at night": past midnight
            return value + 12
        return value

    start = clock(begin, begin_part, False)
    end = clock(finish, finish_part, True)
    if either is not None:
        end = (end + clock(either, finish_part, True)) / 2 if either > finish else end
    if end <= start and not finish_part and end + 12 > start and start <= 12:
        end += 12
    if end <= start:
        end += 24
    hours = round(end - start, 2)
    return hours if 1 <= hours <= 24 else None


# -- rest days -------------------------------------------------------------------------------------

def rest_days_per_month(text: str) -> list[Found]:
    """Every number of rest days a month the (lower-cased) text states, with where it says so."""
    found: list[Found] = []
    sentences = _read(text)
    for index, sentence in enumerate(sentences):
        here = _rest(sentence)
        if not here and index and sentences[index - 1] and sentences[index - 1][-1].text == "?" and \
                any(_rest_word(w) for w in _words(sentences[index - 1])):
            here = _rest(sentence, asked=True)
        found += here
    return found


def _period(words: list[str]) -> float | None:
    """How many of the period named a month holds: a month 1, a week 4, a fortnight 2."""
    for index, word in enumerate(words):
        if word in _PER_MONTH:
            count = NUMBERS.get(words[index - 1]) if index else None  # "in two months": half a month's worth
            return 1.0 / count if count and 1 < count <= 12 else 1.0
        if word in _PER_FORTNIGHT or (word in ("semaines", "weeks", "wochen", "semanas", "settimane", "weken",
                                               "tygodnie", "недели") and index and words[index - 1] in (
                "two", "deux", "zwei", "dos", "duas", "due", "dwa", "две", "twee", "2")):
            return 2.0
        if word in _PER_WEEK:
            return 4.0
    return None


# What a sentence about rest days holds at least one of: the others are not read further.
_REST_HINTS = _REST + _WEEKDAYS_OFF + ("pause", "pausa", "pauze", "przerw", "перерыв", "week")
_ONE = frozenset("a an one un une ein eine einen einem een één uno una um uma jeden jedną jednym jednego jednej "
                 "один одна одну одним одного once einmal eens raz раз".split())
_PAUSE = frozenset("pause pausa pauze przerwy przerwa перерыва перерыв".split())
_ALTERNATE = ("alternate", "altern", "other", "andere", "second", "zweiten", "drug", "через", "sim", "sì", "sí")


def _rest_word(word: str) -> bool:
    return word in _REST_WORDS or word.startswith(_REST_PREFIXES)


def _is_rest(sentence: list[Token], i: int) -> bool:
    word = sentence[i].text
    if sentence[i].kind != "word":
        return False
    if word in _PAUSE:  # "ohne einen Tag Pause", "bez dnia przerwy": a day's pause is a day off
        return i > 0 and sentence[i - 1].text in _DAY_NOUNS | {"dniem", "tag"}
    return _rest_word(word)


def _count(sentence: list[Token], i: int) -> tuple[float, int] | None:
    """A number of days at i: a number, or a / one / once ("a day off every two weeks"), with "and a half"."""
    token = sentence[i]
    if token.kind == "num":
        value, last = _number_at(sentence, i)
    elif token.kind == "word" and token.text in _ONE:
        value, last = 1.0, i
    else:
        return None
    # "un jour et demi", "día y medio", "anderhalve vrije dag"
    if last + 1 < len(sentence) and sentence[last + 1].text in _DAY_NOUNS:
        half, size = _half_after(sentence, last + 1)
        if half:
            return value + half, last + 1 + size
    return value, last


def _rest(sentence: list[Token], asked: bool = False) -> list[Found]:
    words = [t.text for t in sentence]
    if not asked and not any(w in _DAY_NOUNS or w in _NIGHTS or w in _ROTA_MARKS or w.startswith(_REST_HINTS) or
                             "dniow" in w or "дневн" in w or "tage" in w for w in words):
        return []  # most sentences say nothing of days
    if any(w in _OPENING for w in words):
        return []
    rest_at = {i for i in range(len(sentence)) if _is_rest(sentence, i)}
    span = (sentence[0].start, sentence[-1].end)
    on_off = _on_off(sentence)
    if on_off is None:
        on_off = _worked_then_off(sentence)
    if on_off is not None:
        return [Found(on_off, *span)]
    if asked and any(w in _NEVER or w in _NO for w in [t.text for t in sentence if t.kind == "word"][:2]):
        return [Found(0.0, *span)]  # "Days off? - Never." 
    # No rest at all: "without a single day off", "ни одного выходного", "Riposo? Mai"
    for i in sorted(rest_at):
        for k in range(max(0, i - 7), i):
            if words[k] == "no" and words[k + 1] in _PORTUGUESE_NO:
                continue  # "No dia de folga, ...": Portuguese "on the day", not "no day"
            if words[k] in _NEGATIONS and not any(sentence[n].kind == "num" and sentence[n].value > 1 and
                                                  not _article(sentence, n) for n in range(k, i)):
                return [Found(0.0, *span)]
        if any(w in _NEVER for w in words[i + 1:i + 3]):
            return [Found(0.0, *span)]
        # "freie Tage gibt es nicht", "выходных нет с июля", "days off: none"
        after_rest = sentence[i + 1:i + 10]
        clause = next((k for k, t in enumerate(after_rest) if t.text in (",", ";", "—", "–")), len(after_rest))
        denied = any(t.text in _NONE_AFTER or (t.text, after_rest[k + 1].text if k + 1 < clause else "")
                     in _NONE_AFTER_PAIRS for k, t in enumerate(after_rest[:clause]))
        # a number counts days off ("days off: two, not none") unless it measures the time ("in elf Wochen nicht")
        # "ни у одного работника" (not one of the workers) counts no days
        counts = any(t.kind == "num" and not (k + 1 < clause and (after_rest[k + 1].text in _PER_WEEK or
                                                              after_rest[k + 1].text in _PER_MONTH)) and
                     not any(x.text == "ни" for x in after_rest[max(0, k - 2):k])
                     for k, t in enumerate(after_rest[:clause]))
        if denied and not counts:
            return [Found(0.0, *span)]
    if rest_at:
        # "thirteen days in a row before a single day off": one day off in every fourteen
        in_a_row = _days_in_a_row(sentence, words, rest_at)
        if in_a_row is not None:
            return [Found(float(round(30 / (in_a_row + 1))), *span)]
    if rest_at or asked:
        counted = _counted_rest(sentence, words, rest_at, asked)
        if counted is not None:
            return [counted]
        # A named weekday or the weekend off: "Sundays off", "wolne mieli tylko w niedziele", "weekends free"
        text = " ".join(words)
        if any(w in text for w in _WEEKEND):
            return [Found(8.0, *span)]
        if _any(words, _WEEKDAYS_OFF) and not _week_range(words):  # "de lunes a viernes" is the week worked
            once = any(w in _PER_MONTH for w in words)
            # "le samedi et le dimanche sont libres": both days of the weekend off (a Saturday that ends a
            # range, "Monday to Saturday, Sunday off", is a working day)
            if not once and _any(words, _SUNDAY) and any(
                    _starts(w, _SATURDAY) and not (k and words[k - 1] in _RANGE_END) for k, w in enumerate(words)):
                return [Found(8.0, *span)]
            # two weekdays off named together: "Folgo domingo e segunda", "off on Sundays and Mondays"
            if not once and _two_weekdays(words):
                return [Found(8.0, *span)]
            alternate = _any(words, _ALTERNATE) or "om" in words or any(
                w in _EVERY and any(x in ("2", "14", "15", "two", "zwei", "dos", "due", "duas", "quinze", "quince",
                                          "quindici", "vierzehn", "twee") for x in words[k + 1:k + 3])
                for k, w in enumerate(words))
            return [Found(1.0 if once else 2.0 if alternate else 4.0, *span)]
        if any(w in _EVERY for w in words) and any(
                x in ("14", "15", "quinze", "quince", "quindici", "vierzehn", "veertien") for x in words):
            return [Found(2.0, *span)]  # "un jour de repos tous les quinze jours", "alle vierzehn Tage"
    # "przez 26 dni w miesiącu", "26 days a month": the month's other days are the days off
    worked = None if rest_at else _days_a_month(sentence, words)
    if worked is not None:
        return [Found(float(30 - worked), *span)]
    # "N days a week" counts working days only where no word of rest says they are days off
    days = None if rest_at else _days_worked(sentence)
    if days and (any(w in _PER_WEEK for w in words) or _of_seven(sentence)) or _week_range(words):
        days = days or _week_range(words)
        if not any(w in _OPENING for w in words):
            return [Found(float((7 - days) * 4), *span)]
    return []


_WEEKDAY_KINDS = (_SUNDAY, ("monday", "maandag", "lundi", "lunes", "montag", "segunda", "lunedì", "poniedział",
                             "понедельн"), _SATURDAY)


def _two_weekdays(words: list[str]) -> bool:
    """Two different weekdays named side by side ("domingo e segunda", "Sundays and Mondays"), neither ending
    a range of the week worked."""
    named = [(k, kind) for k, w in enumerate(words) for kind, days in enumerate(_WEEKDAY_KINDS)
             if _starts(w, days) and not (k and words[k - 1] in _RANGE_END)]
    return any(second - first <= 3 and kind != other and all(w in _AND or w in ("the", "le", "la", "el", "o", "a", "il",
                                                                                 ",", "de", "den", "der")
                                                             for w in words[first + 1:second])
               for (first, kind), (second, other) in zip(named, named[1:], strict=False))


_COLLECTIVE = {"сутки": 1.0, "двое": 2.0, "трое": 3.0, "четверо": 4.0}
_ROTA_MARKS = frozenset(("через", "x", "/"))  # between days on and days off: "шесть через один", "6x1", "5/2"


def _on_off(sentence: list[Token]) -> float | None:
    """A rota of days on and days off: "шесть через один" (six on, one off: about 4 a month), "два через два"
    (15), "six days on, one day off"."""
    for i, token in enumerate(sentence):
        if token.text == "сутки" and i + 2 < len(sentence) and sentence[i + 1].text == "через":
            # "сутки через трое": a day and a night on, then three days off
            off = _COLLECTIVE.get(sentence[i + 2].text)
            if off is not None:
                return float(round(30 * off / (1 + off)))
        if token.kind != "num" or not 1 <= (token.value or 0) <= 14:
            continue
        after = sentence[i + 1:i + 8]
        if after and after[0].text in _ROTA_MARKS and len(after) > 1 and after[1].kind == "num" and (
                after[0].text == "через" or _rota_named(sentence, i)):
            off = after[1].value
            if after[0].text != "через" and (token.value > 7 or off > 7):
                off = None  # "12x36" counts hours, not days
        else:
            # "six days on, one day off", "6 on / 1 off"
            words = [t.text for t in after]
            unit = ("days", "day", "weeks", "week")
            if words[:1] != ["on"] and not (words[:1] and words[0] in unit and words[1:2] == ["on"]):
                continue
            on = words.index("on")
            rest = next((k for k in range(on + 1, min(on + 4, len(after))) if after[k].kind == "num"), None)
            off = after[rest].value if rest is not None and (
                words[rest + 1:rest + 2] == ["off"] or (words[rest + 1:rest + 2] and words[rest + 1] in unit and
                                                        words[rest + 2:rest + 3] == ["off"])) else None
        if off is not None and 1 <= off <= 14:
            return float(round(30 * off / (token.value + off)))
    return None


_WEEKS = frozenset("week weeks weken semaine semaines semana semanas woche wochen settimana settimane tydzień "
                   "tygodnie tygodni неделю недели недель".split())
_AT_HOME = frozenset("home thuis casa maison hause terra wal domu дома".split())  # "una semana en casa"


def _rota_unit(word: str) -> str | None:
    if word in _DAY_NOUNS:
        return "day"
    if word in _NIGHTS:
        return "night"
    return "week" if word in _WEEKS else None


def _worked_then_off(sentence: list[Token]) -> float | None:
    """A rota told in words: "seis días de trabajo y uno de descanso", "sechs Tage Arbeit, ein Tag frei",
    "twee nachten werken en daarna twee nachten vrij", "tres semanas en ruta y una semana en casa": the days
    off are that share of the month. Not a contract's rota, not "without a single day off", not "five days
    out of seven"."""
    if any(t.kind == "word" and _norm(t.text) for t in sentence):
        return None
    for i, token in enumerate(sentence):
        if token.kind != "num" or not 1 <= (token.value or 0) <= 30 or i + 1 >= len(sentence):
            continue
        unit = _rota_unit(sentence[i + 1].text)
        if unit is None:
            continue
        for k in range(i + 2, min(len(sentence), i + 10)):
            other = sentence[k]
            if sentence[k].text in _NEGATIONS:
                break  # "eleven weeks without a single day off", "pas un jour de repos"
            if not (other.kind == "num" and 1 <= (other.value or 0) <= 30 or other.text in _ONE):
                continue
            if sentence[k - 1].text in ("su", "sur", "of", "из", "out"):
                break  # "cinque giorni su sette": the week, not days off
            after = [t.text for t in sentence[k + 1:k + 4]]
            named = next((n for n, w in enumerate(after[:2]) if _rota_unit(w) is not None), None)
            if named is not None:
                if _rota_unit(after[named]) != unit:
                    break
                rest = any(_rest_word(w) or w in _AT_HOME for w in after[named + 1:named + 3])
            else:
                rest = any(_rest_word(w) for w in after[:2])  # "dos libres", "uno de descanso"
            if rest:
                off = other.value if other.kind == "num" else 1.0
                return float(round(30 * off / (token.value + off), 1))
            break
    return None


def _rota_named(sentence: list[Token], i: int) -> bool:
    """ "escala 6x1", "система 5/2", "grafik 6/1": the word of a rota just before the numbers."""
    return i > 0 and sentence[i - 1].text.startswith(("escala", "regime", "rota", "roster", "schedule", "system",
                                                      "schichtplan", "dienstplan", "rooster", "turno", "turni",
                                                      "grafik", "график", "систем", "режим", "turnus", "schema"))


def _days_in_a_row(sentence: list[Token], words: list[str], rest_at: set[int]) -> float | None:
    """Days worked in a row before a day off, 3 to 30: "thirteen days in a row before a single day off",
    "dertien dagen achter elkaar, dan één vrije dag", "13 дней подряд, потом выходной"."""
    for i, token in enumerate(sentence):
        if token.kind != "num" or not 3 <= (token.value or 0) <= 30 or i + 1 >= len(words) or \
                words[i + 1] not in _DAY_NOUNS:
            continue
        row = next((k for k in range(i + 2, min(len(words), i + 6)) if words[k] in _IN_A_ROW or (
            words[k] == "elkaar" and words[k - 1] == "achter")), None)
        if row is not None and any(k in rest_at for k in range(row + 1, row + 11)):
            return float(token.value)
    return None


_PORTUGUESE_NO = frozenset("dia domingo sábado fim mês final".split())


def _article(sentence: list[Token], at: int) -> bool:
    """Portuguese "dos" ("nenhum dos pescadores"), not Spanish two: it is followed by a word other than days."""
    if sentence[at].text != "dos":
        return False
    following = sentence[at + 1].text if at + 1 < len(sentence) else ""
    return following not in _DAY_NOUNS and not _rest_word(following)


def _days_a_month(sentence: list[Token], words: list[str]) -> int | None:
    """Days worked in a month, 20 to 30, told as a number of days and a month: "26 days a month"."""
    for i, token in enumerate(sentence):
        if token.kind == "num" and 20 <= token.value <= 30 and token.value == int(token.value) and \
                i + 1 < len(words) and words[i + 1] in _DAY_NOUNS and \
                any(w in _PER_MONTH for w in words[i + 2:i + 5]):
            return int(token.value)
    return None


def _counted_rest(sentence, words, rest_at, asked) -> Found | None:
    """ "two days off a month", "Ruhetage: 3 pro Monat", "un jour de repos par semaine"; when a contract's
    figure is set against what happened ("two days off a week were promised, in reality one"), the latter."""
    found: Found | None = None
    found_ruled = False
    for i in range(len(sentence)):
        counted = _count(sentence, i)
        if counted is None or not 0 < counted[0] <= 16:
            continue
        value, last = counted
        following = words[last + 1:last + 4]
        if following[:1] and (following[0] in _MORNING or following[0] in _EVENING):
            continue  # "until 11 at night, a day off once a month": a time of day
        preceding = words[max(0, i - 3):i]
        about_rest = asked or any(k in rest_at for k in range(last + 1, last + 4)) or \
            any(k in rest_at for k in range(max(0, i - 6), i)) or \
            (following[:1] and (following[0] in _DAY_NOUNS or following[0] in ("volta", "vezes", "fois", "mal",
                                                                                "keer", "razy")) and
             any(k in rest_at for k in range(last + 1, last + 6)))
        if not about_rest and not (sentence[i].text in _ONE and any(
                k in rest_at for k in range(last + 1, last + 5))):
            continue
        if sentence[i].kind == "word" and sentence[i].text in _ONE and sentence[i].text not in (
                "once", "einmal", "eens", "raz", "раз") and not (following[:1] and (
                following[0] in _DAY_NOUNS or _rest_word(following[0]) or _starts(following[0], _WEEKDAYS_OFF))):
            continue
        period = _period(words[last + 1:last + 10])
        if period is None and following[:1] and (following[0] in _DAY_NOUNS or _rest_word(following[0])):
            period = _period_before(words, i)
        if period is None:
            continue
        ruled = any(_norm(w) for w in words[max(0, i - 8):i]) or any(_norm(w) for w in preceding)
        here = Found(round(value * period, 1), sentence[i].start, sentence[min(last + 9, len(sentence) - 1)].end)
        if found is None or (not ruled and found_ruled):
            found, found_ruled = here, ruled
            if not ruled:
                return found
    if found is not None and found_ruled:
        later = _after_contrast(sentence, words, found)
        return later
    return found


def _period_before(words: list[str], i: int) -> float | None:
    """The period named shortly before the count, in its clause: "in most months there are two rest days",
    "eine 40-Stunden-Woche mit zwei freien Tagen" (not a length of time: "for two months, one day off")."""
    for k in range(i - 1, max(-1, i - 7), -1):
        word = words[k]
        if word in (",", ";", ":", "(", ")"):
            return None
        if word in _PER_MONTH or word in _PER_WEEK or word.endswith(("-woche", "-week", "woche")):
            if k and (words[k - 1] in NUMBERS or words[k - 1][:1].isdigit()):
                return None  # "for two months", "in drei Wochen": a length of time
            return 1.0 if word in _PER_MONTH else 4.0
    return None


def _after_contrast(sentence, words, ruled: Found) -> Found | None:
    """The figure after "but in reality": "tatsächlich bekamen sie nur einen" (one, in the period first named)."""
    period = _period(words) or 1.0
    for i, token in enumerate(sentence):
        if token.start > ruled.start and token.text in _CONTRAST:
            for k in range(i + 1, min(len(sentence), i + 10)):
                counted = _count(sentence, k)
                if counted is not None and 0 < counted[0] <= 16:
                    own = _period(words[counted[1] + 1:counted[1] + 6])
                    return Found(round(counted[0] * (own or period), 1), sentence[k].start, sentence[k].end)
    return None


def plausible(text: str, start: int, end: int, days: bool = False) -> bool:
    """Whether a working time found by a fixed phrase sits among words about work as it is, not about a shop's
    opening hours, a helpline, a journey, a strike or what a law or a contract allows (days: a count of days,
    which words of sleeping or waiting elsewhere in the sentence do not concern)."""
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), start - 300) + 1
    stops = [at for at in (text.find(". ", end, end + 300), text.find("\n", end, end + 300)) if at != -1]
    sentence_end = min(stops) if stops else min(len(text), end + 300)
    words = [t.text for t in tokens(text[sentence_start:sentence_end]) if t.kind == "word"]
    return not (any(w in _OPENING for w in words) or any(_not_work(w) and not (days and w in _ASIDE_WORDS)
                                                          for w in words) or any(_norm(w) for w in words))
