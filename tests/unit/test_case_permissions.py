"""Who may see and edit a case and its people: the truth table of the pure predicates."""
from types import SimpleNamespace as Obj

import pytest

from caseapp.cases import permissions as p

ORG, OTHER = 1, 2


def user(role, uid=10, org=ORG):
    return Obj(id=uid, role=role, organisation_id=org)


def case(assignee=10, confidentiality="normal", org=ORG, status="draft"):
    return Obj(assignee_id=assignee, confidentiality=confidentiality, organisation_id=org, status=status,
               created_by_id=assignee, deleted_at=None)


# role, is the assignee, restricted, status -> (view, edit, see people, edit people)
TABLE = [
    ("caseworker", True, False, "draft", (True, True, True, True)),
    ("caseworker", True, False, "returned", (True, True, True, True)),
    ("caseworker", True, False, "submitted", (True, False, True, False)),
    ("caseworker", True, False, "verified", (True, False, True, False)),
    ("caseworker", False, False, "draft", (True, False, False, False)),
    ("caseworker", True, True, "draft", (True, True, True, True)),
    ("caseworker", False, True, "draft", (False, False, False, False)),
    ("coordinator", False, False, "draft", (True, True, True, True)),
    ("coordinator", False, False, "in_review", (True, True, True, True)),
    ("coordinator", False, False, "closed", (True, False, True, False)),
    ("coordinator", False, True, "submitted", (True, True, True, True)),
    ("advocate", False, False, "draft", (False, False, False, False)),
    ("advocate", False, False, "in_review", (False, False, False, False)),
    ("advocate", False, False, "verified", (True, False, False, False)),
    ("advocate", True, False, "closed", (True, False, False, False)),
    ("advocate", False, True, "verified", (False, False, False, False)),
    ("admin", False, False, "draft", (True, False, True, False)),
    ("admin", False, True, "verified", (True, False, True, False)),
]


@pytest.mark.parametrize("role, assignee, restricted, status, expected", TABLE)
def test_case_permissions(role, assignee, restricted, status, expected):
    someone = user(role)
    the_case = case(assignee=10 if assignee else 99, confidentiality="restricted" if restricted else "normal",
                    status=status)
    got = (p.can_view_case(someone, the_case), p.can_edit_case(someone, the_case),
           p.can_view_persons(someone, the_case), p.can_edit_persons(someone, the_case))
    assert got == expected


@pytest.mark.parametrize("role", ["caseworker", "coordinator", "advocate", "admin"])
def test_nobody_sees_another_organisation_s_case_or_a_deleted_one(role):
    assert not p.can_view_case(user(role, org=OTHER), case(status="verified"))
    assert not p.can_view_persons(user(role, org=OTHER), case(status="verified"))
    deleted = case(status="verified")
    deleted.deleted_at = "2026-01-01"
    assert not p.can_view_case(user(role), deleted)


def test_only_coordinators_assign_and_nobody_sets_status_organisation_or_reference():
    assert "assignee_id" in p.settable_fields(user("coordinator"))
    assert "assignee_id" not in p.settable_fields(user("caseworker"))
    for role in ("caseworker", "coordinator"):
        assert not {"status", "organisation_id", "reference"} & p.settable_fields(user(role))
