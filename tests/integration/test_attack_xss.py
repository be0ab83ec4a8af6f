"""Stored and reflected XSS: every text a user can write is an attack, and every page prints it as text.

The world in hostile.py fills every user-editable field of every kind of record with a payload
tagged by its field; each role then opens every page of the URL map. No page may hold the raw
markup of a payload, and every tag must show up somewhere (escaped), or the crawl proved nothing.
"""
import io
import re
from urllib.parse import quote

import pytest
from pypdf import PdfReader

from caseapp.auth.models import ApiToken
from caseapp.extensions import db
from caseapp.parties.models import Party
from caseapp.sources.models import Source
from tests.factories import PASSWORD, bearer, csrf_token, login, make_token, post_form
from tests.integration import hostile
from tests.integration.hostile import leaks, payload, short
from tests.integration.reporting import pdf_text


def _client(app, user):
    client = app.test_client()
    login(client, user.email)
    return client


def _visit(client, urls):
    """GET each URL (following redirects, so flashes render); the HTML pages by URL, and what is wrong."""
    pages, problems = {}, []
    for url in urls:
        response = client.get(url, follow_redirects=True)
        assert response.status_code < 500, (url, response.status_code)
        text = response.get_data(as_text=True)
        if response.mimetype == "text/html":
            pages[url] = text
            problems += [(url, problem) for problem in leaks(text) + _page_problems(text)]
        else:
            # Anything else is data to download or read by script, never something a browser renders.
            assert response.mimetype in {"application/json", "text/csv", "application/pdf"}, (url, response.mimetype)
            assert response.headers["X-Content-Type-Options"] == "nosniff", url
    return pages, problems


def _page_problems(page):
    """Places where escaping is not enough: the title element and script blocks (JSON included)."""
    found = []
    head = page.split("</head>", 1)[0]
    if "<title>" in head and "<" in head.split("<title>", 1)[1].split("</title>", 1)[0]:
        found.append("markup inside <title>")
    if re.search(r"<script(?![^>]*\bsrc=)", page):
        found.append("a script block in the page (data embedded as JSON included)")
    return found


def _seen(pages, tags):
    text = "".join(pages.values())
    return {tag for tag in tags if tag in text}


def test_stored_xss_in_every_text_field_is_escaped_on_every_page_for_every_role(app, world):
    """Every role opens every page; each tagged value must be printed (escaped) on some page, or the
    crawl proved nothing about it."""
    seen, problems = set(), []
    for role in hostile.ROLES:
        client = _client(app, world.people[role])
        pages, found = _visit(client, hostile.page_urls(app, world.ids) + hostile.reflected_urls(world))
        assert len(pages) > 25, (role, sorted(pages))
        problems += [(role, *problem) for problem in found]
        seen |= _seen(pages, world.tags)
    assert problems == []
    assert world.tags - seen == set()


def test_stored_xss_in_an_imported_file_name_and_cells_is_escaped(app, world):
    caseworker = world.people["caseworker"]
    client = _client(app, caseworker)
    tags = hostile.import_hostile_file(client)
    pages, problems = _visit(client, ["/cases", "/cases/mine", "/parties", "/notifications"])
    imported = re.findall(r'href="/cases/(\d+)"', pages["/cases"])
    more, more_problems = _visit(client, [f"/cases/{i}" for i in set(imported)] + [f"/cases/{i}/edit" for i in
                                                                                  set(imported)])
    assert problems + more_problems == []
    # The file's name is kept in the organisation's audit log, which no page shows.
    assert _seen(pages | more, tags) == tags - {"x-import-file"}


def test_stored_xss_in_an_api_token_label_is_escaped_in_the_profile_and_the_revoke_flash(app, world):
    client = _client(app, world.people["advocate"])
    label = short("x-label-flash")
    created = post_form(client, "/profile", "/profile/tokens", {"label": label, "password": PASSWORD})
    assert created.status_code == 200 and leaks(created.get_data(as_text=True)) == []
    token = db.session.query(ApiToken).filter_by(label=label).one()
    revoked = post_form(client, "/profile", f"/profile/tokens/{token.id}/revoke", {})
    page = client.get(revoked.location).get_data(as_text=True)
    assert "is revoked" in page and "x-label-flash" in page
    assert leaks(page) == []


