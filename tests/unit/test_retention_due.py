"""When retention makes a closed case, or only its people, due: dates in, decisions out."""
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from caseapp.privacy.due import Due, MAX_DAYS, MIN_DAYS, CaseClock, Policy, check_days, closed_since, due, is_due

CLOSED_AT = datetime(2026, 3, 1, 10, 0, tzinfo=timezone.utc)


def closed(case_id=1, at=CLOSED_AT):
    return CaseClock(case_id, "closed", at)


def test_a_closed_case_is_due_exactly_its_period_after_it_was_closed():
    policy = Policy(closed_case_days=30)
    assert due([closed()], policy, CLOSED_AT + timedelta(days=30)).case_ids == (1,)
    assert due([closed()], policy, CLOSED_AT + timedelta(days=30, seconds=-1)).case_ids == ()


def test_a_case_that_is_not_closed_is_never_due_however_old():
    long_ago = CLOSED_AT - timedelta(days=3650)
    for status in ("draft", "submitted", "in_review", "verified", "returned"):
        case = CaseClock(1, status, long_ago)
        assert due([case], Policy(7, 7), CLOSED_AT) == due([], Policy(), CLOSED_AT)


def test_blank_periods_keep_everything():
    assert due([closed(at=CLOSED_AT - timedelta(days=36_500))], Policy(), CLOSED_AT).case_ids == ()
    assert Policy().keeps_everything and not Policy(person_days=30).keeps_everything


def test_a_shorter_person_period_takes_the_people_and_keeps_the_case():
    policy = Policy(closed_case_days=365, person_days=90)
    result = due([closed()], policy, CLOSED_AT + timedelta(days=100))
    assert result.case_ids == () and result.person_case_ids == (1,)


def test_when_the_case_is_due_its_people_go_with_it_not_apart():
    policy = Policy(closed_case_days=365, person_days=90)
    result = due([closed()], policy, CLOSED_AT + timedelta(days=400))
    assert result.case_ids == (1,) and result.person_case_ids == ()


def test_a_longer_person_period_changes_nothing():
    policy = Policy(closed_case_days=30, person_days=365)
    assert due([closed()], policy, CLOSED_AT + timedelta(days=31)).case_ids == (1,)
    assert due([closed()], policy, CLOSED_AT + timedelta(days=29)) == due([], policy, CLOSED_AT)


def test_reopening_stops_the_clock_and_closing_again_starts_it_anew():
    reopened = CaseClock(1, "in_review", CLOSED_AT + timedelta(days=10))
    assert closed_since(reopened) is None
    closed_again = closed(at=CLOSED_AT + timedelta(days=20))
    now = CLOSED_AT + timedelta(days=40)
    assert due([closed_again], Policy(closed_case_days=30), now).case_ids == ()
    assert due([closed_again], Policy(closed_case_days=30), now + timedelta(days=10)).case_ids == (1,)


def test_a_deleted_draft_waits_its_days_in_the_bin_whatever_the_retention_periods():
    draft = CaseClock(1, "draft", CLOSED_AT - timedelta(days=900), deleted_at=CLOSED_AT)
    assert closed_since(draft) is None
    for policy in (Policy(), Policy(closed_case_days=7, person_days=7), Policy(closed_case_days=36_500)):
        assert due([draft], policy, CLOSED_AT + timedelta(days=29, hours=23)) == Due((), (), ())
        assert due([draft], policy, CLOSED_AT + timedelta(days=30)) == Due((), (), (1,))
    assert due([draft], Policy(bin_days=3), CLOSED_AT + timedelta(days=3)).binned_case_ids == (1,)
    assert due([draft], Policy(bin_days=3), CLOSED_AT + timedelta(days=2)).binned_case_ids == ()


def test_a_closed_case_deleted_later_is_judged_by_the_bin_alone():
    binned = CaseClock(1, "closed", CLOSED_AT - timedelta(days=400), deleted_at=CLOSED_AT)
    assert due([binned], Policy(closed_case_days=30, person_days=7), CLOSED_AT + timedelta(days=10)) == \
        Due((), (), ())


def test_each_case_is_judged_on_its_own_date():
    cases = [closed(1, CLOSED_AT - timedelta(days=400)), closed(2, CLOSED_AT - timedelta(days=100)),
             closed(3, CLOSED_AT - timedelta(days=10)), CaseClock(4, "verified", CLOSED_AT - timedelta(days=999))]
    result = due(cases, Policy(closed_case_days=365, person_days=60), CLOSED_AT)
    assert result.case_ids == (1,) and result.person_case_ids == (2,)


def test_is_due_needs_a_start_and_a_period():
    assert not is_due(None, 30, CLOSED_AT)
    assert not is_due(CLOSED_AT, None, CLOSED_AT + timedelta(days=999))


@pytest.mark.parametrize("value, allowed", [(None, True), (MIN_DAYS, True), (MAX_DAYS, True), (365, True),
                                            (MIN_DAYS - 1, False), (0, False), (-30, False), (MAX_DAYS + 1, False),
                                            (True, False), ("30", False), (30.0, False)])
def test_the_periods_an_admin_may_set(value, allowed):
    assert check_days(value) is allowed


def test_the_rules_import_without_flask():
    code = "import sys, caseapp.privacy.due; sys.exit(1 if 'flask' in sys.modules or 'sqlalchemy' in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0
