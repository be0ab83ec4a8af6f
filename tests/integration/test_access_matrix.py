"""Every route × every role × anonymous: who gets in, who is refused.

The routes come from the URL map: a new route without an entry in MATRIX
fails `test_every_route_has_a_matrix_entry`. Under test, a view that answers
below 400 without having called `require` raises (security.check_authorised),
so every allowed request of the matrix run also proves the view asked.
"""
import pytest

from caseapp.extensions import db
from caseapp.parties import services as parties
from caseapp.persons import services as persons
from caseapp.security import access_of, roles
from tests.factories import bearer, login, make_case, make_org, make_token, make_user

ANON = "anonymous"
ALL = {"caseworker", "coordinator", "advocate", "admin"}
PUBLIC = ALL | {ANON}
CASE_WORK = {"caseworker", "coordinator"}
NEED_TO_KNOW = {"caseworker", "coordinator", "admin"}
EXPORTERS = {"coordinator", "advocate", "admin"}
APPROVERS = {"coordinator", "admin"}

# (endpoint, method) -> who gets past the gate.
MATRIX = {
    ("home.index", "GET"): ALL,
    ("main.set_language", "POST"): PUBLIC,
    ("main.health", "GET"): PUBLIC,
    # Public at the gate; /metrics then wants METRICS_TOKEN's bearer (404 without the setting, 401 without it).
    ("monitoring.ready", "GET"): PUBLIC,
    ("monitoring.metrics_page", "GET"): PUBLIC,
    ("main.confirm_visit", "POST"): ALL,
    ("admin.unlock", "POST"): {"admin"},
    ("auth.login", "GET"): PUBLIC,
    ("auth.login", "POST"): PUBLIC,
    ("auth.logout", "POST"): ALL,
    ("auth.profile", "GET"): ALL,
    ("auth.change_password", "POST"): ALL,
    ("auth.create_token", "POST"): ALL,
    ("auth.revoke_token", "POST"): ALL,
    ("auth.two_factor_step", "GET"): PUBLIC,
    ("auth.two_factor_step", "POST"): PUBLIC,
    ("auth.reauthenticate", "GET"): ALL,
    ("auth.reauthenticate", "POST"): ALL,
    ("auth.end_other_sessions", "POST"): ALL,
    ("auth.two_factor_setup", "GET"): ALL,
    ("auth.two_factor_setup", "POST"): ALL,
    ("auth.renew_recovery_codes", "POST"): ALL,
    ("auth.new_password", "GET"): ALL,
    ("auth.new_password", "POST"): ALL,
    ("auth.disable_two_factor", "POST"): ALL,
    ("cases.index", "GET"): ALL,
    ("cases.save_search", "POST"): ALL,
    ("cases.delete_search", "POST"): ALL,
    ("search.index", "GET"): ALL,
    ("cases.new", "GET"): CASE_WORK,
    ("cases.new", "POST"): CASE_WORK,
    ("cases.show", "GET"): ALL,
    ("cases.mine", "GET"): CASE_WORK,
    ("cases.queue", "GET"): {"coordinator"},
    ("cases.move", "POST"): CASE_WORK,
    ("cases.assign", "POST"): {"coordinator"},
    ("cases.comment", "POST"): CASE_WORK,
    ("cases.delete", "GET"): CASE_WORK,
    ("cases.delete", "POST"): CASE_WORK,
    ("cases.bin", "GET"): APPROVERS,
    ("cases.restore", "POST"): APPROVERS,
    ("transfer.import_cases", "GET"): CASE_WORK,
    ("transfer.import_cases", "POST"): CASE_WORK,
    ("transfer.template", "GET"): CASE_WORK,
    ("transfer.import_job", "GET"): CASE_WORK,
    ("transfer.import_job_status", "GET"): CASE_WORK,
    ("transfer.export", "GET"): ALL,
    ("notifications.index", "GET"): ALL,
    ("notifications.open_one", "POST"): ALL,
    ("notifications.read_all", "POST"): ALL,
    ("sources.index", "GET"): ALL,
    ("sources.new", "GET"): CASE_WORK,
    ("sources.add", "POST"): CASE_WORK,
    ("sources.show", "GET"): ALL,
    # the role gate; what they show: sources.permissions.can_view_media
    ("sources.media_original", "GET"): ALL,
    ("sources.media_preview", "GET"): ALL,
    ("sources.media_thumbnail", "GET"): ALL,
    ("sources.quote", "POST"): CASE_WORK,
    ("sources.edit", "GET"): CASE_WORK,
    ("sources.edit", "POST"): CASE_WORK,
    ("sources.revise", "GET"): CASE_WORK,
    ("sources.revise", "POST"): CASE_WORK,
    ("sources.transcript", "POST"): CASE_WORK,
    ("sources.verify", "GET"): {"admin"},
    ("sources.retain", "POST"): {"coordinator"},
    ("sources.add_evidence", "POST"): CASE_WORK,
    ("assessment.show", "GET"): ALL,
    ("assessment.record", "POST"): CASE_WORK,
    ("assessment.sign_off", "POST"): {"coordinator"},
    ("cases.edit", "GET"): CASE_WORK,
    ("cases.edit", "POST"): CASE_WORK,
    ("parties.index", "GET"): ALL,
    ("parties.show", "GET"): ALL,
    ("parties.new", "GET"): CASE_WORK,
    ("parties.new", "POST"): CASE_WORK,
    ("parties.edit", "GET"): CASE_WORK,
    ("parties.edit", "POST"): CASE_WORK,
    ("parties.link", "POST"): CASE_WORK,
    ("parties.unlink", "POST"): CASE_WORK,
    # People: need-to-know per case. The sample case is assigned to the caseworker; admins
    # read but take no part; advocates are in HIDDEN below.
    ("persons.new", "GET"): CASE_WORK,
    ("persons.new", "POST"): CASE_WORK,
    ("persons.show", "GET"): NEED_TO_KNOW,
    ("persons.edit", "GET"): CASE_WORK,
    ("persons.edit", "POST"): CASE_WORK,
    ("persons.delete", "POST"): CASE_WORK,
    ("admin.users", "GET"): {"admin"},
    ("admin.create_user", "POST"): {"admin"},
    ("admin.change_role", "POST"): {"admin"},
    ("admin.toggle_active", "POST"): {"admin"},
    ("admin.reset_password", "GET"): {"admin"},
    ("admin.reset_password", "POST"): {"admin"},
    ("admin.reset_two_factor", "POST"): {"admin"},
    ("admin.organisation", "GET"): {"admin"},
    ("admin.organisation", "POST"): {"admin"},
    ("admin.retention", "POST"): {"admin"},
    ("admin.export_approval", "POST"): {"admin"},
    # People's data: subject access and erasure, the organisation's admins only.
    ("privacy.find", "GET"): {"admin"},
    ("privacy.find", "POST"): {"admin"},
    ("privacy.summary", "GET"): {"admin"},
    ("privacy.export_json", "GET"): {"admin"},
    ("privacy.export_pdf", "GET"): {"admin"},
    ("privacy.erase", "GET"): {"admin"},
    ("privacy.erase", "POST"): {"admin"},
    ("admin.audit_log", "GET"): {"admin"},
    ("api.me", "GET"): ALL,
    ("api.meta", "GET"): ALL,
    ("api.list_cases", "GET"): ALL,
    ("api.create_case", "POST"): CASE_WORK,
    ("api.get_case", "GET"): ALL,
    ("api.patch_case", "PATCH"): CASE_WORK,
    ("api.put_finding", "PUT"): CASE_WORK,
    ("api.sign_off_finding", "POST"): {"coordinator"},
    ("api.get_assessment", "GET"): ALL,
    ("api.ilo_suggest", "POST"): ALL,
    ("api.list_proposals", "GET"): ALL,
    ("api.accept_proposal", "POST"): CASE_WORK,
    ("api.dismiss_proposal", "POST"): CASE_WORK,
    ("assessment.decide", "POST"): CASE_WORK,
    ("api.list_sources", "GET"): ALL,
    ("api.search_everything", "GET"): ALL,
    ("api.create_source", "POST"): CASE_WORK,
    ("api.get_source", "GET"): ALL,
    ("api.patch_source", "PATCH"): CASE_WORK,
    ("api.get_source_text", "GET"): ALL,
    ("api.get_source_file", "GET"): ALL,
    ("api.get_source_preview", "GET"): ALL,
    ("api.get_source_thumbnail", "GET"): ALL,
    ("api.revise_source", "POST"): CASE_WORK,
    ("api.add_transcript", "POST"): CASE_WORK,
    ("api.create_excerpt", "POST"): CASE_WORK,
    ("api.list_case_sources", "GET"): ALL,
    ("api.link_case_source", "POST"): CASE_WORK,
    ("api.list_case_excerpts", "GET"): ALL,
    ("api.add_fact_evidence", "POST"): CASE_WORK,
    ("api.list_facts", "GET"): ALL,
    ("api.retain_fact", "POST"): {"coordinator"},
    ("api.delete_case", "DELETE"): CASE_WORK,
    ("api.restore_case", "POST"): APPROVERS,
    ("api.move_case", "POST"): CASE_WORK,
    ("api.assign_case", "POST"): {"coordinator"},
    ("api.list_comments", "GET"): ALL,
    ("api.add_comment", "POST"): CASE_WORK,
    ("api.link_party", "POST"): CASE_WORK,
    ("api.list_parties", "GET"): ALL,
    ("api.create_party", "POST"): CASE_WORK,
    ("api.get_party", "GET"): ALL,
    ("api.patch_party", "PATCH"): CASE_WORK,
    ("api.list_persons", "GET"): NEED_TO_KNOW,
    ("api.create_person", "POST"): CASE_WORK,
    ("api.get_person", "GET"): NEED_TO_KNOW,
    ("api.patch_person", "PATCH"): CASE_WORK,
    ("api.delete_person", "DELETE"): CASE_WORK,
    ("api.openapi_json", "GET"): ALL,
    ("docs.api", "GET"): ALL,
    ("docs.api_document", "GET"): ALL,
    # Public: how to sign in is in it; the project's own text and demo screenshots, no one's records.
    ("docs.guide_index", "GET"): PUBLIC,
    ("docs.guide_page", "GET"): PUBLIC,
    ("docs.guide_screenshot", "GET"): PUBLIC,
    ("reports.case_report", "GET"): EXPORTERS,
    ("reports.case_report_pdf", "GET"): EXPORTERS,
    ("reports.dossier", "GET"): EXPORTERS,
    ("reports.dossier", "POST"): EXPORTERS,
    ("reports.job", "GET"): EXPORTERS,
    ("reports.job_status", "GET"): EXPORTERS,
    ("reports.download", "GET"): EXPORTERS,
    ("reports.download_manifest", "GET"): EXPORTERS,
    ("reports.exports", "GET"): EXPORTERS,
    ("reports.request_case_report", "POST"): EXPORTERS,
    ("reports.approvals", "GET"): APPROVERS,
    ("reports.approve", "POST"): APPROVERS,
    ("reports.refuse", "POST"): APPROVERS,
    ("reports.exports", "POST"): EXPORTERS,
    ("reports.portfolio_page", "GET"): EXPORTERS,
    ("reports.portfolio_pdf", "GET"): EXPORTERS,
    ("reports.portfolio_data", "GET"): EXPORTERS,
    ("api.case_report_pdf", "GET"): EXPORTERS,
    ("api.create_dossier", "POST"): EXPORTERS,
    ("api.get_dossier", "GET"): EXPORTERS,
    ("api.dossier_pdf", "GET"): EXPORTERS,
    ("api.dossier_manifest", "GET"): EXPORTERS,
    ("api.portfolio_figures", "GET"): EXPORTERS,
    ("api.list_exports", "GET"): EXPORTERS,
    ("api.get_export", "GET"): EXPORTERS,
    ("api.approve_export", "POST"): APPROVERS,
    ("api.refuse_export", "POST"): APPROVERS,
    ("api.export_pdf", "GET"): EXPORTERS,
    ("api.export_manifest", "GET"): EXPORTERS,
}