def test_stored_xss_in_a_party_name_is_escaped_in_the_created_flash(app, world):
    client = _client(app, world.people["caseworker"])
    name = payload("x-party-flash")
    response = post_form(client, "/parties/new", "/parties/new", {"name": name, "kind": "buyer",
                                                                  "confirm_new": "1"})
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "is added" in page and "x-party-flash" in page
    assert leaks(page) == []


def test_stored_xss_in_a_party_name_is_escaped_among_the_look_alikes(app, world):
    client = _client(app, world.people["caseworker"])
    response = post_form(client, "/parties/new", "/parties/new", {"name": world.party.name + " Ltd",
                                                                  "kind": "employer"})
    page = response.get_data(as_text=True)
    assert "x-party-name" in page  # the hostile party is offered as a look-alike
    assert leaks(page) == []


def test_reflected_xss_in_a_refused_case_form_is_escaped(app, world):
    client = _client(app, world.people["caseworker"])
    response = post_form(client, "/cases/new", "/cases/new", {
        "title": payload("x-form-title"), "summary": payload("x-form-summary"), "sector": "fishing",
        "confidentiality": "normal", "period_start": "not a date", "worker_groups-0-note": payload("x-form-group"),
        "conditions-housing_conditions": payload("x-form-housing")})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert all(tag in page for tag in ("x-form-title", "x-form-summary", "x-form-group", "x-form-housing"))
    assert leaks(page) == []


