"""The demo source of the founding case: a short Dutch summary written for caseapp's demo.

It is not the 2018 article: it restates some of its facts in new words, and says so.
"""

TITLE = "Demotekst: Noord-Koreaanse bouwvakkers in Rusland (samenvatting voor caseapp)"
PUBLISHER = "caseapp demo"

TEXT = """\
[Demotekst, geschreven voor caseapp. Dit is geen origineel artikel: het vat feiten samen uit \
een Nederlands nieuwsbericht uit 2018 dat zich baseerde op The Wall Street Journal.]

Noord-Koreaanse bouwvakkers in Rusland

Sinds de VN-sancties van september 2017 zijn er in Rusland minstens 10.000 nieuwe \
Noord-Koreaanse arbeiders geregistreerd. Velen werken in de bouw, onder meer aan de stadions \
voor het WK van 2018 in Sint-Petersburg.

Werkdagen van zestien uur per dag zijn geen uitzondering. Een aannemer in Sint-Petersburg \
vertelde dat zijn arbeiders van 07.00 tot 22.00 uur werkten, soms tot middernacht.

Bewakers die met de arbeiders meereizen innen de lonen. De arbeiders zien daar maar een klein \
deel van; de rest gaat naar de Noord-Koreaanse staat.

De mannen wonen in gesloten barakken en worden met bussen naar de bouwplaats en terug \
gebracht. Alleen getrouwde mannen met kinderen worden uitgezonden: hun gezin blijft thuis als \
onderpand en wordt gestraft als de man vlucht.
"""

# (quote, fact, value): each quote is cited in the founding case, most as evidence for a fact.
# The two working-day figures disagree (16 and 15 hours): the demo shows that contradiction.
QUOTES = [
    ("minstens 10.000 nieuwe Noord-Koreaanse arbeiders", "workers_count",
     {"min": 10000, "max": None, "qualifier": "at_least"}),
    ("Werkdagen van zestien uur per dag zijn geen uitzondering.", "daily_hours", 16),
    ("van 07.00 tot 22.00 uur werkten, soms tot middernacht", "daily_hours", 15),
    ("Bewakers die met de arbeiders meereizen innen de lonen.", "wage_recipient", "guard"),
    ("De mannen wonen in gesloten barakken", "housing_type", "barracks"),
    ("hun gezin blijft thuis als onderpand en wordt gestraft als de man vlucht", "threats", True),
]

# English translations of the quotes, made for the demo by its author, so that an English report reads them.
TRANSLATIONS = {
    "minstens 10.000 nieuwe Noord-Koreaanse arbeiders": "at least 10,000 new North Korean workers",
    "Werkdagen van zestien uur per dag zijn geen uitzondering.": "Working days of sixteen hours are no exception.",
    "van 07.00 tot 22.00 uur werkten, soms tot middernacht": "worked from 07:00 to 22:00, sometimes until midnight",
    "Bewakers die met de arbeiders meereizen innen de lonen.": "Guards who travel with the workers collect the wages.",
    "De mannen wonen in gesloten barakken": "The men live in closed barracks",
    "hun gezin blijft thuis als onderpand en wordt gestraft als de man vlucht":
        "their family stays at home as a pledge and is punished if the man flees",
}

# The coordinator settles the demo's contradiction (16 hours in one passage, 07:00 to 22:00 in the other).
RETAINED = ("daily_hours", 16, "The report gives 16-hour days as usual; the contractor's 07:00–22:00, sometimes "
                               "until midnight, is consistent with it.")

# The founding case's findings: indicator -> (status, stages, quotes as evidence, note).
# Restriction of movement is left for the suggestion engine to propose on the demo source.
FINDINGS = {
    "excessive_overtime": ("present", ["employment"],
                           ["Werkdagen van zestien uur per dag zijn geen uitzondering.",
                            "van 07.00 tot 22.00 uur werkten, soms tot middernacht"],
                           "15 to 16 hours a day, little rest."),
    "withholding_of_wages": ("present", ["employment", "exit"],
                             ["Bewakers die met de arbeiders meereizen innen de lonen."],
                             "Minders collect the wages; the workers see a fraction."),
    "isolation": ("present", ["employment"], ["De mannen wonen in gesloten barakken"],
                  "They see nothing of the country beyond the site."),
    "intimidation_threats": ("present", ["employment", "exit"],
                             ["hun gezin blijft thuis als onderpand en wordt gestraft als de man vlucht"],
                             "The family at home is punished if the worker flees."),
    "abusive_working_living_conditions": ("present", ["employment"], ["De mannen wonen in gesloten barakken"],
                                          "Little rest; closed barracks."),
    "abuse_of_vulnerability": ("suspected", ["recruitment"], [],
                               "Only married men with children are sent: dependence on the state."),
}
