"""The ILO determination as a truth table: roles, statuses, sign-off, stages, and the separate tracks."""
import itertools
import json
import subprocess
import sys

import pytest

from caseapp.ilo.catalogue import BY_ID, IDS, INDICATORS
from caseapp.ilo.inputs import read_determination_input
from caseapp.ilo.rules import Context, Finding, InvalidFindings, determine

INVOLUNTARY_ONLY = ["deception", "excessive_overtime", "abusive_working_living_conditions"]
PENALTY_ONLY = ["intimidation_threats", "physical_sexual_violence", "retention_of_identity_documents",
                "abuse_of_vulnerability"]
BOTH = ["withholding_of_wages", "debt_bondage", "restriction_of_movement", "isolation"]


def test_the_catalogue_has_the_eleven_indicators_with_their_roles():
    assert len(INDICATORS) == 11 and len(set(IDS)) == 11
    assert sorted(i for i in IDS if BY_ID[i].involuntariness and not BY_ID[i].penalty) == sorted(INVOLUNTARY_ONLY)
    assert sorted(i for i in IDS if BY_ID[i].penalty and not BY_ID[i].involuntariness) == sorted(PENALTY_ONLY)
    assert sorted(i for i in IDS if BY_ID[i].penalty and BY_ID[i].involuntariness) == sorted(BOTH)
    for indicator in INDICATORS:
        assert set(indicator.translations) == {"nl", "fr", "es", "ru", "ar"} and indicator.typical_evidence
        assert not indicator.translations["ar"].verified  # REFERENCE.md §7 lists no Arabic edition
    assert BY_ID["deception"].translations["es"].verified and not BY_ID["deception"].translations["fr"].verified


