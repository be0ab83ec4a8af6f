"""Kinds of party, and the name matching that spots duplicates. Plain Python."""
from __future__ import annotations

import re
import unicodedata

from caseapp.errors import N_

PARTY_KINDS: dict[str, str] = {
    "employer": N_("Employer"),
    "recruiter": N_("Recruiter"),
    "intermediary": N_("Intermediary"),
    "joint_venture": N_("Joint venture"),
    "state_body": N_("State body"),
    "buyer": N_("Buyer"),
    "guard": N_("Guard"),
    "other": N_("Other"),
}

# Legal forms say nothing about who a company is: "Nordstroy LLC" is "NordStroy".
LEGAL_FORMS = {
    "llc", "ltd", "limited", "inc", "incorporated", "corp", "corporation", "co", "company", "plc", "gmbh",
    "ag", "bv", "nv", "sa", "sas", "sarl", "srl", "spa", "sl", "oy", "ab", "as", "aps", "kft", "sro",
    "sp", "zoo", "ooo", "zao", "oao", "pao", "ao", "ооо", "зао", "оао", "пао", "ао", "ип", "jsc", "pjsc",
    "llp", "lp", "pte", "pty", "bhd", "sdn", "tbk", "pt", "cv", "group", "holding", "holdings",
}


def normalise_name(name: str) -> str:
    """Lower case, no accents, no punctuation, no legal form."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = re.findall(r"\w+", text)
    kept = [w for w in words if w not in LEGAL_FORMS]
    return " ".join(kept or words)
