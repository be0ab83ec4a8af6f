"""The review workflow: which status a case may move to, from where, and who may move it. Plain Python.

    draft -> submitted -> in_review -> verified -> closed
                 |            |                      |
                 +-> returned <+                      +-> in_review (reopened)
    returned -> submitted, returned -> closed

A request is checked in two steps, in this order: may this user move a case
to that status at all (else 403), and is that a move from the case's current
status (else 409, invalid_transition).
"""
from __future__ import annotations

from dataclasses import dataclass

from caseapp.auth.roles import CASEWORKER, COORDINATOR
from caseapp.errors import N_

DRAFT, SUBMITTED, IN_REVIEW, VERIFIED, RETURNED, CLOSED = (
    "draft", "submitted", "in_review", "verified", "returned", "closed")

STATUSES: dict[str, str] = {
    DRAFT: N_("Draft"),
    SUBMITTED: N_("Submitted"),
    IN_REVIEW: N_("In review"),
    RETURNED: N_("Returned for changes"),
    VERIFIED: N_("Verified"),
    CLOSED: N_("Closed"),
}

# target status -> the statuses it may be reached from
MOVES: dict[str, frozenset[str]] = {
    SUBMITTED: frozenset({DRAFT, RETURNED}),
    IN_REVIEW: frozenset({SUBMITTED, CLOSED}),
    RETURNED: frozenset({SUBMITTED, IN_REVIEW}),
    VERIFIED: frozenset({IN_REVIEW}),
    CLOSED: frozenset({VERIFIED, RETURNED}),
}

# What the button says for each move, by target (and for in_review, by origin).
ACTION_LABELS: dict[str, str] = {
    SUBMITTED: N_("Submit for review"),
    IN_REVIEW: N_("Take into review"),
    RETURNED: N_("Return for changes"),
    VERIFIED: N_("Verify"),
    CLOSED: N_("Close"),
}
REOPEN_LABEL = N_("Reopen")

# Moves that must say why.
COMMENT_REQUIRED = frozenset({RETURNED})

# Advocates see only what a coordinator has verified.
PUBLISHED = frozenset({VERIFIED, CLOSED})
# Where the assigned caseworker may still change the record.
OPEN_FOR_CASEWORKER = frozenset({DRAFT, RETURNED})


@dataclass(frozen=True)
class Actor:
    """Who asks, as far as the workflow cares."""

    id: int
    role: str


def may_move_to(actor: Actor, assignee_id: int | None, target: str) -> bool:
    """Whether this person may ever move this case to `target` (the role check)."""
    if target == SUBMITTED:
        return actor.role == COORDINATOR or (actor.role == CASEWORKER and assignee_id == actor.id)
    return target in MOVES and actor.role == COORDINATOR


def is_move(current: str, target: str) -> bool:
    """Whether `target` can be reached from `current` (the status check)."""
    return current in MOVES.get(target, frozenset())


def moves_for(actor: Actor, assignee_id: int | None, current: str) -> list[str]:
    """The targets this person may move the case to now, in a stable order."""
    return [target for target in MOVES if is_move(current, target) and may_move_to(actor, assignee_id, target)]


def may_edit(actor: Actor, assignee_id: int | None, status: str) -> bool:
    """Caseworkers change their case while it is a draft or returned; coordinators until it is closed."""
    if actor.role == COORDINATOR:
        return status != CLOSED
    return actor.role == CASEWORKER and assignee_id == actor.id and status in OPEN_FOR_CASEWORKER


def edit_blocked_by_status(actor: Actor, assignee_id: int | None, status: str) -> bool:
    """Refused only because of where the case is in the review: in another status this person could edit it
    (the page then names the status, not the role, as the reason)."""
    if may_edit(actor, assignee_id, status):
        return False
    if actor.role == COORDINATOR:
        return True
    return actor.role == CASEWORKER and assignee_id == actor.id


def may_delete(actor: Actor, assignee_id: int | None, created_by_id: int, status: str) -> bool:
    """Only drafts are deleted: by a coordinator, or by the caseworker whose draft it is."""
    if status != DRAFT:
        return False
    return actor.role == COORDINATOR or (actor.role == CASEWORKER and actor.id in (assignee_id, created_by_id))
