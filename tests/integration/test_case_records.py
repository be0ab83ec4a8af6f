"""The full case record through the API: fields, validation, locking, history."""
import pytest

from caseapp.audit.models import AuditEntry
from caseapp.extensions import db
from tests.factories import bearer, make_case, make_org, make_token, make_user

FULL = {
    "title": "Brick kiln workers bonded by advances",
    "summary": "Families work to repay advances that never shrink.",
    "confidentiality": "normal",
    "country": "IN",
    "region": "Punjab",
    "worksite": "Kiln near Ludhiana",
    "sector": "manufacturing",
    "period_start": "2019-03",
    "period_end": "2021",
    "worker_groups": [{"origin": "IN", "count_min": 40, "count_max": 60, "count_qualifier": "about",
                       "gender_note": "Men and women", "age_note": "Some under 15", "children_involved": True,
                       "note": "Seasonal migrants from Bihar"}],
    "conditions": {"work_start": "05:00", "work_end": "19:00", "days_per_week": 7, "rest_days_per_month": 0,
                   "wage_recipient": "agent", "wage_withheld_share": 100, "debt": 25000, "wage_currency": "inr",
                   "debt_note": "Advance of 25,000 rupees", "phones_taken": False, "family_contact": True},
    "actions": [{"kind": "complaint", "date": "2021-04", "outcome": "Filed with the labour inspectorate."}],
}


@pytest.fixture
def org():
    return make_org(code="NGO")


@pytest.fixture
def caseworker(org):
    return make_user(org, "caseworker")


@pytest.fixture
def coordinator(org):
    return make_user(org, "coordinator")


def headers_for(user):
    return bearer(make_token(user))


def create(client, user, body=None):
    return client.post("/api/v1/cases", json=body or FULL, headers=headers_for(user))


def test_the_whole_record_round_trips(client, caseworker):
    created = create(client, caseworker)
    assert created.status_code == 201, created.get_json()
    case = created.get_json()
    assert case["period_start"] == "2019-03" and case["period_end"] == "2021"
    assert case["assignee_id"] == caseworker.id and case["confidentiality"] == "normal"
    group = case["worker_groups"][0]
    assert (group["count_min"], group["count_max"], group["count_qualifier"]) == (40, 60, "about")
    assert group["children_involved"] is True and group["origin"] == "IN"
    conditions = case["conditions"]
    assert conditions["daily_hours"] == 14 and conditions["rest_days_per_month"] == 0
    assert conditions["wage_currency"] == "INR" and conditions["phones_taken"] is False
    assert conditions["threats"] is None and "threats_note" in conditions
    assert case["actions"][0]["date"] == "2021-04"
    again = client.get(f"/api/v1/cases/{case['id']}", headers=headers_for(caseworker)).get_json()
    assert again == case


@pytest.mark.parametrize("date", ["2018", "2018-07", "2018-07-09"])
def test_partial_dates_come_back_exactly_as_given(client, caseworker, date):
    case = create(client, caseworker, {"title": "t", "period_start": date, "period_end": date}).get_json()
    assert case["period_start"] == date and case["period_end"] == date


