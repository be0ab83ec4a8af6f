"""Every page each role reaches, checked with axe-core against WCAG 2.2 AA.

axe-core comes from npm, at the exact version package.json and package-lock.json pin; `make install-dev`
installs it into node_modules/ (npm ci). Without it these tests fail, never skip.

Each role signs in and follows the links of its pages, from the navigation and the footer down to a case,
its assessment, edit form and report, a source, a party, a person and the admin pages: one page of each
route (ids are the demo data's, taken from the links), so a new page linked from another is checked too.
The pages each role must reach are listed below; a page no longer reached fails the test.

A violation of any impact fails the test: minor and moderate ones too (none on any page since 2026-12-08;
keep it so). CASEAPP_AXE_REPORT=<folder> writes each test's findings there as JSON.
"""
from __future__ import annotations

import json
import os
import re
from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import DEMO_PASSWORD, sign_in

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING = ("minor", "moderate", "serious", "critical")
REPORT = os.environ.get("CASEAPP_AXE_REPORT")
TARGETS_SHOWN = 3
NARROW = {"width": 390, "height": 844}
MAX_PAGES = 80
SAMPLES = {"/cases/{id}": 12}  # pages checked of a route; one unless named here

# Never followed: downloads, JSON answers, sign-in pages and the guide's parts (the public test checks them).
NOT_FOLLOWED = re.compile(r"\.(pdf|csv|json|png|svg|zip|txt)$|/status$|^/static/|^/api/|^/health|^/metrics"
                          r"|^/docs/guide/|^/login|^/logout|^/reauthenticate")

# The pages each role must reach (routes, ids as {id}), beyond which the crawl may find more.
COMMON = {"/", "/cases", "/cases/{id}", "/cases/{id}/assessment", "/sources", "/sources/{id}", "/parties",
          "/parties/{id}", "/notifications", "/profile", "/search", "/docs/guide", "/docs/api"}
EXPECTED = {
    "caseworker": COMMON | {"/cases/mine", "/cases/new", "/cases/{id}/edit", "/cases/import", "/sources/new",
                            "/sources/{id}/edit", "/persons/{id}", "/parties/new", "/cases/{id}/delete"},
    "coordinator": COMMON | {"/cases/mine", "/cases/review", "/cases/bin", "/cases/new", "/cases/{id}/edit", "/sources/new",
                             "/persons/{id}", "/reports/portfolio", "/reports/dossier",
                             "/cases/{id}/report"},
    "advocate": COMMON | {"/reports/portfolio", "/reports/dossier", "/reports/exports", "/cases/{id}/report"},
    "admin": COMMON | {"/cases/bin", "/admin/users", "/admin/users/{id}/password", "/admin/organisation",
                       "/admin/sources/verify", "/admin/persons", "/admin/persons/{id}", "/admin/persons/{id}/erase",
                       "/admin/audit", "/reports/portfolio"},
}
ROLES = tuple(EXPECTED)


@pytest.fixture
def context(new_context):
    """The app's Content-Security-Policy refuses injected scripts: these tests alone lift it, to add axe-core."""
    return new_context(bypass_csp=True)


def axe_present() -> None:
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `make install-dev` (npm ci installs axe-core "
                    "at the version package-lock.json pins)", pytrace=False)


def axe_version() -> str:
    return json.loads((AXE.parent / "package.json").read_text())["version"]


def route(path: str) -> str:
    return re.sub(r"/\d+(?=/|$)", "/{id}", path.rstrip("/") or "/")


def check(page) -> list[dict]:
    """axe-core's WCAG 2.2 A and AA violations on the page as it is now."""
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                                           tags: v.tags, targets: v.nodes.map(n => n.target.join(' '))}));
        }""",
        TAGS,
    )


class Findings:
    """The violations on every page a test checks, by page."""

    def __init__(self, label: str):
        self.label = label
        self.pages: dict[str, dict] = {}

    def check(self, page, name: str | None = None) -> None:
        parts = urlsplit(page.url)
        key = name or parts.path + (f"?{parts.query}" if parts.query else "")
        self.pages[key] = {"url": page.url, "violations": check(page)}

    def failing(self) -> dict[str, list[dict]]:
        return {key: [v for v in found["violations"] if v["impact"] in FAILING]
                for key, found in self.pages.items() if any(v["impact"] in FAILING for v in found["violations"])}

    def save(self, test_name: str) -> None:
        if REPORT:
            folder = Path(REPORT)
            folder.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name)
            (folder / f"{name}.json").write_text(json.dumps(self.pages, indent=2))

    def assert_none(self, request) -> None:
        self.save(request.node.name)
        failing = self.failing()
        if not failing:
            return
        count = sum(len(found) for found in failing.values())
        lines = [f"axe-core {axe_version()}: {count} WCAG 2.2 A/AA violation(s) on {len(failing)} of "
                 f"{len(self.pages)} page(s) {self.label}:"]
        for key, found in failing.items():
            lines += ["", f"{key}  {self.pages[key]['url']}"]
            for v in found:
                shown = ", ".join(v["targets"][:TARGETS_SHOWN])
                more = f" (+{len(v['targets']) - TARGETS_SHOWN} more)" if len(v["targets"]) > TARGETS_SHOWN else ""
                lines += [f"  {v['id']} ({v['impact']}): {v['help']}",
                          f"    {len(v['targets'])} element(s): {shown}{more}",
                          f"    {v['helpUrl']}"]
        pytest.fail("\n".join(lines), pytrace=False)


def links(page, base: str) -> list[str]:
    """The same-site pages the page links to, as paths with their query, without fragments."""
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    found = []
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != base or NOT_FOLLOWED.search(parts.path):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


class Crawl:
    """Follows the links from page to page and checks each: one page of each route (the first link to it),
    but every case the case list shows (the demo has one in each review status)."""

    def __init__(self, page, base: str, findings: Findings):
        self.page, self.base, self.findings = page, base, findings
        self.reached: dict[str, list[str]] = {}  # route: the paths checked
        self.visited: set[str] = set()

    def run(self, seeds: list[str]) -> None:
        queue = deque(seeds)
        while queue and len(self.visited) < MAX_PAGES:
            path = queue.popleft()
            bare = path.split("?")[0]
            if bare in self.visited or len(self.reached.get(route(bare), ())) >= SAMPLES.get(route(bare), 1):
                continue
            self.visited.add(bare)
            self.reached.setdefault(route(bare), []).append(bare)
            response = self.page.goto(self.base + path)
            landed = urlsplit(self.page.url).path
            assert not landed.startswith(("/login", "/reauthenticate")), f"{path} sent the browser to {self.page.url}"
            assert response is not None and response.ok, f"{path} answered {response and response.status}"
            if landed != bare:  # a redirect: the page it leads to counts as reached
                if landed in self.visited:
                    continue
                self.visited.add(landed)
                self.reached.setdefault(route(landed), []).append(landed)
            self.findings.check(self.page)
            queue.extend(links(self.page, self.base))


def look_up_a_person(crawl: Crawl) -> None:
    """The admin's People's data finds a person with a form: by the name on a person's page the crawl met."""
    page, base = crawl.page, crawl.base
    assert "/persons/{id}" in crawl.reached, "the admin reached no person's page"
    page.goto(base + crawl.reached["/persons/{id}"][0])
    name = page.title().rsplit(" · ", 1)[0]
    page.goto(f"{base}/admin/persons")
    page.get_by_label("Name, exactly as recorded").fill(name)
    with page.expect_navigation():
        page.get_by_role("button", name="Find", exact=True).click()
    crawl.findings.check(page, "/admin/persons (a person found)")
    crawl.run([link for link in links(page, base) if link.startswith("/admin/persons/")])