def test_stored_xss_in_both_versions_of_a_case_is_escaped_on_the_conflict_page(app, world):
    from caseapp.cases import services as cases

    draft = world.draft
    stale = draft.version
    cases.update_case(draft, {"summary": payload("x-theirs")}, world.people["caseworker"], stale)
    db.session.commit()
    client = _client(app, world.people["caseworker"])
    response = post_form(client, f"/cases/{draft.id}/edit", f"/cases/{draft.id}/edit", {
        "version": str(stale), "title": payload("x-mine"), "summary": payload("x-mine-summary"),
        "sector": "fishing", "confidentiality": "normal"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "x-theirs" in page and "x-mine" in page
    assert leaks(page) == []


def test_reflected_xss_in_a_refused_import_is_escaped_in_the_problem_list(app, world):
    client = _client(app, world.people["caseworker"])
    csv_text = (f'title,sector,country,period_start,"{short("x-bad-column")}"\n'
                f'"{short("x-ok")}","{short("x-bad-sector")}","{short("x-bad-country")}",'
                f'"{short("x-bad-date")}",x\n').replace('"><', '""><')
    json_text = ('[{"title": %s, "sector": %s, %s: 1}]' % tuple(
        __import__("json").dumps(short(tag)) for tag in ("x-json-title", "x-json-sector", "x-json-key")))
    for name, body in ((hostile.file_name("x-bad-name"), csv_text), ("cases.json", json_text)):
        response = post_form(client, "/cases/import", "/cases/import",
                             {"file": (io.BytesIO(body.encode()), name, "text/csv")})
        page = response.get_data(as_text=True)
        assert response.status_code == 422, page[-1500:]
        assert "Nothing was imported" in page
        assert leaks(page) == []


def test_reflected_xss_in_the_login_next_and_email_is_escaped(app, world):
    client = app.test_client()
    page = client.get("/login?next=" + quote(payload("x-next"))).get_data(as_text=True)
    assert "x-next" in page and leaks(page) == []
    response = client.post("/login", data={"csrf_token": csrf_token(client, "/login"), "email": short("x-email"),
                                           "password": "wrong", "next": payload("x-next-post")})
    page = response.get_data(as_text=True)
    assert leaks(page) == []


def test_reflected_xss_in_a_rejected_new_user_email_is_escaped(app, world):
    client = _client(app, world.people["admin"])
    response = post_form(client, "/admin/users", "/admin/users", {
        "email": short("x-new-email"), "full_name": payload("x-new-name"), "role": "caseworker",
        "password": "correct horse battery staple"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "x-new-name" in page
    assert leaks(page) == []


def test_stored_xss_through_a_source_address_is_refused(app, world):
    client = _client(app, world.people["caseworker"])
    before = db.session.query(Source).count()
    for url in ("javascript:alert(3)", "JaVaScRiPt:alert(3)", " javascript:alert(3)", "java\tscript:alert(3)",
                "data:text/html,<script>alert(3)</script>", "vbscript:msgbox(3)", "//evil.example/x"):
        response = post_form(client, "/sources/new", "/sources/new/paste",
                             {"paste-text": f"Pasted about {url}.", "paste-url": url, "paste-title": "Pasted"})
        assert response.status_code == 422, url
        assert "must start with http:// or https://" in response.get_data(as_text=True), url
    assert db.session.query(Source).count() == before


def test_stored_xss_in_api_answers_is_served_as_json_never_as_html(app, world):
    token = make_token(world.people["coordinator"], "reader")
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("api.") or "GET" not in rule.methods or rule.endpoint.endswith("pdf"):
            continue
        ids = world.ids | {"export_id": world.export.id}
        url = rule.build({arg: ids[arg] for arg in rule.arguments}, append_unknown=False)[1]
        response = app.test_client().get(url, headers=bearer(token))
        if response.status_code == 200:
            assert response.mimetype == "application/json", url
        assert response.headers["X-Content-Type-Options"] == "nosniff", url
        assert response.headers["Content-Security-Policy"].startswith("default-src 'self'"), url


def _flat(text: str) -> str:
    """Text without the spaces, line breaks and hyphens a PDF adds where it breaks lines."""
    return "".join(text.split()).replace("-", "")


def _uris(data: bytes) -> list[str]:
    """Every link target and script action of a PDF."""
    reader = PdfReader(io.BytesIO(data))
    found = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None:
                action = action.get_object()
                found.append(str(action.get("/URI") or action.get("/S")))
    root = reader.trailer["/Root"]
    if "/OpenAction" in root or "/AA" in root:
        found.append("document action")
    if "/JavaScript" in (root.get("/Names") or {}):
        found.append("document JavaScript")
    return found


@pytest.mark.parametrize("profile", ["internal", "advocate"])
def test_stored_xss_in_a_case_prints_as_literal_text_in_its_report_pdf(app, world, profile):
    client = _client(app, world.people["coordinator"])
    response = client.get(f"/cases/{world.case.id}/report.pdf?profile={profile}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = _flat(pdf_text(response.data))
    for tag in ("x-case-title", "x-case-summary", "x-worksite", "x-link-note", "x-quote", "x-finding-note"):
        # The person's name is a payload too, so an advocate's copy blacks out its words in every payload.
        assert (_flat(payload(tag)) if profile == "internal" else _flat(tag)) in text, tag
    assert not [uri for uri in _uris(response.data) if not uri.startswith(("#", "/GoTo"))]
    assert b"/JavaScript" not in response.data and b"/JS " not in response.data


def test_stored_xss_in_a_case_prints_as_literal_text_in_a_dossier_pdf(app, world):
    from caseapp.reports import services as reports

    export = reports.request_dossier([world.case.id], "internal", world.people["coordinator"], "en")
    db.session.commit()
    reports.build_dossier(export)
    db.session.commit()
    data = reports.dossier_paths(export)[0].read_bytes()
    text = _flat(pdf_text(data))
    for tag in ("x-case-title", "x-source-title", "x-quote", "x-org-name"):
        assert _flat(payload(tag)) in text, tag
    assert not [uri for uri in _uris(data) if not uri.startswith(("#", "/GoTo"))]


def test_stored_xss_payloads_are_kept_exactly_and_only_escaped_when_printed(app, world):
    """Nothing strips or rewrites the payload: it is kept exactly and only escaped when printed."""
    party = db.session.get(Party, world.party.id)
    assert party.name == payload("x-party-name")
