"""Every answer carries the strict Content-Security-Policy, and nothing in the pages needs it loosened.

A strict policy only protects if the pages work under it: no template may hold an inline
<script>, an inline event handler (onclick=...) or a style attribute, and no rendered page
either. Report templates printed by WeasyPrint (never served to a browser) may hold a <style>.
"""
import re
from pathlib import Path

import pytest

from caseapp.security import CONTENT_SECURITY_POLICY, public
from tests.factories import PASSWORD, bearer, csrf_token, login, make_token, post_form
from tests.integration import hostile

TEMPLATES = Path(__file__).parents[2] / "templates"
# Printed to PDF by WeasyPrint, never sent to a browser: their <style> sets page counters.
PRINT_ONLY = {"reports/_document.html", "reports/case.html", "reports/dossier.html", "reports/portfolio.html"}
TAG = re.compile(r"<[a-zA-Z][^>]*>", re.S)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)


def directives(policy: str) -> dict[str, str]:
    return {part.split()[0]: " ".join(part.split()[1:]) for part in policy.split(";") if part.strip()}


def test_the_content_security_policy_allows_nothing_inline_and_nothing_foreign():
    policy = directives(CONTENT_SECURITY_POLICY)
    assert policy["default-src"] == "'self'" and policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'" and policy["connect-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["base-uri"] == "'none'"
    assert policy["frame-ancestors"] == "'none'" and policy["form-action"] == "'self'"
    for word in ("unsafe-inline", "unsafe-eval", "unsafe-hashes", "strict-dynamic", "*", "http:", "https:"):
        assert word not in CONTENT_SECURITY_POLICY.split(), word
    assert "data:" not in policy["script-src"] + policy["style-src"] + policy["default-src"]


def _problems(html: str) -> list[str]:
    found = []
    for tag in TAG.findall(html):
        names = re.sub(r'"[^"]*"|\'[^\']*\'', '""', tag)  # attribute names only: values may quote anything
        if HANDLER.search(names):
            found.append(f"inline event handler: {tag[:120]}")
        if re.search(r"\sstyle\s*=", names, re.I):
            found.append(f"style attribute: {tag[:120]}")
        if re.search(r"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", tag, re.I):
            found.append(f"javascript: URL: {tag[:120]}")
        if re.match(r"<script\b", tag, re.I) and not re.search(r"\ssrc\s*=", names):
            found.append(f"inline script: {tag[:120]}")
        if re.match(r"<style\b", tag, re.I):
            found.append("style element")
    return found


def test_the_scan_itself_finds_inline_code():
    for html in ['<button onclick="go()">', "<div style='color:red'>", "<script>alert(1)</script>",
                 '<a href=" javascript:alert(1)">', "<style>p{}</style>", '<img src=x\nonerror=alert(1)>']:
        assert _problems(html), html
    for html in ['<script src="/static/js/job.js"></script>', '<input value="&#34; onfocus=&#34;x">',
                 '<p class="onion">', '<a href="/cases?style=x">']:
        assert _problems(html) == [], html


def _templates() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html"))


def test_no_template_holds_inline_script_event_handlers_or_style():
    assert len(_templates()) > 40
    wrong = {}
    for path in _templates():
        name = path.relative_to(TEMPLATES).as_posix()
        problems = _problems(path.read_text(encoding="utf-8"))
        if name in PRINT_ONLY:
            problems = [p for p in problems if p != "style element"]
        if problems:
            wrong[name] = problems
    assert wrong == {}


def test_the_print_only_templates_are_never_rendered_for_a_browser():
    """They are rendered by the report renderer, which feeds WeasyPrint; no view renders them itself."""
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (Path(__file__).parents[2] / "caseapp").rglob("*.py"))
    for name in PRINT_ONLY:
        assert f'render_template("{name}"' not in sources and f"render_template('{name}'" not in sources, name
    with_style = {p.relative_to(TEMPLATES).as_posix() for p in _templates() if "<style" in p.read_text()}
    assert with_style <= PRINT_ONLY


