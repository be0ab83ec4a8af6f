"""The whole transition table: role x starting status x target status."""
import itertools

import pytest

from caseapp.cases import workflow as w

ASSIGNEE, OTHER = 1, 2
PEOPLE = {
    "assigned caseworker": w.Actor(ASSIGNEE, "caseworker"),
    "other caseworker": w.Actor(OTHER, "caseworker"),
    "coordinator": w.Actor(3, "coordinator"),
    "advocate": w.Actor(4, "advocate"),
    "admin": w.Actor(5, "admin"),
}
LEGAL = {
    ("draft", "submitted"), ("returned", "submitted"),
    ("submitted", "in_review"), ("closed", "in_review"),
    ("submitted", "returned"), ("in_review", "returned"),
    ("in_review", "verified"),
    ("verified", "closed"), ("returned", "closed"),
}
WHO = {  # who may move a case to each target at all
    "submitted": {"assigned caseworker", "coordinator"},
    "in_review": {"coordinator"}, "returned": {"coordinator"}, "verified": {"coordinator"},
    "closed": {"coordinator"},
}


@pytest.mark.parametrize("person, current, target",
                         list(itertools.product(PEOPLE, w.STATUSES, w.MOVES)))
def test_the_role_is_checked_first_then_the_status(person, current, target):
    actor = PEOPLE[person]
    role_ok = w.may_move_to(actor, ASSIGNEE, target)
    assert role_ok == (person in WHO[target])
    assert w.is_move(current, target) == ((current, target) in LEGAL)
    expected_moves = role_ok and (current, target) in LEGAL
    assert (target in w.moves_for(actor, ASSIGNEE, current)) == expected_moves


def test_nothing_moves_a_case_back_to_draft_or_to_an_unknown_status():
    for person in PEOPLE.values():
        assert not w.may_move_to(person, ASSIGNEE, "draft")
        assert not w.may_move_to(person, ASSIGNEE, "archived")


@pytest.mark.parametrize("status", w.STATUSES)
def test_who_may_edit_in_each_status(status):
    assert w.may_edit(PEOPLE["assigned caseworker"], ASSIGNEE, status) == (status in ("draft", "returned"))
    assert w.may_edit(PEOPLE["coordinator"], ASSIGNEE, status) == (status != "closed")
    for person in ("other caseworker", "advocate", "admin"):
        assert not w.may_edit(PEOPLE[person], ASSIGNEE, status)


@pytest.mark.parametrize("status", w.STATUSES)
def test_only_drafts_are_deleted(status):
    assert w.may_delete(PEOPLE["assigned caseworker"], ASSIGNEE, ASSIGNEE, status) == (status == "draft")
    assert not w.may_delete(PEOPLE["other caseworker"], ASSIGNEE, ASSIGNEE, status)
    assert not w.may_delete(PEOPLE["advocate"], ASSIGNEE, ASSIGNEE, status)


def test_returning_needs_a_comment_and_advocates_see_only_published_cases():
    assert w.COMMENT_REQUIRED == {"returned"}
    assert w.PUBLISHED == {"verified", "closed"}


@pytest.mark.parametrize("who, status, blocked", [
    ("assigned caseworker", "draft", False), ("assigned caseworker", "submitted", True),
    ("assigned caseworker", "in_review", True), ("assigned caseworker", "verified", True),
    ("assigned caseworker", "closed", True), ("assigned caseworker", "returned", False),
    ("other caseworker", "submitted", False), ("advocate", "submitted", False), ("admin", "draft", False),
    ("coordinator", "verified", False), ("coordinator", "closed", True)])
def test_an_edit_is_refused_because_of_the_status_only_where_another_status_would_allow_it(who, status, blocked):
    assert w.edit_blocked_by_status(PEOPLE[who], ASSIGNEE, status) is blocked
    if blocked:
        assert not w.may_edit(PEOPLE[who], ASSIGNEE, status)
