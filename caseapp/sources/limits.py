"""How long a source's descriptions and an excerpt's translation may be: read by the model, the forms,
the API's inputs and the services."""
TITLE_MAX = 500
PUBLISHER_MAX = 300
AUTHOR_MAX = 300
URL_MAX = 2000  # what fetching accepts, and what a source keeps
RELIABILITY_NOTE_MAX = 4000
REVISION_REASON_MAX = 2000
TRANSLATION_MAX = 20_000
TRANSLATOR_MAX = 200
DECISION_NOTE_MAX = 4000  # why a coordinator retained one value of a fact
