"""The rules' reasons as codes with parameters (caseapp.ilo.rules.Reason), written again in any language by
caseapp/assessment/reasons.py: in English, the same words as the rules; in Dutch, no English left."""
from __future__ import annotations

import itertools
import json
import re

import pytest
from babel.support import Translations

from caseapp.assessment.reasons import HOW, WORDS, reason_text
from caseapp.ilo.catalogue import BY_ID, IDS, STAGES
from caseapp.ilo.rules import ENGLISH, HOW_ENGLISH, Context, Finding, Reason, determine

CONTEXTS = [Context(), Context(("KP",), True, True, "2016", "2018-03"), Context(("KP",), True, True, "2020-02"),
            Context(("KP",), False, True, None, "2019")]
FINDING_SETS = [
    [],
    [Finding("deception", "present", ("recruitment",), True)],  # involuntariness only
    [Finding("intimidation_threats", "present", ("exit",), True)],  # a menace of penalty only
    [Finding("excessive_overtime", "suspected", ("employment",)),
     Finding("intimidation_threats", "suspected", ("employment",))],  # possible, and possible for children
    [Finding("debt_bondage", "present", ("recruitment",), True)],  # both roles: the stage on its own
    [Finding("intimidation_threats", "suspected", ("employment", "exit")),
     Finding("restriction_of_movement", "present", ("employment", "exit"), True)],
    [Finding("withholding_of_wages", "present", ("employment",), True),
     Finding("intimidation_threats", "present", ("employment",), True),
     Finding("physical_sexual_violence", "present", ("exit",))],
]


def every_reason():
    for findings, context in itertools.product(FINDING_SETS, CONTEXTS):
        result = determine(findings, context)
        yield from result.reasons
        yield from result.state_imposed.reasons
        yield from result.children.reasons
        yield from (s.reason for s in result.sanctions)


def english_name(key: str) -> str:
    return BY_ID[key].name_in("en").text


def test_every_reason_the_rules_give_carries_a_code_the_app_can_write():
    codes = set()
    for reason in every_reason():
        assert isinstance(reason, Reason) and reason.code in ENGLISH and reason.code in WORDS
        assert json.loads(json.dumps(reason.as_code())) == reason.as_code()  # stored as JSON
        codes.add(reason.code)
    assert codes == set(ENGLISH)  # the finding sets above reach every code
    assert set(WORDS) == set(ENGLISH) and set(HOW) == set(HOW_ENGLISH)


def test_in_english_the_app_writes_the_rules_own_words():
    for reason in every_reason():
        assert reason_text(reason, lambda words: words, english_name) == str(reason)


def test_a_reason_is_written_again_from_what_was_saved():
    for reason in every_reason():
        stored = json.loads(json.dumps(reason.as_code()))
        assert reason_text(str(reason), lambda words: words, english_name, stored) == str(reason)
    # saved before codes existed: shown as it was written
    assert reason_text("An old reason.", lambda words: words, english_name, {"code": None, "params": {}}) == \
        "An old reason."
    assert reason_text("An old reason.", lambda words: words, english_name) == "An old reason."
    # a code this version does not know: as written too
    assert reason_text("Later words.", str, english_name, {"code": "from_a_later_version", "params": {}}) == \
        "Later words."


@pytest.fixture(scope="module")
def dutch():
    from pathlib import Path

    import caseapp
    return Translations.load(Path(caseapp.__file__).parent / "translations", ["nl"])


def test_in_dutch_no_english_is_left(dutch):
    english_words = re.compile(r"\b(?:the|and|are|shows|stage|finding|children|forced labour|penalty|work)\b")
    for reason in every_reason():
        text = reason_text(reason, dutch.gettext, lambda key: BY_ID[key].name_in("nl").text)
        assert text != str(reason)
        assert not english_words.search(text), text
        for stage in STAGES:
            assert f" {stage} " not in text  # stages by their Dutch names


def test_dates_and_indicator_ids_are_kept_as_codes():
    result = determine([Finding("debt_bondage", "present", ("recruitment",), True)],
                       Context(("KP",), False, False, "2018-03"))
    assert result.reasons[0].params == {"stage": "recruitment", "indicator": "debt_bondage", "how": "firm"}
    assert result.sanctions[0].reason.code == "unscr_2375_began" and \
        result.sanctions[0].reason.params == {"began": "2018-03-01"}
    assert all(key in IDS for key in result.reasons[0].params.values() if "_" in key)