def test_the_ilo_package_imports_neither_flask_nor_sqlalchemy():
    code = ("import sys, caseapp.ilo.catalogue, caseapp.ilo.rules, caseapp.ilo.inputs, caseapp.ilo.suggest, "
            "caseapp.ilo.patterns; "
            "sys.exit(1 if {'flask', 'sqlalchemy'} & set(sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


STATUS_CASES = [("present", True), ("present", False), ("suspected", True), ("suspected", False),
                ("absent", True), ("unknown", False)]


def _expected(inv, pen):
    (s1, o1), (s2, o2) = inv, pen
    counted = {"present", "suspected"}
    if s1 not in counted or s2 not in counted:
        return "not_established"
    if s1 == s2 == "present" and o1 and o2:
        return "established"
    return "possible"


@pytest.mark.parametrize("inv, pen", list(itertools.product(STATUS_CASES, STATUS_CASES)))
def test_status_and_sign_off_decide_between_established_possible_and_not(inv, pen):
    stages = ("employment",)
    findings = [Finding("deception", inv[0], stages if inv[0] in ("present", "suspected") else (), inv[1]),
                Finding("intimidation_threats", pen[0], stages if pen[0] in ("present", "suspected") else (),
                        pen[1])]
    result = determine(findings)
    assert result.forced_labour == _expected(inv, pen)
    assert result.stages["employment"].met == {"not_established": "no"}.get(result.forced_labour,
                                                                           result.forced_labour)


@pytest.mark.parametrize("indicator", INVOLUNTARY_ONLY + PENALTY_ONLY)
def test_a_single_one_role_finding_never_meets_a_stage(indicator):
    result = determine([Finding(indicator, "present", ("employment",), True)])
    assert result.forced_labour == "not_established"
    assert any("not a finding that there is no forced labour" in r for r in result.reasons)


@pytest.mark.parametrize("indicator", BOTH)
def test_a_finding_with_both_roles_meets_a_stage_on_its_own_and_the_reasons_say_so(indicator):
    result = determine([Finding(indicator, "present", ("exit",), True)])
    assert result.forced_labour == "established" and result.stages["exit"].met == "established"
    assert any("both involuntariness and a menace of penalty" in r for r in result.reasons)


def test_the_two_roles_must_meet_in_the_same_stage():
    findings = [Finding("deception", "present", ("recruitment",), True),
                Finding("intimidation_threats", "present", ("exit",), True)]
    assert determine(findings).forced_labour == "not_established"


def test_other_findings_of_a_stage_do_not_matter_once_it_is_established():
    findings = [Finding("deception", "present", ("employment",), True),
                Finding("intimidation_threats", "present", ("employment",), True),
                Finding("debt_bondage", "suspected", ("employment",), False),
                Finding("isolation", "absent"), Finding("physical_sexual_violence", "unknown")]
    result = determine(findings)
    assert result.forced_labour == "established"
    assert result.stages["employment"].involuntariness == ("deception", "debt_bondage")
    assert result.stages["employment"].penalty == ("intimidation_threats", "debt_bondage")


def test_lists_are_in_catalogue_order():
    findings = [Finding(i, "suspected", ("employment",)) for i in reversed(IDS)]
    stage = determine(findings).stages["employment"]
    assert list(stage.involuntariness) == [i for i in IDS if BY_ID[i].involuntariness]
    assert list(stage.penalty) == [i for i in IDS if BY_ID[i].penalty]


@pytest.mark.parametrize("finding", [Finding("deception", "present"), Finding("deception", "suspected"),
                                     Finding("lying", "present", ("employment",)),
                                     Finding("deception", "likely", ("employment",)),
                                     Finding("deception", "present", ("training",))])
def test_invalid_findings_are_refused(finding):
    with pytest.raises(InvalidFindings):
        determine([finding])


@pytest.mark.parametrize("penalty, signed, expected", [("present", True, "established"),
                                                       ("present", False, "possible"),
                                                       ("suspected", True, "possible"),
                                                       ("absent", True, "not_established")])
def test_children_a_penalty_alone_suffices(penalty, signed, expected):
    stages = ("employment",) if penalty != "absent" else ()
    findings = [Finding("intimidation_threats", penalty, stages, signed)]
    result = determine(findings, Context(children_involved=True))
    assert result.children.applies and result.children.forced_labour == expected
    assert result.forced_labour == "not_established"  # the adult rule still needs both roles
    assert not determine(findings).children.applies


@pytest.mark.parametrize("state, outcome_findings, applies", [
    (True, [Finding("withholding_of_wages", "present", ("employment",), True)], True),
    (True, [Finding("withholding_of_wages", "suspected", ("employment",))], True),
    (True, [Finding("deception", "present", ("employment",), True)], False),
    (False, [Finding("withholding_of_wages", "present", ("employment",), True)], False),
])
def test_state_imposed_forced_labour_is_its_own_track(state, outcome_findings, applies):
    result = determine(outcome_findings, Context(state_involved=state))
    assert result.state_imposed.applies is applies


@pytest.mark.parametrize("origin, end, expected", [
    (("KP",), "2017-09-11", []),
    (("KP",), "2017-09", ["UNSCR 2375 (2017)"]),
    (("KP",), "2017", ["UNSCR 2375 (2017)"]),
    (("KP",), "2019-12-22", ["UNSCR 2375 (2017)"]),
    (("KP",), "2019-12", ["UNSCR 2375 (2017)", "UNSCR 2397 (2017)"]),
    (("KP",), None, []),  # began in 2016, end not recorded: nothing is known after 2016
    (("KP", "RU"), "2020", ["UNSCR 2375 (2017)", "UNSCR 2397 (2017)"]),
    (("CN",), None, []),
    ((), None, []),
])
def test_the_dprk_sanctions_track_follows_the_dates(origin, end, expected):
    """The recorded dates only: a missing end is an unknown end, not ongoing work."""
    result = determine([], Context(worker_origin=origin, period_start="2016", period_end=end))
    assert [s.instrument for s in result.sanctions] == expected
    provisions = {s.instrument: s.provision for s in result.sanctions}
    assert provisions.get("UNSCR 2375 (2017)", "para 17") == "para 17"
    assert provisions.get("UNSCR 2397 (2017)", "para 8") == "para 8"


def test_the_output_has_the_documented_shape_and_a_rules_version():
    out = determine([Finding("debt_bondage", "present", ("recruitment",), True)]).as_dict()
    assert set(out) == {"forced_labour", "stages", "state_imposed", "children", "sanctions", "reasons",
                        "reason_codes", "rules_version"}
    assert set(out["stages"]) == {"recruitment", "employment", "exit"}
    assert json.loads(json.dumps(out)) == out and out["rules_version"]


def test_the_json_input_is_checked():
    findings, context = read_determination_input({"findings": [{"indicator": "isolation", "status": "present",
                                                                "stages": ["exit"], "signed_off": True}],
                                                  "context": {"worker_origin": "kp"}})
    assert findings[0].signed_off and context.worker_origin == ("KP",)
    for bad in [[], {"findings": "x"}, {"findings": [{"indicator": 3}]}, {"context": {"state_involved": "yes"}},
                {"extra": 1}]:
        with pytest.raises(InvalidFindings):
            read_determination_input(bad)


@pytest.mark.parametrize("start, expected", [
    ("2018-03", ["UNSCR 2375 (2017)"]),
    ("2020", ["UNSCR 2375 (2017)", "UNSCR 2397 (2017)"]),
    ("2017", []),  # may have been January 2017
    (None, []),
])
def test_without_an_end_only_the_start_is_known(start, expected):
    result = determine([], Context(worker_origin=("KP",), period_start=start, period_end=None))
    assert [s.instrument for s in result.sanctions] == expected
    assert all("end is not recorded" in s.reason for s in result.sanctions)
    assert all("ongoing" not in s.reason for s in result.sanctions)
