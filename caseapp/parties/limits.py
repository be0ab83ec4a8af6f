"""How long a party's texts may be: read by the model, the forms, the API's inputs and the services."""
NAME_MAX = 300
REGISTRATION_MAX = 100
ALIASES_MAX = 5000  # all other names together, one per line in the form
NOTE_MAX = 4000  # a party's note, and the note of its link to a case
