"""An organisation's admin reads its audit log at /admin/audit: its own entries only, filtered, paged,
with the state of the whole chain."""
import pytest
import sqlalchemy as sa

from caseapp.audit.models import AuditEntry
from caseapp.extensions import db
from tests.factories import login, make_case, make_org, make_user
from tests.integration.audit_tampering import change_entry


@pytest.fixture
def two_organisations(app):
    ours, theirs = make_org("Our NGO", "OUR"), make_org("Their NGO", "THR")
    admin = make_user(ours, "admin", email="admin@our.test")
    worker = make_user(ours, "caseworker", email="worker@our.test")
    case = make_case(worker, title="Brick kiln")
    stranger = make_user(theirs, "caseworker", email="stranger@their.test")
    their_case = make_case(stranger, title="Their secret case")
    return admin, worker, case, stranger, their_case


def _page(client, **params):
    response = client.get("/admin/audit", query_string=params)
    return response, response.get_data(as_text=True)


def _entry_ids(page: str) -> set[int]:
    import re

    return {int(n) for n in re.findall(r"<tr>\s*<td>(\d+)</td>", page)}


def _ids(**where) -> set[int]:
    return set(db.session.scalars(sa.select(AuditEntry.id).filter_by(**where)))


def test_an_admin_sees_the_organisations_entries_and_no_others(client, two_organisations):
    admin, worker, case, stranger, their_case = two_organisations
    login(client, admin.email)
    response, page = _page(client)
    assert response.status_code == 200
    ours = _ids(organisation_id=admin.organisation_id)
    assert _entry_ids(page) == ours
    assert case.reference in page and "worker@our.test" in page
    assert "stranger@their.test" not in page and their_case.reference not in page
    assert _ids(organisation_id=stranger.organisation_id).isdisjoint(_entry_ids(page))


def test_the_page_says_the_chain_is_intact_with_its_count_and_head(client, two_organisations):
    admin = two_organisations[0]
    login(client, admin.email)
    _response, page = _page(client)
    last = db.session.scalar(sa.select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))
    count = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))
    assert "is intact" in page and f"{count} entries" in page and last.hmac in page


def test_a_broken_chain_is_shown_by_entry_id_only_even_in_another_organisation(client, two_organisations):
    admin, _worker, _case, stranger, their_case = two_organisations
    theirs = db.session.scalar(sa.select(AuditEntry).filter_by(action="case.create", case_id=their_case.id))
    change_entry(theirs.id, actor_label="forger@their.test")
    login(client, admin.email)
    response, page = _page(client)
    assert response.status_code == 200
    assert f"The log is broken at entry {theirs.id}" in page
    assert "forger@their.test" not in page and "stranger@their.test" not in page


@pytest.mark.parametrize("role", ["caseworker", "coordinator", "advocate"])
def test_only_admins_may_read_the_log(client, two_organisations, role):
    user = make_user(two_organisations[0].organisation, role)
    login(client, user.email)
    assert client.get("/admin/audit").status_code == 403


def test_filters_by_action_actor_object_and_case(client, two_organisations):
    admin, worker, case, _stranger, _their_case = two_organisations
    other = make_case(worker, title="Fishing crew")
    login(client, admin.email)
    ours = admin.organisation_id
    assert _entry_ids(_page(client, action="case.create")[1]) == _ids(organisation_id=ours, action="case.create")
    assert _entry_ids(_page(client, actor=str(worker.id))[1]) == _ids(organisation_id=ours, actor_id=worker.id)
    assert _entry_ids(_page(client, object_type="users")[1]) == _ids(organisation_id=ours, object_type="users")
    by_reference = _entry_ids(_page(client, case=case.reference.lower())[1])
    assert by_reference == _ids(case_id=case.id) and by_reference
    assert _entry_ids(_page(client, case=str(other.id))[1]) == _ids(case_id=other.id)
    cli_only = _entry_ids(_page(client, actor="cli")[1])
    assert cli_only == _ids(organisation_id=ours, actor_id=None)


def test_another_organisations_case_cannot_be_asked_for(client, two_organisations):
    admin, _worker, _case, _stranger, their_case = two_organisations
    login(client, admin.email)
    for given in (their_case.reference, str(their_case.id)):
        response, page = _page(client, case=given)
        assert response.status_code == 422 and "There is no case" in page
        assert _entry_ids(page) == set()


def test_filters_by_date_range(client, two_organisations):
    admin = two_organisations[0]
    login(client, admin.email)
    today = db.session.scalar(sa.select(sa.func.max(AuditEntry.created_at))).date().isoformat()
    everything = _ids(organisation_id=admin.organisation_id)
    assert _entry_ids(_page(client, date_from=today, date_to=today)[1]) >= everything - {max(everything)}
    assert _entry_ids(_page(client, date_from="2099")[1]) == set()
    assert _entry_ids(_page(client, date_to="2001-01")[1]) == set()


