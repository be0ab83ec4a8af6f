"""The ILO determination: from findings to a reasoned conclusion, per stage, with the separate tracks.

A stage is met when its findings carry both an involuntariness role and a
menace-of-penalty role (one finding with both roles carries both). Forced
labour is `established` when some stage is met by findings that are present
and signed off, `possible` when a stage is met only by counting suspected or
unsigned findings, and `not_established` otherwise: missing evidence never
gives "no forced labour". `absent` and `unknown` findings count for nothing.
Children, state-imposed forced labour (C105) and the UN sanctions on DPRK
overseas workers are reported beside it, never folded into it.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from caseapp.ilo.catalogue import BY_ID, IDS, STAGES, STATUSES

RULES_VERSION = "2026.12-1"  # 2026.12: a period without an end is an unknown end, not ongoing work
ESTABLISHED, POSSIBLE, NOT_ESTABLISHED = "established", "possible", "not_established"
OUTCOMES = (ESTABLISHED, POSSIBLE, NOT_ESTABLISHED)
COUNTED = ("present", "suspected")
UNSCR_2375 = date(2017, 9, 11)
UNSCR_2397_DEADLINE = date(2019, 12, 22)
PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # ASCII digits, matched whole


@dataclass(frozen=True)
class Finding:
    indicator: str
    status: str
    stages: tuple[str, ...] = ()
    signed_off: bool = False

    @property
    def firm(self) -> bool:
        """Present and signed off: the only kind that can establish forced labour."""
        return self.status == "present" and self.signed_off


@dataclass(frozen=True)
class Context:
    worker_origin: tuple[str, ...] = ()
    state_involved: bool = False
    children_involved: bool = False
    period_start: str | None = None
    period_end: str | None = None


# Every reason the rules give, as a code with parameters, so that the app can write it in the reader's language
# (caseapp/assessment/reasons.py) and a saved assessment reads in any language; here in English, which the
# command line, the API's "reasons" and a reader without a translation get. Parameters are codes too:
# indicator ids, a stage, "firm" or "counting", an outcome, ISO dates.
ENGLISH: dict[str, str] = {
    "stage_met_by_one": "At {stage}, {indicator} shows both involuntariness and a menace of penalty ({how}): it "
                        "meets the stage on its own.",
    "stage_met": "At {stage}, involuntariness ({involuntariness}) and a menace of penalty ({penalty}) are both "
                 "shown ({how}).",
    "stage_without_involuntariness": "At {stage}, no finding shows involuntariness, so the stage is not met.",
    "stage_without_penalty": "At {stage}, no finding shows menace of penalty, so the stage is not met.",
    "established": "Forced labour is established: at least one stage is met by findings that are present and "
                   "signed off.",
    "possible": "Forced labour is possible: a stage is met only when suspected or unsigned findings are counted. "
                "Confirm and sign off the findings to establish it.",
    "not_established": "Forced labour is not established: no stage shows both involuntariness and a menace of "
                       "penalty. This is not a finding that there is no forced labour.",
    "children_not_involved": "No worker group is recorded as involving children.",
    "children_established": "Children are involved and a menace of penalty is present and signed off "
                            "({indicators}): under the ICLS rule for children, work under a menace of penalty by a "
                            "third party is forced labour of children.",
    "children_possible": "Children are involved and a menace of penalty is suspected or not signed off "
                         "({indicators}): forced labour of children is possible.",
    "children_without_penalty": "Children are involved, but no finding shows a menace of penalty.",
    "state_not_involved": "No state body is recorded as organising the work or receiving the wages.",
    "state_without_forced_labour": "A state body is involved, but forced labour is not established or possible.",
    "state_imposed": "A state body organises the work or receives the wages, and forced labour is {outcome}: the "
                     "Abolition of Forced Labour Convention (No. 105) applies — labour mobilised for the state's "
                     "economic ends.",
    "unscr_2375_until": "DPRK nationals working abroad after 11 September 2017 (the work lasted until {until}): no "
                        "work authorisations may be given to them.",
    "unscr_2375_began": "DPRK nationals working abroad after 11 September 2017 (the work began on or after "
                        "{began}; its end is not recorded): no work authorisations may be given to them.",
    "unscr_2397_until": "DPRK nationals earning income abroad after 22 December 2019 (the work lasted until "
                        "{until}): they should have been repatriated by then.",
    "unscr_2397_began": "DPRK nationals earning income abroad after 22 December 2019 (the work began on or after "
                        "{began}; its end is not recorded): they should have been repatriated by then.",
}
HOW_ENGLISH = {"firm": "present and signed off", "counting": "counting suspected or unsigned findings"}


class Reason(str):
    """A reason in English (it is a str: printed, compared and sent as one) that keeps its code and parameters.

    Parameters hold codes: a list of indicator ids, a stage, "firm"/"counting", an outcome, an ISO date.
    """

    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, **params: Any) -> Reason:
        reason = super().__new__(cls, english(code, params))
        reason.code, reason.params = code, params
        return reason

    def as_code(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params}


def english(code: str, params: dict[str, Any]) -> str:
    """A reason's English words, from its code and parameters."""
    words = {}
    for key, value in params.items():
        if key in ("indicator",):
            words[key] = _name(value)
        elif key in ("indicators", "involuntariness", "penalty"):
            words[key] = ", ".join(_name(indicator) for indicator in value)
        elif key == "how":
            words[key] = HOW_ENGLISH[value]
        else:
            words[key] = value
    return ENGLISH[code].format(**words)


