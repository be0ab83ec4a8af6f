"""Who may record and who may sign off findings: pure predicates."""
from __future__ import annotations

from caseapp.auth.roles import COORDINATOR
from caseapp.cases.permissions import can_edit_case, can_view_case


def can_view_assessment(user, case) -> bool:
    return can_view_case(user, case)


def can_record_findings(user, case) -> bool:
    return can_edit_case(user, case)


def can_sign_off_findings(user, case) -> bool:
    """Signing off is a coordinator's; whether this finding may be signed by them is `can_sign_off`."""
    return user.role == COORDINATOR and can_view_case(user, case)


def contributed(user, finding) -> bool:
    """Whether the user recorded or changed the finding since its last sign-off."""
    return finding.changed_by_id == user.id or user.id in (finding.contributor_ids or ())


def can_sign_off(user, case, finding) -> bool:
    """Four eyes: a coordinator who has not recorded or changed the finding since its last sign-off."""
    return (user.role == COORDINATOR and can_view_case(user, case) and finding.status in ("present", "suspected")
            and not contributed(user, finding) and not finding.signed_off)
