"""The case form in the web UI: the whole record, adding rows, and the conflict screen."""
from caseapp.cases.models import Case
from caseapp.extensions import db
from tests.factories import csrf_token, login, make_case, make_org, make_user


def _edit_data(client, case, **changes):
    """The edit form as the browser would send it, pre-filled from the page."""
    page = client.get(f"/cases/{case.id}/edit").get_data(as_text=True)
    assert f'name="version" type="hidden" value="{case.version}"' in page
    data = {
        "csrf_token": csrf_token(client, f"/cases/{case.id}/edit"), "version": str(case.version),
        "title": case.title, "summary": case.summary, "confidentiality": case.confidentiality,
        "country": case.country or "", "region": case.region, "worksite": case.worksite, "sector": case.sector,
        "period_start": case.period_start or "", "period_end": case.period_end or "",
        "worker_groups-0-id": "", "worker_groups-0-count_qualifier": "unknown", "save": "Save the case",
    }
    data.update(changes)
    return data


def test_the_form_saves_groups_conditions_and_actions(client):
    user = make_user(make_org())
    case = make_case(user)
    login(client, user.email)
    data = _edit_data(client, case, **{
        "period_start": "2018", "period_end": "2018-06",
        "worker_groups-0-origin": "KP", "worker_groups-0-count_min": "10000",
        "worker_groups-0-count_qualifier": "at_least", "worker_groups-0-children_involved": "no",
        "conditions-work_start": "07:00", "conditions-work_end": "22:00",
        "conditions-wage_recipient": "guard", "conditions-movement_escorted": "yes",
        "conditions-phones_taken": "", "conditions-threats_note": "family held as a pledge",
        "actions-0-kind": "media", "actions-0-date": "2018-06", "actions-0-outcome": "Published",
    })
    response = client.post(f"/cases/{case.id}/edit", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    case = db.session.get(Case, case.id)
    assert case.period_start == "2018" and case.period_end == "2018-06"
    group = case.worker_groups[0]
    assert (group.origin, group.count_min, group.count_qualifier, group.children_involved) == (
        "KP", 10000, "at_least", False)
    assert case.conditions["daily_hours"] == 15 and case.conditions["wage_recipient"] == "guard"
    assert case.conditions["movement_escorted"] is True and case.conditions["phones_taken"] is None
    assert case.conditions["threats_note"] == "family held as a pledge"
    assert case.actions[0].kind == "media" and case.version == 2


def test_add_a_worker_group_shows_the_form_again_with_everything_kept(client):
    user = make_user(make_org())
    case = make_case(user)
    login(client, user.email)
    data = _edit_data(client, case, title="Typed but not saved", add_group="Add a worker group")
    data.pop("save")
    page = client.post(f"/cases/{case.id}/edit", data=data).get_data(as_text=True)
    assert 'value="Typed but not saved"' in page and "worker_groups-1-origin" in page
    assert db.session.get(Case, case.id).title != "Typed but not saved"


def test_a_service_refusal_is_shown_at_the_field_and_keeps_the_input(client):
    user = make_user(make_org())
    case = make_case(user)
    login(client, user.email)
    data = _edit_data(client, case, period_start="2019", period_end="2018", region="Typed region",
                      **{"worker_groups-0-count_min": "50", "worker_groups-0-count_max": "10"})
    response = client.post(f"/cases/{case.id}/edit", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "The period ends before it starts." in page and 'value="Typed region"' in page


def test_a_stale_form_gets_the_conflict_screen_with_both_versions_and_nothing_lost(app):
    org = make_org()
    caseworker, coordinator = make_user(org, "caseworker"), make_user(org, "coordinator")
    case = make_case(caseworker, region="Punjab")
    mine, theirs = app.test_client(), app.test_client()
    login(mine, caseworker.email)
    login(theirs, coordinator.email)
    my_form = _edit_data(mine, case, region="My region", summary="My long summary that must survive")
    their_form = _edit_data(theirs, case, region="Their region")
    assert theirs.post(f"/cases/{case.id}/edit", data=their_form).status_code == 302

    conflict = mine.post(f"/cases/{case.id}/edit", data=my_form)
    page = conflict.get_data(as_text=True)
    assert conflict.status_code == 409
    assert "Someone saved this case while you were editing it" in page
    assert "My region" in page and "Their region" in page
    assert "My long summary that must survive" in page
    assert 'name="version" type="hidden" value="2"' in page
    assert db.session.get(Case, case.id).region == "Their region"

    my_form.update({"version": "2", "csrf_token": csrf_token(mine, f"/cases/{case.id}")})
    assert mine.post(f"/cases/{case.id}/edit", data=my_form).status_code == 302
    assert db.session.get(Case, case.id).region == "My region"


def test_caseworkers_see_no_assignee_field_and_coordinators_do(client):
    org = make_org()
    caseworker, coordinator = make_user(org, "caseworker"), make_user(org, "coordinator")
    case = make_case(caseworker)
    login(client, caseworker.email)
    assert 'name="assignee_id"' not in client.get(f"/cases/{case.id}/edit").get_data(as_text=True)
    assert 'name="status"' not in client.get(f"/cases/{case.id}/edit").get_data(as_text=True)
    data = _edit_data(client, case, assignee_id=str(coordinator.id))
    client.post(f"/cases/{case.id}/edit", data=data)
    assert db.session.get(Case, case.id).assignee_id == caseworker.id
    client.post("/logout", data={"csrf_token": csrf_token(client, "/profile")})
    login(client, coordinator.email)
    assert 'name="assignee_id"' in client.get(f"/cases/{case.id}/edit").get_data(as_text=True)


def test_another_caseworker_cannot_open_the_edit_form(client):
    org = make_org()
    case = make_case(make_user(org))
    login(client, make_user(org).email)
    assert client.get(f"/cases/{case.id}/edit").status_code == 403


def test_more_rows_than_the_form_takes_are_refused_with_a_message_not_an_error(client):
    """Attack review: 51 worker groups (or adding one past the last) made WTForms fail with a 500."""
    user = make_user(make_org())
    case = make_case(user)
    login(client, user.email)
    rows = {f"worker_groups-{n}-{key}": value for n in range(51)
            for key, value in (("id", ""), ("count_qualifier", "unknown"), ("origin", "KP"))}
    posted = client.post(f"/cases/{case.id}/edit", data=_edit_data(client, case, **rows))
    assert posted.status_code == 422 and "Worker groups: at most 50." in posted.get_data(as_text=True)
    grown = client.post(f"/cases/{case.id}/edit", data=_edit_data(client, case, add_group="1", **{
        key: value for key, value in rows.items() if int(key.split("-")[1]) < 50}))
    assert grown.status_code == 422 and "Worker groups: at most 50." in grown.get_data(as_text=True)
    actions = {f"actions-{n}-kind": "media" for n in range(201)}
    assert "Follow-up actions: at most 200." in client.post(
        "/cases/new", data=_edit_data(client, case, **actions)).get_data(as_text=True)
    assert db.session.get(Case, case.id).version == case.version  # nothing saved
