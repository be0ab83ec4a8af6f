"""Who may see and edit a case and its people: the truth table of the pure predicates."""
from types import SimpleNamespace as Obj

import pytest

from caseapp.cases import permissions as p

ORG, OTHER = 1, 2


def user(role, uid=10, org=ORG):
    return Obj(id=uid, role=role, organisation_id=org)


def case(assignee=10, confidentiality="normal", org=ORG):
    return Obj(assignee_id=assignee, confidentiality=confidentiality, organisation_id=org)


# role, is the assignee, restricted -> (view, edit, see people, edit people)
TABLE = [
    ("caseworker", True, False, (True, True, True, True)),
    ("caseworker", False, False, (True, False, False, False)),
    ("caseworker", True, True, (True, True, True, True)),
    ("caseworker", False, True, (False, False, False, False)),
    ("coordinator", False, False, (True, True, True, True)),
    ("coordinator", False, True, (True, True, True, True)),
    ("advocate", False, False, (True, False, False, False)),
    ("advocate", True, False, (True, False, False, False)),
    ("advocate", False, True, (False, False, False, False)),
    ("admin", False, False, (True, False, True, False)),
    ("admin", False, True, (True, False, True, False)),
]


@pytest.mark.parametrize("role, assignee, restricted, expected", TABLE)
def test_case_permissions(role, assignee, restricted, expected):
    someone = user(role)
    the_case = case(assignee=10 if assignee else 99, confidentiality="restricted" if restricted else "normal")
    got = (p.can_view_case(someone, the_case), p.can_edit_case(someone, the_case),
           p.can_view_persons(someone, the_case), p.can_edit_persons(someone, the_case))
    assert got == expected


@pytest.mark.parametrize("role", ["caseworker", "coordinator", "advocate", "admin"])
def test_nobody_sees_another_organisation_s_case(role):
    assert not p.can_view_case(user(role, org=OTHER), case())
    assert not p.can_view_persons(user(role, org=OTHER), case())


def test_only_coordinators_assign_and_nobody_sets_status_organisation_or_reference():
    assert "assignee_id" in p.settable_fields(user("coordinator"))
    assert "assignee_id" not in p.settable_fields(user("caseworker"))
    for role in ("caseworker", "coordinator"):
        assert not {"status", "organisation_id", "reference"} & p.settable_fields(user(role))
