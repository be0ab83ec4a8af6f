"""The determination's input as JSON (the `flask ilo determine` file), checked. Plain Python."""
from __future__ import annotations

from typing import Any

from caseapp.ilo.rules import Context, Finding, InvalidFindings


def _bool(value: Any, name: str, problems: list[str]) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        problems.append(f"{name} must be true or false")
        return False
    return value


def read_determination_input(data: Any) -> tuple[list[Finding], Context]:
    """Findings and context from {"findings": [...], "context": {...}}; raise InvalidFindings with every problem."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise InvalidFindings(["the file must hold a JSON object with 'findings' and 'context'"])
    unknown = set(data) - {"findings", "context"}
    if unknown:
        problems.append(f"unknown keys: {', '.join(sorted(unknown))}")
    raw_findings = data.get("findings", [])
    findings = []
    if not isinstance(raw_findings, list):
        problems.append("findings must be a list")
        raw_findings = []
    for index, raw in enumerate(raw_findings):
        if not isinstance(raw, dict) or not isinstance(raw.get("indicator"), str) \
                or not isinstance(raw.get("status"), str):
            problems.append(f"findings[{index}] needs 'indicator' and 'status' as text")
            continue
        stages = raw.get("stages") or []
        if not isinstance(stages, list) or not all(isinstance(s, str) for s in stages):
            problems.append(f"findings[{index}].stages must be a list of stage names")
            stages = []
        findings.append(Finding(raw["indicator"], raw["status"], tuple(stages),
                                _bool(raw.get("signed_off"), f"findings[{index}].signed_off", problems)))
    raw_context = data.get("context") or {}
    if not isinstance(raw_context, dict):
        problems.append("context must be an object")
        raw_context = {}
    origin = raw_context.get("worker_origin")
    origins = (origin,) if isinstance(origin, str) else tuple(origin or ())
    if not all(isinstance(o, str) for o in origins):
        problems.append("context.worker_origin must be a country code or a list of them")
        origins = ()
    dates = {}
    for key in ("period_start", "period_end"):
        value = raw_context.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(f"context.{key} must be a date text (YYYY, YYYY-MM or YYYY-MM-DD)")
            value = None
        dates[key] = value
    context = Context(worker_origin=tuple(o.upper() for o in origins),
                      state_involved=_bool(raw_context.get("state_involved"), "context.state_involved", problems),
                      children_involved=_bool(raw_context.get("children_involved"), "context.children_involved",
                                              problems), **dates)
    if problems:
        raise InvalidFindings(problems)
    return findings, context
