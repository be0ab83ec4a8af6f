"""How history entries read to a person: action and field names. Plain Python."""
from caseapp.errors import N_

ACTIONS: dict[str, str] = {
    "organisation.create": N_("created the organisation"),
    "user.create": N_("created the user"),
    "user.update": N_("changed the user"),
    "user.login": N_("signed in"),
    "user.password_change": N_("changed their password"),
    "user.password_reset": N_("reset the password"),
    "api_token.create": N_("created an API token"),
    "api_token.revoke": N_("revoked an API token"),
    "case.create": N_("created the case"),
}

FIELDS: dict[str, str] = {
    "reference": N_("Reference"),
    "title": N_("Title"),
    "summary": N_("Summary"),
    "country": N_("Country of work"),
    "sector": N_("Sector"),
    "status": N_("Status"),
}
