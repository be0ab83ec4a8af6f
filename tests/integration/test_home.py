"""The start page at /: what waits on each role, their open cases, unread notifications, counts with links."""
import re

import pytest

from caseapp.assessment import services as assessment
from caseapp.cases import review
from caseapp.extensions import db
from caseapp.reports.models import ReportExport
from tests.factories import advance, login, make_case, make_org, make_user

PRESENT = {"status": "present", "stages": ["employment"], "note": "", "excerpt_ids": []}


@pytest.fixture
def office(app):
    org = make_org()
    people = {role: make_user(org, role) for role in ("caseworker", "coordinator", "advocate", "admin")}
    second = make_user(org, "coordinator")
    returned = make_case(people["caseworker"], title="Brick kiln debts")
    advance(returned, "submitted", "returned", coordinator=second)
    make_case(people["caseworker"], title="Draft on the tomato farm")
    submitted = make_case(people["caseworker"], title="Shipyard welders")
    advance(submitted, "submitted")
    in_review = make_case(people["caseworker"], title="Fishing crew")
    assessment.record_finding(in_review, "isolation", PRESENT, second)  # second's: the first coordinator signs
    assessment.record_finding(in_review, "deception", PRESENT, people["coordinator"])  # own: four eyes
    db.session.commit()
    advance(in_review, "submitted", "in_review", coordinator=second)
    other = make_case(make_user(make_org(), "caseworker"), title="Another organisation's case")
    db.session.add(ReportExport(organisation_id=org.id, kind="dossier", profile="advocate",
                                case_ids=[in_review.id], requested_by_id=people["advocate"].id,
                                actor_label=people["advocate"].email, state="awaiting_approval"))
    db.session.commit()
    return people, {"returned": returned, "submitted": submitted, "in_review": in_review, "other": other}


def _home(app, user):
    client = app.test_client()
    login(client, user.email)
    response = client.get("/")
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302 and response.location.startswith("/login")


def test_a_caseworker_sees_what_was_returned_their_drafts_and_open_cases(app, office):
    people, cases = office
    page = _home(app, people["caseworker"])
    assert f'href="/cases?status=returned&amp;assignee_id={people["caseworker"].id}"><strong class="waiting-count">1' \
        in page and "case returned to you for changes" in page
    assert "draft of yours to finish and submit" in page
    assert "Brick kiln debts" in page and "Draft on the tomato farm" in page  # my open cases
    assert "Another organisation" not in page
    assert "Findings to sign off" not in page and "export waiting for your approval" not in page
    assert 'href="/cases?status=draft"' in page  # the counts link into the filtered list
    # The return sent a notification: it is unread on the start page.
    assert f'returned {cases["returned"].reference} to you for changes' in page


def test_a_coordinator_sees_the_review_work_findings_to_sign_and_exports_to_approve(app, office):
    people, cases = office
    page = _home(app, people["coordinator"])
    assert "case submitted, to take into review" in page and 'href="/cases/review"' in page
    assert "case in review" in page and "export waiting for your approval" in page
    assert "finding you may sign off" in page
    # Four eyes: the finding this coordinator recorded is not theirs to sign; the other one is.
    assert f'href="/cases/{cases["in_review"].id}/assessment#isolation"' in page
    assert f'href="/cases/{cases["in_review"].id}/assessment#deception"' not in page


def test_an_advocate_sees_only_what_is_published_and_their_own_export(app, office):
    people, cases = office
    page = _home(app, people["advocate"])
    assert "export of yours waiting for approval" in page
    for title in ("Brick kiln debts", "Shipyard welders", "Fishing crew", "Draft on the tomato farm"):
        assert title not in page  # none of them is verified
    assert "status=draft" not in page and "status=in_review" not in page  # counts do not reveal them either


def test_an_admin_sees_exports_to_approve_and_the_bin(app, office):
    people, cases = office
    draft = make_case(people["caseworker"], title="Deleted by mistake")
    review.delete_draft(draft, people["caseworker"])
    db.session.commit()
    page = _home(app, people["admin"])
    assert "export waiting for your approval" in page and "deleted draft in the bin" in page
    assert "My open cases" not in page


def test_a_user_who_must_still_set_up_a_second_factor_sees_no_case_data_on_the_start_page(app, office):
    people, _cases = office
    newcomer = make_user(people["caseworker"].organisation, "coordinator", two_factor=False)
    client = app.test_client()
    login(client, newcomer.email)
    response = client.get("/")
    assert response.status_code == 302 and "two-factor" in response.location
    assert "Brick kiln" not in client.get("/", follow_redirects=True).get_data(as_text=True)
