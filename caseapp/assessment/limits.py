"""How long a finding's note may be: read by the form, the API's input and the service."""
NOTE_MAX = 10_000
