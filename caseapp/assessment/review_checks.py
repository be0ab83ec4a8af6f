"""What the assessment asks of the review: a case is verified only once every finding marked present is signed
off. Otherwise a verified case would show forced labour "possible" from unsigned findings, and advocates would
export findings no second coordinator has looked at."""
from __future__ import annotations

from sqlalchemy import select

from caseapp.assessment.models import Finding
from caseapp.cases import review, workflow
from caseapp.errors import N_, ServiceError
from caseapp.extensions import db
from caseapp.i18n import indicator_name


def unsigned_present_findings(case, target: str) -> ServiceError | None:
    if target != workflow.VERIFIED:
        return None
    unsigned = db.session.scalars(select(Finding.indicator).where(
        Finding.case_id == case.id, Finding.status == "present", Finding.signed_off_at.is_(None))
        .order_by(Finding.indicator)).all()
    if not unsigned:
        return None
    return ServiceError(N_("A case is verified once every finding marked present is signed off by a coordinator "
                           "who did not record it. Not yet signed off: %(indicators)s."), "to",
                        indicators=", ".join(indicator_name(key) for key in unsigned))


def install() -> None:
    review.check_moves_with(unsigned_present_findings)