@pytest.mark.parametrize("params", [{"action": "case.explode"}, {"actor": "robert'); DROP"},
                                    {"date_from": "yesterday"}, {"date_from": "2026-05", "date_to": "2026-01"},
                                    {"object_type": "Cases!"}, {"cursor": "not-a-cursor"}])
def test_a_bad_filter_is_said_not_crashed_on(client, two_organisations, params):
    login(client, two_organisations[0].email)
    response, page = _page(client, **params)
    assert response.status_code == 422 and "error" in page


def test_the_log_is_paged_newest_first(client, two_organisations):
    admin, worker = two_organisations[:2]
    for n in range(30):
        make_case(worker, title=f"Case {n}")
    login(client, admin.email)
    first = _page(client, action="case.create")[1]
    shown = sorted(_entry_ids(first), reverse=True)
    assert len(shown) == 25
    cursor = first.split("cursor=")[1].split("&")[0].split('"')[0]
    second = _page(client, action="case.create", cursor=cursor)[1]
    rest = _entry_ids(second)
    assert rest and max(rest) < min(shown) and rest | set(shown) == _ids(organisation_id=admin.organisation_id,
                                                                        action="case.create")


def test_the_navigation_leads_admins_to_the_log(client, two_organisations):
    login(client, two_organisations[0].email)
    assert 'href="/admin/audit"' in client.get("/admin/users").get_data(as_text=True)


def _anchor(app):
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 0, result.output


def test_with_an_anchor_the_page_checks_what_was_written_since_and_offers_the_full_check(app, client,
                                                                                     two_organisations):
    admin, worker = two_organisations[:2]
    _anchor(app)
    make_case(worker, title="Written after the last full check")
    login(client, admin.email)
    _response, page = _page(client)
    count = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))
    assert f"The log holds {count} entries" in page and "Last full check" in page
    assert 'href="/admin/audit?check=full"' in page
    _response, page = _page(client, check="full")
    assert "is intact" in page and f"{count} entries" in page


def test_an_entry_changed_after_the_anchor_is_found_by_the_quick_check(app, client, two_organisations):
    admin, worker = two_organisations[:2]
    _anchor(app)
    later = make_case(worker, title="Written after the last full check")
    entry = db.session.scalar(sa.select(AuditEntry).filter_by(action="case.create", case_id=later.id))
    change_entry(entry.id, actor_label="forger@our.test")
    login(client, admin.email)
    _response, page = _page(client)
    assert f"The log is broken at entry {entry.id}" in page


def test_an_entry_changed_before_the_anchor_needs_the_full_check(app, client, two_organisations):
    admin, _worker, case = two_organisations[:3]
    _anchor(app)
    old = db.session.scalar(sa.select(AuditEntry).filter_by(action="case.create", case_id=case.id))
    change_entry(old.id, actor_label="forger@our.test")
    login(client, admin.email)
    _response, quick = _page(client)
    assert "Last full check" in quick  # the quick check reads only what came after the anchor
    _response, full = _page(client, check="full")
    assert f"The log is broken at entry {old.id}" in full


def test_the_quick_check_sees_the_anchored_entry_gone_or_entries_before_it_removed(app, client, two_organisations):
    from tests.integration.audit_tampering import delete_entries, entry_ids

    admin = two_organisations[0]
    login(client, admin.email)  # its sign-in is an entry too
    _anchor(app)
    ids = entry_ids()
    delete_entries(ids[1])
    _response, page = _page(client)
    assert f"The log is broken at entry {ids[-1]}" in page and "entries before it are missing" in page
    delete_entries(ids[-1])
    _response, page = _page(client)
    assert f"The log is broken at entry {ids[-1]}" in page and "entries at the end of the log were removed" in page


@pytest.mark.parametrize("column, garbage", [("created_at", "garbage"), ("changes", "{not json")])
def test_an_entry_overwritten_with_garbage_is_named_not_crashed_on(app, client, two_organisations, column, garbage):
    from tests.integration.audit_tampering import triggers_bypassed

    admin, _worker, case = two_organisations[:3]
    entry = db.session.scalar(sa.select(AuditEntry).filter_by(action="case.create", case_id=case.id))
    entry_id = entry.id
    overwrite = sa.text(f"UPDATE audit_entries SET {column} = :v WHERE id = :id")
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        with pytest.raises(sa.exc.DataError), triggers_bypassed() as connection:
            connection.execute(overwrite, {"v": garbage, "id": entry_id})
        return  # PostgreSQL's column types refuse such values in the first place
    with triggers_bypassed() as connection:
        connection.execute(overwrite, {"v": garbage, "id": entry_id})
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and f"broken at entry {entry_id}" in result.output, result.output
    login(client, admin.email)
    response, page = _page(client, check="full")
    assert response.status_code == 200 and f"The log is broken at entry {entry_id}" in page
