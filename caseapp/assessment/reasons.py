"""The ILO rules' reasons in the reader's language, written from their codes and parameters.

caseapp.ilo.rules gives each reason as English words that keep a code and parameters (rules.Reason), and a
saved assessment stores the codes beside the words (`reason_codes`), so any reason reads in any language the
app speaks, however old the assessment. Plain Python: the words are marked for translation here and
translated where they are shown (`translate` is gettext there). A reason without a code (saved before codes
existed) is shown as it was written.
"""
from __future__ import annotations

from typing import Any, Callable

from caseapp.assessment.labels import DETERMINATIONS_SHORT, STAGES
from caseapp.errors import N_
from caseapp.ilo.rules import Reason

WORDS: dict[str, str] = {
    "stage_met_by_one": N_("At %(stage)s, %(indicator)s shows both involuntariness and a menace of penalty "
                           "(%(how)s): it meets the stage on its own."),
    "stage_met": N_("At %(stage)s, involuntariness (%(involuntariness)s) and a menace of penalty (%(penalty)s) are "
                    "both shown (%(how)s)."),
    "stage_without_involuntariness": N_("At %(stage)s, no finding shows involuntariness, so the stage is not met."),
    "stage_without_penalty": N_("At %(stage)s, no finding shows menace of penalty, so the stage is not met."),
    "established": N_("Forced labour is established: at least one stage is met by findings that are present and "
                      "signed off."),
    "possible": N_("Forced labour is possible: a stage is met only when suspected or unsigned findings are "
                   "counted. Confirm and sign off the findings to establish it."),
    "not_established": N_("Forced labour is not established: no stage shows both involuntariness and a menace of "
                          "penalty. This is not a finding that there is no forced labour."),
    "children_not_involved": N_("No worker group is recorded as involving children."),
    "children_established": N_("Children are involved and a menace of penalty is present and signed off "
                               "(%(indicators)s): under the ICLS rule for children, work under a menace of penalty "
                               "by a third party is forced labour of children."),
    "children_possible": N_("Children are involved and a menace of penalty is suspected or not signed off "
                            "(%(indicators)s): forced labour of children is possible."),
    "children_without_penalty": N_("Children are involved, but no finding shows a menace of penalty."),
    "state_not_involved": N_("No state body is recorded as organising the work or receiving the wages."),
    "state_without_forced_labour": N_("A state body is involved, but forced labour is not established or "
                                      "possible."),
    "state_imposed": N_("A state body organises the work or receives the wages, and forced labour is %(outcome)s: "
                        "the Abolition of Forced Labour Convention (No. 105) applies — labour mobilised for the "
                        "state's economic ends."),
    "unscr_2375_until": N_("DPRK nationals working abroad after 11 September 2017 (the work lasted until "
                           "%(until)s): no work authorisations may be given to them."),
    "unscr_2375_began": N_("DPRK nationals working abroad after 11 September 2017 (the work began on or after "
                           "%(began)s; its end is not recorded): no work authorisations may be given to them."),
    "unscr_2397_until": N_("DPRK nationals earning income abroad after 22 December 2019 (the work lasted until "
                           "%(until)s): they should have been repatriated by then."),
    "unscr_2397_began": N_("DPRK nationals earning income abroad after 22 December 2019 (the work began on or "
                           "after %(began)s; its end is not recorded): they should have been repatriated by then."),
}
HOW: dict[str, str] = {"firm": N_("present and signed off"), "counting": N_("counting suspected or unsigned findings")}


def code_of(reason: Any, stored: dict[str, Any] | None = None) -> tuple[str | None, dict[str, Any]]:
    """A reason's code and parameters: from the reason itself, or from its stored `reason_codes` entry."""
    if isinstance(reason, Reason):
        return reason.code, reason.params
    if stored and stored.get("code"):
        return stored["code"], stored.get("params") or {}
    return None, {}


def reason_text(reason: Any, translate: Callable[[str], str], indicator_name: Callable[[str], str],
                stored: dict[str, Any] | None = None, separator: str = ", ",
                write_day: Callable[[str], str] | None = None) -> str:
    """The reason in the reader's language; as it was written when it has no code this version knows.
    `separator` joins a list of indicators ("، " in Arabic); `write_day` writes an ISO day as the reader does
    ("31 December 2018", "31 de diciembre de 2018"); without it the day stays ISO, as the rules write it."""
    code, params = code_of(reason, stored)
    if code not in WORDS:
        return str(reason)

    def name(indicator: str) -> str:
        words = indicator_name(indicator)
        return words[:1].lower() + words[1:]  # inside a sentence, as the English rules write it
    values: dict[str, str] = {}
    for key, value in params.items():
        if key == "indicator":
            values[key] = name(value)
        elif key in ("indicators", "involuntariness", "penalty"):
            values[key] = separator.join(name(indicator) for indicator in value)
        elif key == "how":
            values[key] = translate(HOW[value])
        elif key == "stage":
            values[key] = translate(STAGES[value]).lower() if value in STAGES else str(value)
        elif key == "outcome":
            values[key] = translate(DETERMINATIONS_SHORT[value]) if value in DETERMINATIONS_SHORT else str(value)
        elif key in ("until", "began") and write_day is not None:
            values[key] = write_day(value)
        else:
            values[key] = str(value)
    return translate(WORDS[code]) % values
