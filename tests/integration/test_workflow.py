"""The review workflow through the API and the pages: transitions, visibility, comments, notifications."""
import pytest

from caseapp.audit.models import AuditEntry
from caseapp.cases import workflow
from caseapp.cases.models import Case
from caseapp.extensions import db
from caseapp.notifications.models import Notification
from tests.factories import advance, bearer, login, make_case, make_token, post_form


def _move(client, user, case_id, to, comment=None):
    body = {"to": to} | ({"comment": comment} if comment is not None else {})
    return client.post(f"/api/v1/cases/{case_id}/transitions", json=body, headers=bearer(make_token(user)))


ROUTE_TO = {  # how a draft reaches each status
    "draft": [], "submitted": ["submitted"], "in_review": ["submitted", "in_review"],
    "returned": ["submitted", "returned"], "verified": ["submitted", "in_review", "verified"],
    "closed": ["submitted", "in_review", "verified", "closed"],
}


# The table's 120 cases test the workflow's rules, which do not depend on the database: they run on
# PostgreSQL only (production's), and every other test of the workflow runs on both.
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize("start", list(workflow.STATUSES))
@pytest.mark.parametrize("target", list(workflow.MOVES))
@pytest.mark.parametrize("who", ["caseworker", "other", "coordinator", "admin"])
def test_the_whole_transition_table_over_the_api(client, team, who, start, target):
    case = advance(make_case(team["caseworker"]), *ROUTE_TO[start], coordinator=team["coordinator"])
    response = _move(client, team[who], case.id, target, comment="Because.")
    role_ok = workflow.may_move_to(workflow.Actor(team[who].id, team[who].role), case.assignee_id, target)
    if who == "admin" or (who == "other" and target == "submitted") or not role_ok:
        assert response.status_code == 403, response.get_json()
    elif not workflow.is_move(start, target):
        assert response.status_code == 409
        body = response.get_json()
        assert body["error"]["code"] == "invalid_transition" and body["current"] == {"status": start}
    else:
        assert response.status_code == 200 and response.get_json()["status"] == target
        entry = db.session.scalars(db.select(AuditEntry).filter_by(action="case.transition", case_id=case.id)
                                   .order_by(AuditEntry.id.desc())).first()
        assert entry.changes["status"] == {"old": start, "new": target} and entry.actor_id == team[who].id


def test_advocates_see_cases_only_once_verified(client, team):
    case = make_case(team["caseworker"])
    headers = bearer(make_token(team["advocate"]))
    seen = {}
    for step in [None, "submitted", "in_review", "returned", "submitted", "in_review", "verified", "closed",
                 "in_review"]:
        if step:
            advance(case, step, coordinator=team["coordinator"])
        listed = [c["id"] for c in client.get("/api/v1/cases", headers=headers).get_json()["items"]]
        status = client.get(f"/api/v1/cases/{case.id}", headers=headers).status_code
        seen[db.session.get(Case, case.id).status] = (status, case.id in listed)
    assert seen == {"draft": (404, False), "submitted": (404, False), "in_review": (404, False),
                    "returned": (404, False), "verified": (200, True), "closed": (200, True)}


def test_returning_needs_a_comment_which_joins_the_thread_and_the_history(client, team):
    case = advance(make_case(team["caseworker"]), "submitted", coordinator=team["coordinator"])
    refused = _move(client, team["coordinator"], case.id, "returned")
    assert refused.status_code == 422 and "comment" in refused.get_json()["error"]["fields"]
    assert _move(client, team["coordinator"], case.id, "returned", "Add the source of the hours.").status_code == 200
    thread = client.get(f"/api/v1/cases/{case.id}/comments", headers=bearer(make_token(team["caseworker"])))
    comment = thread.get_json()["items"][0]
    assert comment["body"] == "Add the source of the hours." and comment["transition"] == "returned"
    login(client, team["caseworker"].email)
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Add the source of the hours." in page and "changed the status" in page


def test_caseworkers_edit_only_drafts_and_returned_cases(client, team):
    case = advance(make_case(team["caseworker"]), "submitted", coordinator=team["coordinator"])
    headers = bearer(make_token(team["caseworker"]))
    assert client.patch(f"/api/v1/cases/{case.id}", json={"version": case.version, "region": "x"},
                        headers=headers).status_code == 403
    advance(case, "returned", coordinator=team["coordinator"])
    assert client.patch(f"/api/v1/cases/{case.id}", json={"version": case.version, "region": "x"},
                        headers=headers).status_code == 200


def test_a_caseworker_deletes_their_own_draft_and_only_that(client, team):
    draft = make_case(team["caseworker"], title="Mistaken draft")
    submitted = advance(make_case(team["caseworker"]), "submitted", coordinator=team["coordinator"])
    headers = bearer(make_token(team["caseworker"]))
    assert client.delete(f"/api/v1/cases/{submitted.id}", headers=headers).status_code == 403
    assert client.delete(f"/api/v1/cases/{draft.id}", headers=bearer(make_token(team["other"]))).status_code == 403
    assert client.delete(f"/api/v1/cases/{draft.id}", headers=headers).status_code == 204
    assert client.get(f"/api/v1/cases/{draft.id}", headers=headers).status_code == 404
    coordinator = bearer(make_token(team["coordinator"]))
    assert draft.id not in [c["id"] for c in client.get("/api/v1/cases", headers=coordinator).get_json()["items"]]
    assert db.session.scalars(db.select(AuditEntry).filter_by(action="case.delete", case_id=draft.id)).one()
    assert db.session.get(Case, draft.id).deleted_at is not None  # kept, as the history says


