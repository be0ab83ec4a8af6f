"""How long a person's texts may be (stored encrypted, so no column enforces them: these do)."""
NAME_MAX = 300
ALIASES_MAX = 5000
CONTACT_MAX = 2000
DOCUMENTS_MAX = 2000
NOTES_MAX = 20_000
ALIASES_COUNT_MAX = 50