def _check(response, url, wrong):
    headers = response.headers
    if headers.get("Content-Security-Policy") != CONTENT_SECURITY_POLICY:
        wrong.append((url, response.status_code, "policy", headers.get("Content-Security-Policy")))
    for name, value in (("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY")):
        if headers.get(name) != value:
            wrong.append((url, response.status_code, name, headers.get(name)))
    if response.mimetype == "text/html":
        wrong += [(url, response.status_code, problem) for problem in _problems(response.get_data(as_text=True))]


def test_every_page_for_every_role_carries_the_policy_and_needs_nothing_inline(app, world):
    wrong, seen = [], 0
    anonymous = app.test_client()
    for url in ["/", "/login", "/login/two-factor", "/health", "/cases", "/static/css/app.css", "/no/such/page"]:
        _check(anonymous.get(url), url, wrong)
    for role in hostile.ROLES:
        client = app.test_client()
        login(client, world.people[role].email)
        for url in hostile.page_urls(app, world.ids) + hostile.reflected_urls(world):
            response = client.get(url)
            seen += response.mimetype == "text/html"
            _check(response, url, wrong)
    assert wrong == []
    assert seen > 100


def test_every_api_answer_carries_the_policy(app, world):
    token = make_token(world.people["coordinator"], "reader")
    client, wrong = app.test_client(), []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api.") and "GET" in rule.methods and not rule.endpoint.endswith("pdf"):
            url = rule.build({arg: world.ids[arg] for arg in rule.arguments}, append_unknown=False)[1]
            _check(client.get(url, headers=bearer(token)), url, wrong)
    _check(client.get("/api/v1/cases"), "/api/v1/cases without a token", wrong)
    assert wrong == []


@pytest.fixture
def error_app(make_config):
    make_config.PROPAGATE_EXCEPTIONS = False  # a failing view answers 500, as in production
    make_config.MAX_CONTENT_LENGTH = 64 * 1024


def test_every_error_page_carries_the_policy(error_app, app, world):
    @public
    def fails():
        raise RuntimeError("a bug")

    app.add_url_rule("/test-only/fails", "test_only_fails", fails)
    client, wrong = app.test_client(), []
    login(client, world.people["caseworker"].email)
    answers = {
        "400 (form expired)": client.post("/cases/new", data={"title": "x"}),
        "403": client.get("/admin/users"),
        "404": client.get("/cases/987654"),
        "405": client.get("/logout"),
        "413": post_form(client, "/cases/import", "/cases/import", {"file": (__import__("io").BytesIO(b"x" * 100_000),
                                                                             "cases.csv")}),
        "422": post_form(client, "/cases/new", "/cases/new", {"title": "", "sector": "fishing"}),
        "500": client.get("/test-only/fails"),
    }
    for name, response in answers.items():
        assert str(response.status_code) == name[:3], (name, response.status_code)
        _check(response, name, wrong)
    assert wrong == []


def test_redirects_and_sign_in_pages_carry_the_policy(app, world):
    client, wrong = app.test_client(), []
    _check(client.get("/cases"), "/cases signed out (redirect)", wrong)
    token = csrf_token(client, "/login")
    coordinator = world.people["coordinator"]
    step = client.post("/login", data={"email": coordinator.email, "password": PASSWORD, "csrf_token": token})
    _check(step, "/login (to the second step)", wrong)
    _check(client.get("/login/two-factor"), "/login/two-factor", wrong)
    assert wrong == []


def test_strict_transport_security_is_sent_where_cookies_are_https_only(make_config):
    from caseapp.app import create_app

    plain = create_app(make_config)
    assert "Strict-Transport-Security" not in plain.test_client().get("/login").headers
    make_config.SESSION_COOKIE_SECURE = True
    secure = create_app(make_config)
    hsts = secure.test_client().get("/login", base_url="https://localhost").headers["Strict-Transport-Security"]
    assert hsts.startswith("max-age=31536000")
