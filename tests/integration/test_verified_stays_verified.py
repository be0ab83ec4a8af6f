"""Whatever changes what a verified case says sends it back to review, whichever route changes it (the attack
review found seven that did not): the history says so, and advocates lose the case until it is verified again."""
import pytest
from sqlalchemy import select

from caseapp.assessment import proposals
from caseapp.assessment import services as assessment
from caseapp.audit.models import AuditEntry
from caseapp.cases.models import Case
from caseapp.extensions import db
from caseapp.parties import services as parties
from caseapp.persons import services as persons
from caseapp.sources import evidence
from caseapp.sources import services as sources
from tests.factories import make_case, make_org, make_user, verified_case

TEXT = "The crew worked twenty hours a day. The captain kept the passports in his cabin."


@pytest.fixture
def world(app):
    org = make_org()
    caseworker, coordinator = make_user(org, "caseworker"), make_user(org, "coordinator")
    source = sources.add_from_paste(TEXT, {"title": "Notes"}, None, caseworker).source
    party = parties.create_party({"name": "Blue Sea Fishing", "kind": "employer"}, caseworker).party
    db.session.flush()
    draft = make_case(caseworker)
    excerpt = evidence.create_excerpt(source, draft, {"quote": "twenty hours a day"}, caseworker)
    db.session.commit()
    case = verified_case(caseworker)
    return {"caseworker": caseworker, "coordinator": coordinator, "source": source, "party": party, "case": case,
            "excerpt_elsewhere": excerpt}


def _quote(w, words="twenty hours a day"):
    return evidence.create_excerpt(w["source"], w["case"], {"quote": words}, w["coordinator"])


CHANGES = {
    "link a party": lambda w: parties.link_party(w["case"], w["party"].id, "employer", "", w["coordinator"]),
    "add a person": lambda w: persons.create_person(w["case"], {"name": "Min", "role": "worker"}, w["coordinator"]),
    "cite a source": lambda w: sources.link_case(w["case"], w["source"], w["coordinator"]),
    "quote a passage": _quote,
    "record a finding": lambda w: assessment.record_finding(
        w["case"], "isolation", {"status": "present", "stages": ["employment"], "note": "", "excerpt_ids": []},
        w["coordinator"]),
    "accept a proposal": lambda w: proposals.accept(
        w["source"], w["case"], {"indicator": "retention_of_identity_documents",
                                 "start": TEXT.index("The captain"), "end": len(TEXT)}, w["coordinator"],
        "employment"),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_change_to_a_verified_case_sends_it_back_to_review(world, change):
    case_id = world["case"].id
    CHANGES[change](world)
    db.session.commit()
    assert db.session.get(Case, case_id).status == "in_review", change
    assert db.session.scalars(select(AuditEntry).filter_by(action="case.reopen_by_edit", case_id=case_id)).one()


def test_evidence_for_a_fact_and_a_retained_value_send_it_back_too(world):
    case_id = world["case"].id
    excerpt = _quote(world)
    db.session.commit()
    case = db.session.get(Case, case_id)
    assert case.status == "in_review"
    case.status = "verified"  # verified again, as a coordinator would after checking
    db.session.commit()
    evidence.attach_evidence(case, "daily_hours", excerpt.id, 20, world["coordinator"])
    db.session.commit()
    assert db.session.get(Case, case_id).status == "in_review"
    case.status = "verified"
    db.session.commit()
    evidence.retain_value(case, "daily_hours", 20, "The interview notes say so.", world["coordinator"])
    db.session.commit()
    assert db.session.get(Case, case_id).status == "in_review"


def test_renaming_a_party_sends_the_verified_cases_that_name_it_back_to_review(world):
    case = world["case"]
    parties.link_party(case, world["party"].id, "employer", "", world["coordinator"])
    case.status = "verified"
    db.session.commit()
    party = world["party"]
    parties.update_party(party, {"name": "Blue Sea Fishing Ltd"}, world["caseworker"], party.version)
    db.session.commit()
    assert db.session.get(Case, case.id).status == "in_review"


def test_removing_a_person_and_unlinking_a_party_send_it_back_too(world):
    case = world["case"]
    person = persons.create_person(case, {"name": "Min", "role": "worker"}, world["coordinator"])
    link = parties.link_party(case, world["party"].id, "employer", "", world["coordinator"])
    case.status = "verified"
    db.session.commit()
    persons.delete_person(person, world["coordinator"])
    db.session.commit()
    assert db.session.get(Case, case.id).status == "in_review"
    case.status = "verified"
    db.session.commit()
    parties.unlink_party(link, world["coordinator"])
    db.session.commit()
    assert db.session.get(Case, case.id).status == "in_review"


def test_signing_off_and_commenting_leave_a_verified_case_verified(world):
    from caseapp.cases import review

    case = world["case"]
    review.add_comment(case, "Checked again.", world["coordinator"])
    db.session.commit()
    assert db.session.get(Case, case.id).status == "verified"


def test_the_caseworker_and_the_coordinators_are_told_when_a_change_sends_a_case_back_to_review(world):
    from caseapp.notifications.models import Notification

    other_coordinator = make_user(world["case"].organisation, "coordinator")
    _quote(world)
    db.session.commit()
    told = {(n.user_id, n.kind) for n in db.session.scalars(select(Notification).where(
        Notification.case_id == world["case"].id, Notification.kind == "reopened"))}
    from caseapp.auth.models import User

    coordinators = set(db.session.scalars(select(User.id).where(
        User.organisation_id == world["case"].organisation_id, User.role == "coordinator")))
    assert other_coordinator.id in coordinators
    expected = {world["caseworker"].id} | coordinators - {world["coordinator"].id}  # everyone but the actor
    assert told == {(user_id, "reopened") for user_id in expected}


def test_the_assignee_is_told_when_their_draft_is_restored(app, world):
    from caseapp.cases import review
    from caseapp.notifications.models import Notification

    draft = make_case(world["caseworker"])
    review.delete_draft(draft, world["caseworker"])
    review.restore(draft, world["coordinator"])
    db.session.commit()
    assert db.session.scalars(select(Notification.user_id).where(
        Notification.case_id == draft.id, Notification.kind == "restored")).all() == [world["caseworker"].id]
    client = app.test_client()
    from tests.factories import login

    login(client, world["caseworker"].email)
    assert f"restored your draft {draft.reference} from the bin" in client.get("/notifications").get_data(as_text=True)
