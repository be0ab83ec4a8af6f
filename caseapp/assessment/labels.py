"""How a case's determination reads to a person, in one place for the case list, the search and the reports.
Plain Python: the words are marked for translation here and translated where they are shown."""
from caseapp.errors import N_
from caseapp.ilo.rules import ESTABLISHED, NOT_ESTABLISHED, POSSIBLE

# In a sentence or a choice: "Determination: forced labour possible".
DETERMINATIONS: dict[str, str] = {ESTABLISHED: N_("forced labour established"),
                                  POSSIBLE: N_("forced labour possible"), NOT_ESTABLISHED: N_("not established")}
# Where the column already says forced labour (a table's cell, a report's line).
DETERMINATIONS_SHORT: dict[str, str] = {ESTABLISHED: N_("established"), POSSIBLE: N_("possible"),
                                        NOT_ESTABLISHED: N_("not established")}


# A finding's stages and statuses, as the pages, the reports and the history name them.
STAGES: dict[str, str] = {"recruitment": N_("Recruitment"), "employment": N_("Employment"), "exit": N_("Exit")}
FINDING_STATUSES: dict[str, str] = {"present": N_("present"), "suspected": N_("suspected"), "absent": N_("absent"),
                                    "unknown": N_("unknown")}


def translated(labels: dict[str, str], translate) -> dict[str, str]:
    return {code: translate(label) for code, label in labels.items()}
