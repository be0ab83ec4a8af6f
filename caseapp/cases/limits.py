"""How long a case's texts may be: the one place the model, the forms, the API's inputs and the services
read them from (a column's length and a form's limit cannot disagree)."""
TITLE_MAX = 300
SUMMARY_MAX = 20_000
REGION_MAX = 200
WORKSITE_MAX = 300
GROUP_NOTE_MAX = 500  # a worker group's gender and age notes
NOTE_MAX = 4000  # a worker group's note, an action's outcome, a condition's note
COMMENT_MAX = 10_000
# How many rows a case holds: bounded so that no one request can hold the database for long.
GROUPS_MAX = 50
ACTIONS_MAX = 200
SAVED_SEARCH_NAME_MAX = 100
SAVED_SEARCHES_MAX = 50  # per user: a list of them stays readable
