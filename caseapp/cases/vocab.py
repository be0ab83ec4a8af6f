"""The fixed vocabularies of a case: countries, sectors, statuses. Plain Python."""
from __future__ import annotations

import unicodedata

from functools import lru_cache

import pycountry
from babel import Locale, UnknownLocaleError

from caseapp.cases import workflow
from caseapp.errors import N_

SECTORS: dict[str, str] = {
    "construction": N_("Construction"),
    "agriculture": N_("Agriculture"),
    "fishing": N_("Fishing"),
    "manufacturing": N_("Manufacturing"),
    "domestic_work": N_("Domestic work"),
    "shipbuilding": N_("Shipbuilding"),
    "mining": N_("Mining"),
    "hospitality": N_("Hospitality"),
    "care": N_("Care"),
    "logistics": N_("Logistics"),
    "other": N_("Other"),
}

# The statuses and their names live with the workflow that moves between them.
STATUSES = workflow.STATUSES

CONFIDENTIALITY: dict[str, str] = {
    "normal": N_("Normal"),
    "restricted": N_("Restricted: assignee, coordinators and admins only"),
}

COUNT_QUALIFIERS: dict[str, str] = {
    "exact": N_("exactly"),
    "about": N_("about"),
    "at_least": N_("at least"),
    "at_most": N_("at most"),
    "unknown": N_("unknown"),
}

ACTION_KINDS: dict[str, str] = {
    "referral": N_("Referral"),
    "complaint": N_("Complaint"),
    "employer_contact": N_("Contact with the employer"),
    "buyer_contact": N_("Contact with a buyer"),
    "media": N_("Media"),
    "other": N_("Other"),
}

COUNTRY_CODES: frozenset[str] = frozenset(c.alpha_2 for c in pycountry.countries)


def is_country(code: str) -> bool:
    return code in COUNTRY_CODES


@lru_cache(maxsize=16)
def country_names(locale: str) -> dict[str, str]:
    """ISO code -> country name in `locale`, sorted by name."""
    try:
        territories = Locale.parse(locale).territories
    except (UnknownLocaleError, ValueError):
        territories = Locale.parse("en").territories
    names = {code: territories.get(code) or pycountry.countries.get(alpha_2=code).name for code in COUNTRY_CODES}
    return dict(sorted(names.items(), key=lambda item: sort_key(item[1])))


def sort_key(name: str) -> str:
    """A name as a list sorts it: "Égypte" among the E's, "Åland" among the A's (code points put them last)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def country_name(code: str | None, locale: str = "en") -> str:
    if not code:
        return ""
    return country_names(locale).get(code, code)
