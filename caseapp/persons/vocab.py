"""Person roles, consent and risk levels. Plain Python."""
from caseapp.errors import N_

PERSON_ROLES: dict[str, str] = {
    "worker": N_("Worker"),
    "family_member": N_("Family member"),
    "informant": N_("Informant"),
    "witness": N_("Witness"),
}
CONSENT: dict[str, str] = {"given": N_("Given"), "withdrawn": N_("Withdrawn"), "unknown": N_("Unknown")}
RISK: dict[str, str] = {"low": N_("Low"), "medium": N_("Medium"), "high": N_("High")}

# Informants are the people most at risk if a record leaks.
DEFAULT_RISK = {"informant": "high"}

# Every field that identifies a person, in one place: these are the fields that
# are stored protected, never shown to those without need-to-know, and whose
# values never enter the history.
IDENTIFYING_FIELDS: tuple[str, ...] = ("name", "aliases", "contact", "document_numbers", "notes")