@pytest.mark.parametrize("change, field", [
    ({"country": "XX"}, "country"),
    ({"country": "ru"}, None),
    ({"period_start": "2018-02-30"}, "period_start"),
    ({"period_start": "2018-13"}, "period_start"),
    ({"period_start": "2019", "period_end": "2018"}, "period_end"),
    ({"period_end": "yesterday"}, "period_end"),
    ({"worker_groups": [{"count_min": 100, "count_max": 10}]}, "worker_groups.0.count_max"),
    ({"worker_groups": [{"count_min": -1}]}, "worker_groups.0.count_min"),
    ({"worker_groups": [{"origin": "Korea"}]}, "worker_groups.0.origin"),
    ({"worker_groups": [{"count_qualifier": "lots"}]}, "worker_groups.0.count_qualifier"),
    ({"worker_groups": [{"count_min": 5, "count_max": 6, "count_qualifier": "exact"}]}, "worker_groups.0.count_max"),
    ({"conditions": {"daily_hours": 30}}, "conditions.daily_hours"),
    ({"conditions": {"daily_hours": "16"}}, "conditions.daily_hours"),
    ({"conditions": {"phones_taken": "no"}}, "conditions.phones_taken"),
    ({"conditions": {"mood": "bad"}}, "conditions.mood"),
    ({"actions": [{"kind": "lawsuit"}]}, "actions.0.kind"),
    ({"actions": [{"kind": "media", "date": "2021-02-31"}]}, "actions.0.date"),
    ({"sector": "space"}, "sector"),
    ({"confidentiality": "secret"}, "confidentiality"),
    ({"status": "verified"}, "status"),
    ({"reference": "X-1"}, "reference"),
    ({"organisation_id": 9}, "organisation_id"),
    ({"assignee_id": 1}, "assignee_id"),
])
def test_every_field_is_checked_on_create(client, caseworker, change, field):
    response = create(client, caseworker, {"title": "t"} | change)
    if field is None:
        assert response.status_code == 201
        return
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["error"]["fields"], response.get_json()


def test_a_coordinator_assigns_but_only_to_colleagues_who_do_case_work(client, org, coordinator, caseworker):
    advocate = make_user(org, "advocate")
    stranger = make_user(make_org(), "caseworker")
    ok = create(client, coordinator, {"title": "t", "assignee_id": caseworker.id})
    assert ok.status_code == 201 and ok.get_json()["assignee_id"] == caseworker.id
    for bad in (advocate.id, stranger.id, 999999):
        response = create(client, coordinator, {"title": "t", "assignee_id": bad})
        assert response.status_code == 422 and "assignee_id" in response.get_json()["error"]["fields"]


def _patch(client, user, case_id, body):
    return client.patch(f"/api/v1/cases/{case_id}", json=body, headers=headers_for(user))


def test_patch_needs_the_version_and_a_stale_one_is_a_conflict_with_the_current_record(client, caseworker):
    case = create(client, caseworker).get_json()
    missing = _patch(client, caseworker, case["id"], {"title": "New title"})
    assert missing.status_code == 422 and "version" in missing.get_json()["error"]["fields"]
    first = _patch(client, caseworker, case["id"], {"version": 1, "title": "New title"})
    assert first.status_code == 200 and first.get_json()["version"] == 2
    stale = _patch(client, caseworker, case["id"], {"version": 1, "title": "Lost update"})
    assert stale.status_code == 409
    body = stale.get_json()
    assert body["error"]["code"] == "conflict"
    assert body["current"]["title"] == "New title" and body["current"]["version"] == 2


def test_patch_changes_only_what_is_sent_and_records_field_level_history(client, caseworker):
    case = create(client, caseworker).get_json()
    response = _patch(client, caseworker, case["id"], {"version": 1, "region": "Haryana",
                                                       "conditions": {"daily_hours": 16}})
    changed = response.get_json()
    assert changed["region"] == "Haryana" and changed["conditions"]["daily_hours"] == 16
    assert changed["conditions"]["debt"] == 25000 and changed["title"] == FULL["title"]
    entry = db.session.scalars(db.select(AuditEntry).filter_by(action="case.update", case_id=case["id"])).one()
    assert entry.changes == {"region": {"old": "Punjab", "new": "Haryana"},
                             "conditions.daily_hours": {"old": 14, "new": 16}}
    assert entry.actor_id == caseworker.id