def seeds(page, base: str) -> list[str]:
    """Where a signed-in role starts: its landing page, the navigation, the top bar and the footer, a search."""
    return [urlsplit(page.url).path, *links(page, base), "/search?q=construction"]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_reaches_meets_wcag_2_2_aa(role, page, live_server, request):
    axe_present()
    sign_in(page, live_server, f"{role}@demo.test")
    findings = Findings(f"the {role} reaches")
    crawl = Crawl(page, live_server, findings)
    crawl.run(seeds(page, live_server))
    if role == "admin":
        look_up_a_person(crawl)
    missing = EXPECTED[role] - set(crawl.reached)
    assert not missing, f"the {role} no longer reaches {sorted(missing)} (reached {sorted(crawl.reached)})"
    findings.assert_none(request)


@pytest.mark.parametrize("role", ROLES)
def test_the_case_list_and_the_cases_meet_wcag_2_2_aa_390_px_wide(role, page, live_server, request):
    """At a phone's width: the case list, every case it shows, and the first edit form and assessment linked."""
    axe_present()
    page.set_viewport_size(NARROW)
    sign_in(page, live_server, f"{role}@demo.test")
    findings = Findings(f"the {role} reaches 390 px wide")
    page.goto(f"{live_server}/cases")
    findings.check(page)
    cases = dict.fromkeys(h for h in links(page, live_server) if re.fullmatch(r"/cases/\d+", h))
    assert cases, "the case list links to no case"
    forms: dict[str, str] = {}
    for case in cases:
        page.goto(live_server + case)
        findings.check(page)
        for link in links(page, live_server):
            kind = re.fullmatch(r"/cases/\d+/(edit|assessment)", link)
            if kind:
                forms.setdefault(kind.group(1), link)
    for link in forms.values():
        page.goto(live_server + link)
        findings.check(page)
    findings.assert_none(request)


def test_the_public_pages_meet_wcag_2_2_aa(page, live_server, request):
    axe_present()
    findings = Findings("before signing in")
    page.goto(f"{live_server}/login")
    findings.check(page)
    page.get_by_label("E-mail").fill("caseworker@demo.test")
    page.get_by_label("Password", exact=True).fill("not the password")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    findings.check(page, "/login (a refused password)")
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mail").fill("coordinator@demo.test")
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert "/login/two-factor" in page.url
    findings.check(page)
    page.context.clear_cookies()
    page.goto(f"{live_server}/docs/guide")
    findings.check(page)
    parts = sorted({p for p in (urlsplit(h).path for h in page.eval_on_selector_all(
        "a[href]", "els => els.map(e => e.href)")) if re.fullmatch(r"/docs/guide/[a-z]+", p)})
    assert len(parts) == 4, f"the guide links to {parts}"
    for part in parts:
        page.goto(live_server + part)
        findings.check(page)
    findings.assert_none(request)


def test_a_photo_s_and_a_recording_s_source_pages_meet_wcag_2_2_aa(page, live_server, tmp_path, request):
    from tests import media_files

    sign_in(page, live_server, "caseworker@demo.test")
    findings = Findings("on the pages of a photo and a recording")
    for name, data in (("IMG_2041.jpg", media_files.jpeg_with_exif()), ("interview.wav", media_files.wav())):
        (tmp_path / name).write_bytes(data)
        page.goto(f"{live_server}/sources/new")
        form = page.locator("form[action$='/sources/new/upload']")
        form.get_by_label("File", exact=True).set_input_files(str(tmp_path / name))
        form.get_by_role("button", name="Upload and preserve").click()
        page.wait_for_selector("#media")
        findings.check(page, name)
        if name.endswith(".jpg"):
            page.get_by_role("button", name="Zoom in").click()
            findings.check(page, "zoomed photo")
    findings.assert_none(request)
