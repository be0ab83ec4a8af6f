"""Four eyes as a truth table: who may sign off a finding, given who recorded or changed it."""
from types import SimpleNamespace

import pytest

from caseapp.assessment.permissions import can_sign_off

CASE = SimpleNamespace(organisation_id=1, status="in_review", confidentiality="normal", assignee_id=9,
                       deleted_at=None)


def _user(user_id, role="coordinator"):
    return SimpleNamespace(id=user_id, role=role, organisation_id=1, is_authenticated=True)


def _finding(changed_by, contributors, status="present", signed=False):
    return SimpleNamespace(changed_by_id=changed_by, contributor_ids=contributors, status=status,
                           signed_off_by_id=7 if signed else None, signed_off=signed)


@pytest.mark.parametrize("signer, finding, allowed", [
    (3, _finding(1, [1]), True),
    (1, _finding(1, [1]), False),              # recorded it
    (1, _finding(2, [1, 2]), False),           # recorded it, a colleague saved it since
    (2, _finding(2, [1, 2]), False),           # changed it last
    (3, _finding(2, [1, 2]), True),
    (1, _finding(2, [2]), True),               # recorded it before the last sign-off only
    (3, _finding(1, [1], status="absent"), False),
    (3, _finding(1, [1], signed=True), False),
])
def test_nobody_who_recorded_or_changed_it_since_the_last_sign_off_signs_it(signer, finding, allowed):
    assert can_sign_off(_user(signer), CASE, finding) is allowed


def test_only_coordinators_sign_off():
    assert can_sign_off(_user(3, "admin"), CASE, _finding(1, [1])) is False