@dataclass(frozen=True)
class StageResult:
    involuntariness: tuple[str, ...]
    penalty: tuple[str, ...]
    met: str  # "established", "possible" or "no"


@dataclass(frozen=True)
class Track:
    applies: bool
    reasons: tuple[str, ...]
    forced_labour: str | None = None  # for the children track


@dataclass(frozen=True)
class Sanction:
    instrument: str
    provision: str
    reason: str


@dataclass(frozen=True)
class Determination:
    forced_labour: str
    stages: dict[str, StageResult]
    state_imposed: Track
    children: Track
    sanctions: tuple[Sanction, ...]
    reasons: tuple[str, ...]
    rules_version: str = RULES_VERSION

    def as_dict(self) -> dict[str, Any]:
        """The determination as JSON: each reason in English and, beside it, as its code and parameters
        (`reason_codes`, `reason_code`), from which any language can write it again."""
        return {
            "forced_labour": self.forced_labour,
            "stages": {name: {"involuntariness": list(s.involuntariness), "penalty": list(s.penalty), "met": s.met}
                       for name, s in self.stages.items()},
            "state_imposed": {"applies": self.state_imposed.applies, "reasons": list(self.state_imposed.reasons),
                              "reason_codes": _codes(self.state_imposed.reasons)},
            "children": {"applies": self.children.applies, "forced_labour": self.children.forced_labour,
                         "reasons": list(self.children.reasons), "reason_codes": _codes(self.children.reasons)},
            "sanctions": [{"instrument": s.instrument, "provision": s.provision, "reason": s.reason,
                           "reason_code": _codes([s.reason])[0]} for s in self.sanctions],
            "reasons": list(self.reasons),
            "reason_codes": _codes(self.reasons),
            "rules_version": self.rules_version,
        }


def _codes(reasons) -> list[dict[str, Any]]:
    return [reason.as_code() if isinstance(reason, Reason) else {"code": None, "params": {}} for reason in reasons]


