"""The path from the case form to the database, the page, the list, the API and the history."""
from caseapp.audit.models import AuditEntry
from caseapp.cases.models import Case
from caseapp.extensions import db
from tests.factories import bearer, login, make_case, make_org, make_token, make_user, post_form, verified_case


def _new_case(client, **fields):
    data = {"title": "Tomato pickers paid in vouchers", "summary": "Workers report 14-hour days.",
            "country": "IT", "sector": "agriculture"} | fields
    return post_form(client, "/cases/new", "/cases/new", data)


def test_a_caseworker_creates_a_case_and_finds_it_everywhere(client):
    user = make_user(make_org(code="NGO"))
    login(client, user.email)
    response = _new_case(client)
    case = db.session.scalars(db.select(Case)).one()
    assert response.location == f"/cases/{case.id}"
    assert case.reference.startswith("NGO-") and case.reference.endswith("-0001")
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Tomato pickers paid in vouchers" in page and "Italy" in page and "Agriculture" in page
    assert case.reference in client.get("/cases").get_data(as_text=True)
    token = make_token(user)
    api = client.get(f"/api/v1/cases/{case.id}", headers=bearer(token)).get_json()
    assert api["reference"] == case.reference and api["country"] == "IT" and api["status"] == "draft"


def test_creating_a_case_writes_its_audit_entry(client):
    user = make_user(make_org())
    login(client, user.email)
    _new_case(client)
    case = db.session.scalars(db.select(Case)).one()
    entry = db.session.scalars(db.select(AuditEntry).filter_by(action="case.create")).one()
    assert (entry.object_type, entry.object_id, entry.actor_id) == ("cases", case.id, user.id)
    assert entry.changes["title"] == {"old": None, "new": "Tomato pickers paid in vouchers"}
    assert entry.organisation_id == user.organisation_id
    assert entry.created_at.tzinfo is not None
    assert "created the case" in client.get(f"/cases/{case.id}").get_data(as_text=True)


def test_a_form_with_errors_keeps_everything_typed(client):
    user = make_user(make_org())
    login(client, user.email)
    response = _new_case(client, title="", summary="Kept <b>as typed</b>", country="RU")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "This field is required." in page
    assert "Kept &lt;b&gt;as typed&lt;/b&gt;" in page
    assert '<option selected value="RU">' in page
    assert db.session.scalars(db.select(Case)).first() is None


def test_an_unknown_country_or_sector_is_refused(client):
    login(client, make_user(make_org()).email)
    assert _new_case(client, country="XX").status_code == 422
    assert _new_case(client, sector="space").status_code == 422
    assert db.session.scalars(db.select(Case)).first() is None


def test_references_count_up_within_each_organisation(app):
    a, b = make_org(code="AAA"), make_org(code="BBB")
    ua, ub = make_user(a), make_user(b)
    refs = [make_case(ua).reference, make_case(ua).reference, make_case(ub).reference]
    assert [r.rsplit("-", 1)[1] for r in refs] == ["0001", "0002", "0001"]
    assert refs[0].startswith("AAA-") and refs[2].startswith("BBB-")


def test_another_organisation_s_case_is_not_found(client):
    theirs = make_case(make_user(make_org()))
    login(client, make_user(make_org()).email)
    assert client.get(f"/cases/{theirs.id}").status_code == 404
    assert theirs.reference not in client.get("/cases").get_data(as_text=True)


def test_user_text_is_escaped_on_every_case_page(client):
    user = make_user(make_org())
    case = make_case(user, title="<script>alert('t')</script>", summary="<img src=x onerror=alert(1)>")
    login(client, user.email)
    for url in ["/cases", f"/cases/{case.id}"]:
        page = client.get(url).get_data(as_text=True)
        assert "<script>alert(" not in page and "<img src=x" not in page
        assert "&lt;script&gt;" in page


def test_the_list_searches_words_in_title_and_summary_in_any_script(client):
    user = make_user(make_org())
    make_case(user, title="Стройка в Санкт-Петербурге", summary="Рабочие из КНДР")
    make_case(user, title="Greenhouse workers", summary="Wages kept by the agent")
    login(client, user.email)
    assert "Greenhouse" in client.get("/cases?q=AGENT").get_data(as_text=True)
    assert "Greenhouse" not in client.get("/cases?q=санкт").get_data(as_text=True)
    assert "Санкт-Петербурге" in client.get("/cases?q=санкт").get_data(as_text=True)
    assert "No case matches these filters" in client.get("/cases?q=100%25").get_data(as_text=True)


def test_advocates_and_admins_read_cases_but_cannot_create_them(client):
    org = make_org()
    case = verified_case(make_user(org))
    for role in ("advocate", "admin"):
        user = make_user(org, role)
        login(client, user.email)
        assert client.get(f"/cases/{case.id}").status_code == 200
        assert client.get("/cases/new").status_code == 403
        post_form(client, "/profile", "/logout", {})


def test_the_list_pages_by_cursor(client):
    user = make_user(make_org())
    for n in range(30):
        make_case(user, title=f"Case number {n:02d}")
    login(client, user.email)
    first = client.get("/cases").get_data(as_text=True)
    assert "Case number 29" in first and "Case number 04" not in first
    cursor = first.split("cursor=")[1].split('"')[0]
    second = client.get(f"/cases?cursor={cursor}").get_data(as_text=True)
    assert "Case number 04" in second and "Case number 29" not in second
    assert client.get("/cases?cursor=rubbish").status_code == 422