# Who must get 404, as if the record did not exist: people are invisible to advocates.
HIDDEN = {key: {"advocate"} for key in MATRIX if key[0].startswith("persons.") or "person" in key[0]}

SKIPPED = {"static"}


def routes(app):
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIPPED:
            continue
        found += [(rule, method) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    # Deleting the sample case comes last, so every other route still finds it.
    return sorted(found, key=lambda item: (item[1] == "DELETE" or item[0].endpoint.endswith(".delete"),
                                           item[0].rule, item[1]))


def test_every_route_has_a_matrix_entry(app):
    found = {(rule.endpoint, method) for rule, method in routes(app)}
    assert found - set(MATRIX) == set(), "routes without an access decision"
    assert set(MATRIX) - found == set(), "matrix entries for routes that no longer exist"


@pytest.fixture
def no_csrf(make_config):
    # CSRF has its own tests; here only the role gate is under test.
    make_config.WTF_CSRF_ENABLED = False


@pytest.fixture
def everyone(no_csrf, app):
    org = make_org()
    people = {role: make_user(org, role) for role in sorted(ALL)}
    case = make_case(people["caseworker"])
    tokens = {role: make_token(user) for role, user in people.items()}
    make_token(people["caseworker"], "spare")  # the one the revoke route may revoke
    token_id = people["caseworker"].tokens[-1].id
    party = parties.create_party({"name": "Baltic Builders", "kind": "employer"}, people["caseworker"]).party
    db.session.flush()
    link = parties.link_party(case, party.id, "employer", "", people["caseworker"])
    person = persons.create_person(case, {"name": "Worker A", "role": "worker"}, people["caseworker"])
    db.session.flush()
    from caseapp.notifications.models import Notification

    notification = Notification(user_id=people["caseworker"].id, case_id=case.id, kind="assigned")
    db.session.add(notification)
    db.session.flush()
    from caseapp.sources import evidence
    from caseapp.sources import services as sources

    source = sources.add_from_paste("Workers said the guards kept their passports.", {"title": "Notes"}, None,
                                    people["caseworker"]).source
    db.session.flush()
    excerpt = evidence.create_excerpt(source, case, {"quote": "kept their passports"}, people["caseworker"])
    db.session.flush()
    from caseapp.reports.models import ReportExport

    export = ReportExport(organisation_id=org.id, kind="dossier", profile="advocate", case_ids=[case.id],
                          requested_by_id=people["advocate"].id, actor_label=people["advocate"].email,
                          state="done", progress=100)
    db.session.add(export)
    db.session.flush()
    ids = {"export_id": export.id, "decision": "dismiss", "indicator": "isolation", "source_id": source.id, "excerpt_id": excerpt.id, "fact": "document_holder", "origin": "paste",
           "notification_id": notification.id, "file_format": "csv", "case_id": case.id, "user_id": people["caseworker"].id, "token_id": token_id, "party_id": party.id,
           "link_id": link.id, "person_id": person.id, "saved_id": 999_999, "import_id": 999_999,
           "part": "advocate", "name": "admin-users.png"}
    db.session.commit()
    return people, tokens, ids


def _url(rule, ids):
    return rule.build({arg: ids[arg] for arg in rule.arguments}, append_unknown=False)[1]


def _request(app, rule, method, role, people, tokens, ids):
    client = app.test_client()
    url = _url(rule, ids)
    is_api = rule.endpoint.startswith("api.")
    headers = bearer(tokens[role]) if is_api and role != ANON else {}
    if not is_api and role != ANON:
        login(client, people[role].email)
    kwargs = {"json": {}} if is_api and method != "GET" else {}
    return client.open(url, method=method, headers=headers, **kwargs)


@pytest.mark.parametrize("role", sorted(PUBLIC))
def test_the_gate_lets_in_exactly_the_roles_of_the_matrix(everyone, app, role):
    people, tokens, ids = everyone
    wrong = []
    for rule, method in routes(app):
        if rule.endpoint == "auth.logout":
            continue  # signing out would end the session the next request uses; tested apart
        response = _request(app, rule, method, role, people, tokens, ids)
        refused = response.status_code in (401, 403) or (
            response.status_code == 302 and response.location.startswith("/login?")
        )
        if role in HIDDEN.get((rule.endpoint, method), ()):
            if response.status_code != 404:
                wrong.append((method, rule.rule, response.status_code, "should be hidden"))
            continue
        allowed = role in MATRIX[(rule.endpoint, method)]
        if allowed == refused:
            wrong.append((method, rule.rule, response.status_code))
    assert wrong == []


@pytest.mark.parametrize("role", sorted(ALL))
def test_a_signed_in_user_may_sign_out(everyone, app, role):
    people, tokens, ids = everyone
    client = app.test_client()
    login(client, people[role].email)
    assert client.post("/logout").status_code == 302


def test_anonymous_pages_redirect_to_login_and_api_answers_401(everyone, app):
    client = app.test_client()
    assert client.get("/cases").location.startswith("/login?next=")
    assert client.get("/api/v1/cases").status_code == 401


TEXTUAL = {"file_format", "fact", "origin", "indicator", "decision", "part", "name"}


def _takes_an_object_id(rule) -> bool:
    return bool(rule.arguments - TEXTUAL)


@pytest.mark.parametrize("role", sorted(ALL))
def test_missing_ids_are_404_for_everyone_who_may_look(everyone, app, role):
    people, tokens, ids = everyone
    missing = {key: (987654 if isinstance(value, int) else value) for key, value in ids.items()}
    for rule, method in routes(app):
        if not _takes_an_object_id(rule) or role not in MATRIX[(rule.endpoint, method)]:
            continue
        response = _request(app, rule, method, role, people, tokens, missing)
        assert response.status_code == 404, (method, rule.rule, role, response.status_code)


@pytest.fixture
def strangers(everyone):
    """Users of every role in another organisation, each signed in with a token of their own."""
    org = make_org()
    people = {role: make_user(org, role) for role in sorted(ALL)}
    return people, {role: make_token(user) for role, user in people.items()}


@pytest.mark.parametrize("role", sorted(ALL))
def test_idor_another_organisations_ids_are_404_on_every_route(everyone, strangers, app, role):
    """Every route taking an object id, web and API, asked by someone of another organisation: the
    record does not exist for them (404), unless their role is refused at the door first (403)."""
    _people, _tokens, ids = everyone
    people, tokens = strangers
    wrong = []
    for rule, method in routes(app):
        if not _takes_an_object_id(rule):
            continue
        response = _request(app, rule, method, role, people, tokens, ids)
        expected = 404 if role in access_of(app.view_functions[rule.endpoint]) else 403
        if response.status_code != expected:
            wrong.append((method, rule.rule, response.status_code, expected))
    assert wrong == []


def test_idor_ids_of_another_organisation_in_a_body_reach_nothing(everyone, strangers, app):
    """Ids given in a JSON body or a form (a case to quote into, a source to cite, a party to link)
    from another organisation are refused like missing ones, and nothing of theirs changes."""
    from caseapp.sources import services as sources
    from caseapp.sources.models import CaseSource, Excerpt

    _people, _tokens, ids = everyone
    people, tokens = strangers
    own_case = make_case(people["caseworker"])
    own_source = sources.add_from_paste("The recruiter kept the workers' passports.", {"title": "Own notes"},
                                        None, people["caseworker"]).source
    db.session.commit()
    before = (db.session.query(Excerpt).filter_by(case_id=ids["case_id"]).count(),
              db.session.query(CaseSource).filter_by(case_id=ids["case_id"]).count())
    client = app.test_client()
    worker, coordinator = bearer(tokens["caseworker"]), bearer(tokens["coordinator"])
    api = "/api/v1"
    answers = {
        "excerpt into their case": client.post(f"{api}/sources/{own_source.id}/excerpts", headers=worker,
                                               json={"case_id": ids["case_id"], "quote": "kept"}),
        "cite their source": client.post(f"{api}/cases/{own_case.id}/sources", headers=worker,
                                         json={"source_id": ids["source_id"]}),
        "proposals for their case": client.get(f"{api}/sources/{own_source.id}/suggestions?case_id={ids['case_id']}",
                                               headers=worker),
        "accept into their case": client.post(f"{api}/sources/{own_source.id}/suggestions/accept", headers=worker,
                                              json={"case_id": ids["case_id"], "fact": "document_holder",
                                                    "start": 0, "end": 13}),
        "link their party": client.post(f"{api}/cases/{own_case.id}/parties", headers=worker,
                                        json={"party_id": ids["party_id"], "role": "employer"}),
        "assign their caseworker": client.post(f"{api}/cases/{own_case.id}/assign", headers=coordinator,
                                               json={"assignee_id": ids["user_id"]}),
        "their excerpt as evidence": client.post(f"{api}/cases/{own_case.id}/facts/document_holder/evidence",
                                                 headers=worker,
                                                 json={"excerpt_id": ids["excerpt_id"], "value": "employer"}),
        "their excerpt in a finding": client.put(f"{api}/cases/{own_case.id}/findings/isolation", headers=worker,
                                                 json={"status": "present", "stages": ["employment"],
                                                       "excerpt_ids": [ids["excerpt_id"]]}),
        "a dossier of their case": client.post(f"{api}/reports/dossiers", headers=coordinator,
                                               json={"case_ids": [ids["case_id"]], "profile": "internal"}),
    }
    wrong = {what: r.status_code for what, r in answers.items() if r.status_code not in (404, 422)}
    assert wrong == {}
    assert answers["excerpt into their case"].status_code == 404
    assert answers["cite their source"].status_code == 404
    assert answers["proposals for their case"].status_code == 404
    assert answers["accept into their case"].status_code == 404
    after = (db.session.query(Excerpt).filter_by(case_id=ids["case_id"]).count(),
             db.session.query(CaseSource).filter_by(case_id=ids["case_id"]).count())
    assert after == before


def test_a_view_that_never_calls_require_is_caught(make_config):
    """The net under the matrix: a signed-in view that answers without asking a permission fails loudly."""
    from caseapp.app import create_app
    from tests.integration.conftest import IsolatedClient

    app = create_app(make_config)
    app.test_client_class = IsolatedClient

    @roles("caseworker")
    def forgetful():
        return "case data"

    app.add_url_rule("/api/v1/forgetful", "forgetful", forgetful)  # a token signs in under /api/ only
    with app.app_context():
        token = make_token(make_user(make_org(), "caseworker"))
        with pytest.raises(RuntimeError, match="without calling require"):
            app.test_client().get("/api/v1/forgetful", headers=bearer(token))
        db.session.remove()
        db.engine.dispose()


def test_in_production_a_forgetful_view_answers_403_with_the_security_headers(make_config):
    from caseapp.app import create_app
    from tests.integration.conftest import IsolatedClient

    make_config.TESTING = False
    app = create_app(make_config)
    app.test_client_class = IsolatedClient

    @roles("caseworker")
    def forgetful():
        return "case data"

    app.add_url_rule("/api/v1/forgetful", "forgetful", forgetful)
    with app.app_context():
        token = make_token(make_user(make_org(), "caseworker"))
        response = app.test_client().get("/api/v1/forgetful", headers=bearer(token))
        assert response.status_code == 403 and b"case data" not in response.data
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["Cache-Control"] == "no-store"
        db.session.remove()
        db.engine.dispose()
