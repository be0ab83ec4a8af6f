"""Demo sources of the other demo cases: invented texts, written for caseapp's demo.

The verified fishing case carries its quotes and signed-off findings, so an advocate's dossier of the
demo has evidence in it; the kitchen draft carries an unquoted source, the caseworker's work to do.
"""

FISHING_TITLE = "Interview notes: two deckhands in Ranong (demo)"
FISHING_TEXT = """\
[Demo text written for caseapp. The vessel, the agency and the people are invented.]

Interview notes, Ranong, 20 February 2024.

Two deckhands who left the trawler described eleven months at sea. The boat never came into port; \
every two weeks a carrier vessel took the catch and brought fuel and rice.

They worked about twenty hours a day when the nets were out and had no day off in the whole period.

The captain collected all phones on the first day. Their wages were paid to the agency in Yangon, \
which kept them against the recruitment debt.

One man swam ashore at night because he saw no other way to leave.
"""

# (quote, fact or None, value): each quote is cited in the fishing case.
FISHING_QUOTES = [
    ("The boat never came into port", "movement_confined", True),
    ("about twenty hours a day", "daily_hours", 20),
    ("no day off in the whole period", "rest_days_per_month", 0),
    ("The captain collected all phones on the first day.", "phones_taken", True),
    ("Their wages were paid to the agency in Yangon", "wage_recipient", "agent"),
    ("which kept them against the recruitment debt", None, None),
    ("swam ashore at night because he saw no other way to leave", None, None),
]

# indicator -> (status, stages, quotes, note); the present ones are signed off before the case is verified.
FISHING_FINDINGS = {
    "excessive_overtime": ("present", ["employment"],
                           ["about twenty hours a day", "no day off in the whole period"],
                           "About 20 hours a day, no rest day in eleven months."),
    "isolation": ("present", ["employment"], ["The boat never came into port",
                                              "The captain collected all phones on the first day."],
                  "Eleven months at sea without a port call; phones taken."),
    "restriction_of_movement": ("present", ["employment", "exit"],
                                ["swam ashore at night because he saw no other way to leave"],
                                "The only way off the boat was to swim."),
    "withholding_of_wages": ("present", ["employment"], ["Their wages were paid to the agency in Yangon"],
                             "Wages paid to the agency, not to the workers."),
    "debt_bondage": ("suspected", ["recruitment", "employment"],
                     ["which kept them against the recruitment debt"],
                     "The agency keeps the wages against a debt: its size is not known yet."),
}

KITCHEN_RECORD = {
    "title": "Kitchen staff housed in the restaurant's storeroom",
    "summary": "A former cook says the kitchen staff of a restaurant chain sleep in its storeroom and hand their "
               "passports to the manager on arrival.",
    "country": "NL", "sector": "hospitality", "period_start": "2025-03",
    "worker_groups": [{"origin": "IN", "count_min": 6, "count_max": 8, "count_qualifier": "about",
                       "gender_note": "Men"}],
    "conditions": {},
    "parties": [{"name": "Spice Route Restaurants B.V.", "role": "employer"}],
}
KITCHEN_TITLE = "Call notes: a former cook of the restaurant (demo)"
KITCHEN_TEXT = """\
[Demo text written for caseapp. The restaurant and the people are invented.]

Call notes, 12 May 2025.

The caller worked as a cook for nine months. He says the kitchen staff work from eleven in the \
morning until one at night, six days a week.

The manager keeps their passports in the office safe, "so that nobody gets lost". The men sleep \
on mattresses in the storeroom behind the kitchen, eight to a room, and may not go out after closing.

Part of the pay is kept back each month for the flights and the room.
"""