class InvalidFindings(ValueError):
    """The findings or context do not make sense; `problems` says each thing wrong."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def check_findings(findings: list[Finding]) -> None:
    problems = []
    seen = set()
    for finding in findings:
        if finding.indicator not in BY_ID:
            problems.append(f"{finding.indicator!r} is not one of the 11 ILO indicators")
            continue
        if finding.indicator in seen:
            problems.append(f"{finding.indicator}: given twice")
        seen.add(finding.indicator)
        if finding.status not in STATUSES:
            problems.append(f"{finding.indicator}: status must be one of {', '.join(STATUSES)}")
        unknown = [stage for stage in finding.stages if stage not in STAGES]
        if unknown:
            problems.append(f"{finding.indicator}: unknown stage(s) {', '.join(unknown)}")
        if finding.status in COUNTED and not finding.stages:
            problems.append(f"{finding.indicator}: a {finding.status} finding must name at least one stage")
    if problems:
        raise InvalidFindings(problems)


def _ordered(ids) -> tuple[str, ...]:
    wanted = set(ids)
    return tuple(i for i in IDS if i in wanted)


def _name(indicator: str) -> str:
    return BY_ID[indicator].name.lower()


def _stage(stage: str, findings: list[Finding]) -> tuple[StageResult, list[str]]:
    here = [f for f in findings if f.status in COUNTED and stage in f.stages]
    involuntary = [f for f in here if BY_ID[f.indicator].involuntariness]
    penalty = [f for f in here if BY_ID[f.indicator].penalty]
    firm_inv = [f for f in involuntary if f.firm]
    firm_pen = [f for f in penalty if f.firm]
    reasons = []
    if firm_inv and firm_pen:
        met = ESTABLISHED
        reasons.append(_met_reason(stage, firm_inv, firm_pen, "firm"))
    elif involuntary and penalty:
        met = POSSIBLE
        reasons.append(_met_reason(stage, involuntary, penalty, "counting"))
    else:
        met = "no"
        if here:
            code = "stage_without_involuntariness" if not involuntary else "stage_without_penalty"
            reasons.append(Reason(code, stage=stage))
    result = StageResult(_ordered(f.indicator for f in involuntary), _ordered(f.indicator for f in penalty),
                         "established" if met == ESTABLISHED else met)
    return result, reasons


def _met_reason(stage: str, involuntary: list[Finding], penalty: list[Finding], how: str) -> Reason:
    both = [f for f in involuntary if f in penalty]
    if both and len(involuntary) == 1 and len(penalty) == 1:
        return Reason("stage_met_by_one", stage=stage, indicator=both[0].indicator, how=how)
    return Reason("stage_met", stage=stage, involuntariness=[f.indicator for f in involuntary],
                  penalty=[f.indicator for f in penalty], how=how)


def _latest_day(partial: str | None) -> date | None:
    if not partial:
        return None
    match = PARTIAL_DATE.fullmatch(partial)
    if not match:
        raise InvalidFindings([f"{partial!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"])
    year, month, day = (int(p) if p else None for p in match.groups())
    month = month or 12
    return date(year, month, day or calendar.monthrange(year, month)[1])


def _children(findings: list[Finding], context: Context) -> Track:
    if not context.children_involved:
        return Track(False, (Reason("children_not_involved"),), None)
    penalty = [f for f in findings if f.status in COUNTED and BY_ID[f.indicator].penalty and f.stages]
    firm = [f for f in penalty if f.firm]
    if firm:
        outcome = ESTABLISHED
        reason = Reason("children_established", indicators=[f.indicator for f in firm])
    elif penalty:
        outcome = POSSIBLE
        reason = Reason("children_possible", indicators=[f.indicator for f in penalty])
    else:
        outcome = NOT_ESTABLISHED
        reason = Reason("children_without_penalty")
    return Track(True, (reason,), outcome)


def _state(forced_labour: str, context: Context) -> Track:
    if not context.state_involved:
        return Track(False, (Reason("state_not_involved"),))
    if forced_labour == NOT_ESTABLISHED:
        return Track(False, (Reason("state_without_forced_labour"),))
    return Track(True, (Reason("state_imposed", outcome=forced_labour),))


def _earliest_day(partial: str | None) -> date | None:
    """The first day a partial date may mean: work that began in "2018-03" was done in March 2018."""
    latest = _latest_day(partial)
    if latest is None:
        return None
    parts = partial.split("-")
    return date(latest.year, int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)


def _sanctions(context: Context) -> tuple[Sanction, ...]:
    """Only what the recorded dates show: work known to have been done after each resolution's date.

    The latest day the work is known to have gone on is the period's end (a partial end counting as its
    latest day); without an end, only its start is known. A missing end is an unknown end, not ongoing work.
    """
    if "KP" not in context.worker_origin:
        return ()
    last = _latest_day(context.period_end)
    began = _earliest_day(context.period_start)
    known = last or began
    if known is None:
        return ()
    # what the dates show: the last day known, or only the start
    when = {"until": last.isoformat()} if last is not None else {"began": began.isoformat()}
    tail = "until" if last is not None else "began"
    found = []
    if known > UNSCR_2375:
        found.append(Sanction("UNSCR 2375 (2017)", "para 17", Reason(f"unscr_2375_{tail}", **when)))
    if known > UNSCR_2397_DEADLINE:
        found.append(Sanction("UNSCR 2397 (2017)", "para 8", Reason(f"unscr_2397_{tail}", **when)))
    return tuple(found)


def determine(findings: list[Finding], context: Context = Context()) -> Determination:
    """The determination for these findings; raise InvalidFindings when they do not make sense."""
    check_findings(findings)
    _latest_day(context.period_start)
    stages, reasons = {}, []
    for stage in STAGES:
        stages[stage], why = _stage(stage, findings)
        reasons += why
    if any(s.met == ESTABLISHED for s in stages.values()):
        outcome = ESTABLISHED
        reasons.append(Reason("established"))
    elif any(s.met == POSSIBLE for s in stages.values()):
        outcome = POSSIBLE
        reasons.append(Reason("possible"))
    else:
        outcome = NOT_ESTABLISHED
        reasons.append(Reason("not_established"))
    return Determination(outcome, stages, _state(outcome, context), _children(findings, context),
                         _sanctions(context), tuple(reasons))

