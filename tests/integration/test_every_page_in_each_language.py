"""Every page each role reaches from the start page, in each language, without English left on it
(tests/language_check.py).

The demo archive is loaded once and each role follows every link it is shown (the archive's pages, not the
downloads); the browser test (tests/browser/test_languages.py) looks at what a browser shows of a few."""
from __future__ import annotations

import html
import re
from collections import defaultdict

import pyotp
import pytest

from caseapp.app import create_app
from caseapp.demo.services import load_demo
from caseapp.extensions import db
from config import TestConfig
from tests.factories import csrf_token
from tests.language_check import english_left, visible_text

PASSWORD = "demo passphrase for the language walk"
SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"
SECRETS = {"coordinator@demo.test": SECRET, "admin@demo.test": SECRET}
ROLES = ["caseworker@demo.test", "coordinator@demo.test", "advocate@demo.test", "admin@demo.test"]
# Downloads, other formats and pages that change something when read are not walked.
SKIPPED = re.compile(r"/static/|\.pdf|/download|/export|logout|/docs/|cursor=|/api/|\.json|\.csv|\.zip|sort=|"
                     r"/report\?|/bin\b")
MOST_PAGES = 160
LANGUAGES = ["nl", "fr", "es", "ru", "ar"]


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("walk")
    app = create_app(TestConfig(f"sqlite:///{folder / 'walk.db'}"))
    with app.app_context():
        db.create_all()
        load_demo(folder, PASSWORD, SECRETS)
        db.session.commit()
    return app


def _signed_in(app, email: str, language: str):
    client = app.test_client()
    answer = client.post("/login", data={"email": email, "password": PASSWORD,
                                         "csrf_token": csrf_token(client, "/login")})
    if "two-factor" in (answer.location or ""):
        client.post("/login/two-factor", data={"code": pyotp.TOTP(SECRETS[email]).now(),
                                               "csrf_token": csrf_token(client, "/login/two-factor")})
    client.post("/language", data={"lang": language, "next": "/", "csrf_token": csrf_token(client, "/")})
    return client


def _walk(client):
    """(url, visible text) of every page reached by following the links, breadth first."""
    seen, waiting = set(), ["/"]
    while waiting and len(seen) < MOST_PAGES:
        url = waiting.pop(0)
        if url in seen:
            continue
        seen.add(url)
        answer = client.get(url)
        if answer.status_code != 200 or "text/html" not in answer.content_type:
            continue
        body = answer.get_data(as_text=True)
        waiting += [link for link in (html.unescape(found) for found in re.findall(r'href="(/[^"#]*)"', body))
                    if link not in seen and not SKIPPED.search(link)]
        yield url, body


@pytest.mark.parametrize("email", ROLES)
def test_no_english_is_left_on_any_page_a_reader_reaches(demo_app, email):
    # One sign-in per role (a second factor's code is good once), the language switched between walks.
    client = _signed_in(demo_app, email, LANGUAGES[0])
    for language in LANGUAGES:
        client.post("/language", data={"lang": language, "next": "/", "csrf_token": csrf_token(client, "/")})
        english = english_left(language)
        left: dict[str, set[str]] = defaultdict(set)
        pages = 0
        direction = "rtl" if language == "ar" else "ltr"
        for url, body in _walk(client):
            assert f'<html lang="{language}" dir="{direction}">' in body, url
            pages += 1
            for match in english.finditer(visible_text(body)):
                left[match.group()].add(url)
        assert pages >= 30, pages  # the walk reached the archive, not a sign-in page
        assert not left, language + ": " + "\n".join(f"{piece!r} on {sorted(urls)[:3]}" for piece, urls in left.items())


def test_the_check_finds_english_where_it_is(demo_app):
    client = _signed_in(demo_app, "caseworker@demo.test", "en")
    text = visible_text(client.get("/cases/1/assessment").get_data(as_text=True))
    found = {match.group() for match in english_left("nl").finditer(text)}
    assert "Skip to content" in found
    assert any(piece.startswith("Forced labour is established") for piece in found)  # the rules' reasons
    assert any("weak position" in piece for piece in found)  # an indicator's explanation