def test_coordinators_assign_and_the_new_assignee_is_told(client, team):
    case = make_case(team["caseworker"])
    response = client.post(f"/api/v1/cases/{case.id}/assign", json={"assignee_id": team["other"].id},
                           headers=bearer(make_token(team["coordinator"])))
    assert response.status_code == 200 and response.get_json()["assignee_id"] == team["other"].id
    note = db.session.scalars(db.select(Notification).filter_by(user_id=team["other"].id)).one()
    assert note.kind == "assigned" and note.case_id == case.id
    bad = client.post(f"/api/v1/cases/{case.id}/assign", json={"assignee_id": team["advocate"].id},
                      headers=bearer(make_token(team["coordinator"])))
    assert bad.status_code == 422
    assert client.post(f"/api/v1/cases/{case.id}/assign", json={"assignee_id": team["other"].id},
                       headers=bearer(make_token(team["caseworker"]))).status_code == 403


def test_notifications_reach_the_right_people_and_the_count_shows(client, team, app):
    second_coordinator = team["second_coordinator"]
    case = make_case(team["caseworker"])
    _move(client, team["caseworker"], case.id, "submitted")
    told = {n.user_id: n.kind for n in db.session.scalars(db.select(Notification))}
    assert told == {team["coordinator"].id: "submitted", second_coordinator.id: "submitted"}
    _move(client, team["coordinator"], case.id, "returned", "Fix the dates.")
    returned = db.session.scalars(db.select(Notification).filter_by(user_id=team["caseworker"].id)).one()
    assert returned.kind == "returned"
    login(client, team["caseworker"].email)
    page = client.get("/notifications").get_data(as_text=True)
    assert 'class="count"' in page and "returned" in page and case.reference in page
    opened = post_form(client, "/notifications", f"/notifications/{returned.id}/open", {})
    assert opened.location == f"/cases/{case.id}"
    assert 'class="count"' not in client.get("/cases").get_data(as_text=True)
    stranger = app.test_client()
    login(stranger, team["other"].email)
    assert post_form(stranger, "/notifications", f"/notifications/{returned.id}/open", {}).status_code == 404


def test_my_cases_puts_returned_cases_first(client, team):
    draft = make_case(team["caseworker"], title="A draft")
    returned = advance(make_case(team["caseworker"], title="A returned one"), "submitted", "returned",
                       coordinator=team["coordinator"])
    make_case(team["other"], title="Someone else's")
    login(client, team["caseworker"].email)
    page = client.get("/cases/mine").get_data(as_text=True)
    assert page.index(returned.reference) < page.index(draft.reference)
    assert "Someone else&#39;s" not in page and "Someone else's" not in page


def test_the_review_queue_holds_submitted_and_in_review_cases_oldest_first(client, team):
    first = advance(make_case(team["caseworker"], title="First in"), "submitted", coordinator=team["coordinator"])
    second = advance(make_case(team["caseworker"], title="Second in"), "submitted", "in_review",
                     coordinator=team["coordinator"])
    make_case(team["caseworker"], title="Still a draft")
    login(client, team["coordinator"].email)
    page = client.get("/cases/review").get_data(as_text=True)
    assert page.index(first.reference) < page.index(second.reference) and "Still a draft" not in page


def test_comments_from_the_case_page(client, team):
    case = make_case(team["caseworker"])
    login(client, team["caseworker"].email)
    post_form(client, f"/cases/{case.id}", f"/cases/{case.id}/comments", {"body": "Interview on Monday <b>!</b>"})
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Interview on Monday &lt;b&gt;!&lt;/b&gt;" in page and "commented" in page
    coordinator_note = db.session.scalars(db.select(Notification).filter_by(user_id=team["coordinator"].id)).one()
    assert coordinator_note.kind == "comment"


def test_the_case_page_offers_exactly_the_moves_the_user_may_make(client, team):
    case = advance(make_case(team["caseworker"]), "submitted", coordinator=team["coordinator"])
    login(client, team["coordinator"].email)
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Take into review" in page and "Return for changes" in page and ">Verify<" not in page
    post_form(client, "/profile", "/logout", {})
    login(client, team["caseworker"].email)
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Take into review" not in page and "Submit for review" not in page and "Edit the case" not in page


@pytest.mark.parametrize("status, says", [("submitted", "returned to you for changes"),
                                          ("verified", "changed by a coordinator")])
def test_a_refused_edit_names_the_case_s_status_not_the_role(client, app, status, says):
    from tests.factories import advance, login, make_case, make_org, make_user, post_form

    org = make_org()
    caseworker = make_user(org, "caseworker")
    case = make_case(caseworker, title="Status, not role")
    targets = {"submitted": ("submitted",), "verified": ("submitted", "in_review", "verified")}[status]
    advance(case, *targets, caseworker=caseworker)
    login(client, caseworker.email)
    for response in (client.get(f"/cases/{case.id}/edit"),
                     post_form(client, "/cases/new", f"/cases/{case.id}/edit", {"title": "Changed anyway"})):
        page = response.get_data(as_text=True)
        assert response.status_code == 403
        assert f"{case.reference} cannot be edited now" in page and says in page
        assert "Your role does not allow this" not in page
    other, stranger = make_user(org, "caseworker"), app.test_client()
    login(stranger, other.email)  # not the assignee: the role, not the status, is why
    assert "Your role does not allow this" in stranger.get(f"/cases/{case.id}/edit").get_data(as_text=True)
