"""The founding case, told in caseapp's own words from the facts of the 2018 report.

Facts only: the source article itself is not part of the project.
"""

TITLE = "North Korean construction workers in Russia"

SUMMARY = """\
Workers from North Korea are sent to Russia by their own state and put to work on \
building sites, among them the stadiums built for the 2018 World Cup in Saint \
Petersburg. They are often hired through Russian–North Korean joint ventures.

Since the UN sanctions of September 2017 at least 10,000 new North Korean workers \
have been registered in Russia; official figures counted 24,000 North Koreans in the \
country the year before, and the real number may be higher. Some 100,000 North \
Koreans work abroad in all.

Working days of 16 hours are common: a contractor in Saint Petersburg said his \
workers were on site from 07:00 to 22:00, sometimes until midnight, with little rest. \
Minders sent along with the workers collect their wages; the workers receive a \
fraction and most of the money goes to the North Korean state. Overseas workers are \
estimated to earn the regime about 1.7 billion a year (reported once in dollars and \
once in euros).

The workers live in closed barracks, are taken by bus to the site and back, see \
nothing else of the country and receive political instruction after work. Only \
married men with children are sent: the family stays behind as a guarantee and is \
punished if the worker runs away.

Reported by a Dutch news site in 2018, citing The Wall Street Journal. UN Security \
Council resolutions of 2017 bar new work permits for North Koreans and require those \
abroad to be sent home within two years.
"""

RECORD = {
    "title": TITLE,
    "summary": SUMMARY,
    "country": "RU",
    "region": "Saint Petersburg and other regions",
    "worksite": "Construction sites, among them the 2018 World Cup stadium in Saint Petersburg",
    "sector": "construction",
    "period_start": "2017-09",
    "period_end": "2018",
    "worker_groups": [{
        "origin": "KP",
        "count_min": 10000,
        "count_qualifier": "at_least",
        "gender_note": "Men, married with children",
        "age_note": "Adults",
        "note": "New workers registered since the UN sanctions of September 2017; 24,000 North Koreans were "
                "in Russia the year before by official figures, and the real number may be higher.",
    }],
    "conditions": {
        "daily_hours": 16,
        "daily_hours_note": "Working days of 16 hours are said to be no exception.",
        "work_start": "07:00",
        "work_end": "22:00",
        "work_end_note": "Sometimes until midnight, according to a Saint Petersburg contractor.",
        "rest_days_per_month": 1,
        "rest_days_per_month_note": "A linked report speaks of one day off a month.",
        "wage_recipient": "guard",
        "wage_recipient_note": "Minders travelling with the workers collect the wages; the workers see a fraction.",
        "wage_withheld_share_note": "Most of the wage goes to the state; the exact share is not reported.",
        "housing_type": "barracks",
        "housing_conditions": "Closed barracks; political instruction after work.",
        "movement_escorted": True,
        "movement_escorted_note": "Taken by bus to the site and back.",
        "movement_confined": True,
        "movement_confined_note": "They see nothing of the country beyond the site and the barracks.",
        "threats": True,
        "threats_note": "The family stays in North Korea as a guarantee and is punished if the worker flees.",
    },
}

PARTIES = [
    {"name": "State of the DPRK (North Korea)", "kind": "state_body", "country": "KP",
     "aliases": ["North Korean state", "DPRK"], "role": "state_body",
     "note": "Sends the workers abroad and receives most of their wages."},
    {"name": "Russian–North Korean joint ventures", "kind": "joint_venture", "country": "RU",
     "role": "joint_venture", "note": "Hire the workers; to be wound up under the 2017 UN sanctions."},
    {"name": "Saint Petersburg construction contractor", "kind": "employer", "country": "RU",
     "role": "employer", "note": "Not named in the report; described the workers' hours."},
    {"name": "Minders accompanying the workers", "kind": "guard", "country": "KP", "role": "guard",
     "note": "Collect the wages and watch the workers."},
]

PERSONS = [
    {"name": "Unnamed contractor (quoted in the report)", "role": "witness", "risk": "medium",
     "notes": "Source of the 07:00–22:00 working hours."},
]
