"""Who may do what with cases: pure predicates over a user and a case."""
from __future__ import annotations

from caseapp.auth.roles import ADMIN, ADVOCATE, CASE_CREATORS, CASE_READERS, CASEWORKER, COORDINATOR
from caseapp.cases import workflow


def can_list_cases(user) -> bool:
    return user.role in CASE_READERS


def can_create_case(user) -> bool:
    return user.role in CASE_CREATORS


def can_list_own_cases(user) -> bool:
    """'My cases' is for those who work cases: caseworkers and coordinators."""
    return user.role in CASE_CREATORS


def can_review_cases(user) -> bool:
    """The review queue is the coordinators'."""
    return user.role == COORDINATOR


def sees_restricted(user, case) -> bool:
    """Restricted cases are for their assignee, coordinators and admins only."""
    return user.role in (COORDINATOR, ADMIN) or case.assignee_id == user.id


def _actor(user) -> workflow.Actor:
    return workflow.Actor(user.id, user.role)


def can_view_case(user, case) -> bool:
    if user.organisation_id != case.organisation_id or user.role not in CASE_READERS:
        return False
    if getattr(case, "deleted_at", None) is not None:
        return False
    if user.role == ADVOCATE and case.status not in workflow.PUBLISHED:
        return False  # advocates work only with what a coordinator has verified
    return case.confidentiality != "restricted" or sees_restricted(user, case)


def can_edit_case(user, case) -> bool:
    return can_view_case(user, case) and workflow.may_edit(_actor(user), case.assignee_id, case.status)


def edit_waits_on_status(user, case) -> bool:
    """The person may see the case and could edit it in another status: the status is why not now."""
    return can_view_case(user, case) and workflow.edit_blocked_by_status(_actor(user), case.assignee_id, case.status)


def can_move_case(user, case, target: str) -> bool:
    """The role check of a status change (the status check is workflow.is_move)."""
    return can_view_case(user, case) and workflow.may_move_to(_actor(user), case.assignee_id, target)


def moves_for(user, case) -> list[str]:
    return workflow.moves_for(_actor(user), case.assignee_id, case.status) if can_view_case(user, case) else []


def can_delete_case(user, case) -> bool:
    return can_view_case(user, case) and workflow.may_delete(_actor(user), case.assignee_id, case.created_by_id,
                                                             case.status)


def can_open_bin(user) -> bool:
    """The bin of deleted drafts is for coordinators and admins: they restore what was deleted by mistake."""
    return user.role in (COORDINATOR, ADMIN)


def can_restore_case(user, case) -> bool:
    """A case in the bin of the user's own organisation, to a coordinator or an admin (who see restricted
    cases too); anyone else is told it does not exist."""
    return (can_open_bin(user) and user.organisation_id == case.organisation_id
            and getattr(case, "deleted_at", None) is not None)


def can_comment(user, case) -> bool:
    """Everyone who works the case talks on it; admins and advocates read the thread."""
    return can_view_case(user, case) and user.role in (CASEWORKER, COORDINATOR)


def can_assign(user, case=None) -> bool:
    if user.role != COORDINATOR:
        return False
    return case is None or (can_view_case(user, case) and case.status != workflow.CLOSED)


def can_view_persons(user, case) -> bool:
    """Need-to-know: the assignee, coordinators and admins; never advocates."""
    if not can_view_case(user, case):
        return False
    return user.role in (COORDINATOR, ADMIN) or (user.role == CASEWORKER and case.assignee_id == user.id)


def can_edit_persons(user, case) -> bool:
    return can_view_persons(user, case) and can_edit_case(user, case)


def settable_fields(user) -> frozenset[str]:
    """Case fields this user may set; status, organisation and reference are never among them."""
    fields = {"title", "summary", "confidentiality", "country", "region", "worksite", "sector", "period_start",
              "period_end", "conditions", "worker_groups", "actions"}
    if can_assign(user):
        fields.add("assignee_id")
    return frozenset(fields)


def can_save_searches(user) -> bool:
    """Whoever lists cases may keep their searches of the list."""
    return can_list_cases(user)
