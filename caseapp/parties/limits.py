"""How long a party's texts may be: read by the model, the forms, the API's inputs and the services."""
NAME_MAX = 300
REGISTRATION_MAX = 100
ALIASES_MAX = 5000  # all other names together, one per line in the form
NOTE_MAX = 4000  # a party's note, and the note of its link to a case
ALIASES_COUNT_MAX = 50
# Parties named when a case is created or imported: each is matched against all of the organisation's,
# so the number is bounded (a request with thousands once held the database for a minute).
NAMED_PARTIES_MAX = 50
