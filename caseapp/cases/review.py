"""Moving a case through review, assigning it, deleting drafts, and its comment thread. The caller commits."""
from __future__ import annotations

from typing import Callable

from sqlalchemy import select

from caseapp.audit.services import record
from caseapp.auth.models import User
from caseapp.cases import events, permissions, workflow
from caseapp.cases.models import Case, CaseComment
from caseapp.cases.services import assignable_users
from caseapp.db import utcnow
from caseapp.errors import N_, ServiceError
from caseapp.extensions import db
from caseapp.cases.limits import COMMENT_MAX



class InvalidTransition(Exception):
    """The move is allowed to this user, but not from the case's current status."""

    def __init__(self, current: str, target: str) -> None:
        super().__init__(f"{current} -> {target}")
        self.current = current
        self.target = target


def _clean_comment(comment, required: bool) -> str:
    if comment is not None and not isinstance(comment, str):
        raise ServiceError(N_("Give a text value."), "comment")
    comment = (comment or "").strip()
    if required and not comment:
        raise ServiceError(N_("Say what needs to change: a returned case needs a comment."), "comment")
    if len(comment) > COMMENT_MAX:
        raise ServiceError(N_("Keep this under %(max)s characters."), "comment", max=COMMENT_MAX)
    return comment


# Areas above may refuse a move for what they hold (the assessment: a case is verified only once its findings
# marked present are signed off). They register a check at start-up, as the search index registers its
# listener; a check answers None, or the ServiceError that names what is missing.
_move_checks: list[Callable[[Case, str], ServiceError | None]] = []


def check_moves_with(check: Callable[[Case, str], ServiceError | None]) -> None:
    if check not in _move_checks:
        _move_checks.append(check)


def transition(case: Case, target, comment, actor: User) -> Case:
    """Move the case to `target`: role first (PermissionError), then status (InvalidTransition), then what the
    areas above ask of it (ServiceError)."""
    if target not in workflow.MOVES:
        raise ServiceError(N_("Choose one of: %(choices)s."), "to", choices=", ".join(workflow.MOVES))
    if not permissions.can_move_case(actor, case, target):
        raise PermissionError("move case")
    if not workflow.is_move(case.status, target):
        raise InvalidTransition(case.status, target)
    for check in _move_checks:
        refusal = check(case, target)
        if refusal is not None:
            raise refusal
    comment = _clean_comment(comment, target in workflow.COMMENT_REQUIRED)
    before = case.status
    case.status = target
    case.status_changed_at = utcnow()
    db.session.flush()
    changes = {"status": {"old": before, "new": target}}
    if comment:
        changes["comment"] = {"old": None, "new": comment}
        db.session.add(CaseComment(case_id=case.id, author_id=actor.id, body=comment, transition=target))
    record("case.transition", case, actor, changes)
    _tell(case, target, actor)
    return case


def _tell(case: Case, target: str, actor: User) -> None:
    if target == workflow.SUBMITTED:
        events.case_submitted.send(case, actor=actor)
    elif target == workflow.RETURNED:
        events.case_returned.send(case, actor=actor)


def assign(case: Case, assignee_id, actor: User) -> Case:
    if not permissions.can_assign(actor, case):
        raise PermissionError("assign case")
    allowed = {user.id: user for user in assignable_users(case.organisation_id)}
    if not isinstance(assignee_id, int) or isinstance(assignee_id, bool) or assignee_id not in allowed:
        raise ServiceError(N_("Choose an active caseworker or coordinator of your organisation."), "assignee_id")
    if assignee_id == case.assignee_id:
        return case
    before = case.assignee_id
    case.assignee_id = assignee_id
    db.session.flush()
    record("case.assign", case, actor, {"assignee_id": {"old": before, "new": assignee_id}})
    events.case_assigned.send(case, actor=actor, assignee=allowed[assignee_id])
    return case


def delete_draft(case: Case, actor: User) -> None:
    """Move a draft to the bin: out of every list and page but the bin's, until `flask retention run` purges it
    BIN_DAYS later or a coordinator restores it. Its history stays."""
    if not permissions.can_delete_case(actor, case):
        raise PermissionError("delete case")
    case.deleted_at = utcnow()
    case.deleted_by_id = actor.id
    db.session.flush()
    record("case.delete", case, actor, {"deleted": {"old": None, "new": True}})


def restore(case: Case, actor: User) -> Case:
    """Bring a case back from the bin, as it was when it was deleted (a draft)."""
    if not permissions.can_restore_case(actor, case):
        raise PermissionError("restore case")
    case.deleted_at = None
    case.deleted_by_id = None
    case.updated_at = utcnow()  # back at the top of the case list, where the user will look for it
    db.session.flush()
    record("case.restore", case, actor, {"deleted": {"old": True, "new": None}})
    events.case_restored.send(case, actor=actor)
    return case


def add_comment(case: Case, body, actor: User) -> CaseComment:
    if not permissions.can_comment(actor, case):
        raise PermissionError("comment")
    comment = CaseComment(case_id=case.id, author_id=actor.id, body=_clean_comment(body, required=True))
    db.session.add(comment)
    db.session.flush()
    record("case.comment", case, actor, {"comment": {"old": None, "new": comment.body}})
    events.case_commented.send(case, actor=actor)
    return comment


def comments_of(case: Case) -> list[CaseComment]:
    return list(db.session.scalars(select(CaseComment).where(CaseComment.case_id == case.id)
                                   .order_by(CaseComment.id)))