def test_worker_groups_are_updated_by_id_added_and_removed(client, caseworker):
    case = create(client, caseworker).get_json()
    group_id = case["worker_groups"][0]["id"]
    response = _patch(client, caseworker, case["id"], {"version": 1, "worker_groups": [
        {"id": group_id, "origin": "NP", "count_min": 45, "count_qualifier": "about"},
        {"origin": "BD", "count_min": 3, "count_max": 3, "count_qualifier": "exact"},
    ]})
    groups = response.get_json()["worker_groups"]
    assert [g["origin"] for g in groups] == ["NP", "BD"] and groups[0]["id"] == group_id
    assert response.get_json()["version"] == 2
    removed = _patch(client, caseworker, case["id"], {"version": 2, "worker_groups": [{"id": groups[1]["id"],
                                                                                        "origin": "BD"}]})
    assert [g["origin"] for g in removed.get_json()["worker_groups"]] == ["BD"]
    actions = [e.action for e in db.session.scalars(db.select(AuditEntry).filter_by(case_id=case["id"]))]
    assert {"worker_group.create", "worker_group.update", "worker_group.delete"} <= set(actions)
    foreign = _patch(client, caseworker, case["id"], {"version": 3, "worker_groups": [{"id": 999999}]})
    assert foreign.status_code == 422


def test_status_and_assignee_cannot_be_changed_by_a_caseworker(client, caseworker, coordinator):
    case = create(client, caseworker).get_json()
    for body, field in (({"status": "verified"}, "status"), ({"assignee_id": coordinator.id}, "assignee_id")):
        response = _patch(client, caseworker, case["id"], {"version": 1} | body)
        assert response.status_code == 422 and field in response.get_json()["error"]["fields"]
    assert _patch(client, coordinator, case["id"], {"version": 1, "assignee_id": coordinator.id}).status_code == 200


def test_who_may_edit(client, org, caseworker, coordinator):
    case = create(client, caseworker).get_json()
    colleague = make_user(org, "caseworker")
    for user, status in ((colleague, 403), (make_user(org, "advocate"), 403), (make_user(org, "admin"), 403),
                         (coordinator, 200), (make_user(make_org(), "coordinator"), 404)):
        version = client.get(f"/api/v1/cases/{case['id']}", headers=headers_for(coordinator)).get_json()["version"]
        response = _patch(client, user, case["id"], {"version": version, "region": f"r{user.id}"})
        assert response.status_code == status, (user.role, response.get_json())


def test_restricted_cases_are_hidden_from_everyone_without_a_part_in_them(client, org, caseworker):
    case = create(client, caseworker, {"title": "Informant in danger", "confidentiality": "restricted"}).get_json()
    can_see = [caseworker, make_user(org, "coordinator"), make_user(org, "admin")]
    cannot = [make_user(org, "caseworker"), make_user(org, "advocate")]
    for user in can_see:
        headers = headers_for(user)
        assert client.get(f"/api/v1/cases/{case['id']}", headers=headers).status_code == 200
        assert case["id"] in [c["id"] for c in client.get("/api/v1/cases", headers=headers).get_json()["items"]]
    for user in cannot:
        headers = headers_for(user)
        assert client.get(f"/api/v1/cases/{case['id']}", headers=headers).status_code == 404
        assert case["id"] not in [c["id"] for c in client.get("/api/v1/cases", headers=headers).get_json()["items"]]


def test_case_history_is_on_the_case_page(client, caseworker):
    from tests.factories import login

    case = create(client, caseworker).get_json()
    _patch(client, caseworker, case["id"], {"version": 1, "region": "Haryana"})
    login(client, caseworker.email)
    page = client.get(f"/cases/{case['id']}").get_data(as_text=True)
    assert "changed the case" in page and "Punjab" in page and "Haryana" in page
    assert "added a worker group" in page and "added a follow-up action" in page


def test_the_founding_case_shape_can_be_recorded(client, caseworker):
    from caseapp.demo.founding_case import RECORD

    response = create(client, caseworker, RECORD)
    assert response.status_code == 201, response.get_json()
    case = response.get_json()
    assert case["conditions"]["daily_hours"] == 16 and case["conditions"]["wage_recipient"] == "guard"
    assert case["worker_groups"][0]["count_qualifier"] == "at_least"
    assert make_case(caseworker).assignee_id == caseworker.id
