"""Attack review, item 3: adding a source that is already stored never reveals one the user may not see.

A colleague's source cited only by a restricted case (its reliability note naming an informant and a
phone number) used to come back, whole, to anyone who sent the same URL or bytes. Now the stored source
is answered (200) only to someone who may see it; anyone else gets a new source of their own (201).
"""
import io

import pytest

from caseapp.extensions import db
from caseapp.sources import evidence
from caseapp.sources import services as sources
from tests.factories import bearer, make_case, make_token
from tests.integration import sites

SECRET_NOTE = "Told to us by informant Ae-ri Kim, +7 914 555 0199"


@pytest.fixture(scope="module")
def site():
    server, port = sites.serve()
    yield f"http://localhost:{port}"
    server.shutdown()


@pytest.fixture
def make_config(make_config):
    make_config.SOURCE_FETCH_ALLOWED_HOSTS = "localhost"
    return make_config


def _hidden_source(team, client, url):
    """The assignee's fetched page, cited only by their restricted case."""
    headers = bearer(make_token(team["caseworker"]))
    body = {"url": url, "title": "Informant's account", "reliability": "B", "reliability_note": SECRET_NOTE}
    answer = client.post("/api/v1/sources", json=body, headers=headers)
    assert answer.status_code == 201, answer.get_json()
    source = answer.get_json()
    restricted = make_case(team["caseworker"], confidentiality="restricted")
    evidence.create_excerpt(db.session.get(sources.Source, source["id"]), restricted, {"quote": "Twenty deckhands"},
                            team["caseworker"])
    db.session.commit()
    return source


def test_the_same_url_gives_a_colleague_a_new_source_revealing_nothing(client, team, site):
    hidden = _hidden_source(team, client, f"{site}/article")
    answer = client.post("/api/v1/sources", json={"url": f"{site}/moved"}, headers=bearer(make_token(team["other"])))
    assert answer.status_code == 201
    mine = answer.get_json()
    assert mine["id"] != hidden["id"] and mine["reliability_note"] == "" and mine["reliability"] != "B"
    assert SECRET_NOTE not in answer.get_data(as_text=True) and "Informant" not in answer.get_data(as_text=True)
    colleague = bearer(make_token(team["other"]))
    assert client.get(f"/api/v1/sources/{hidden['id']}", headers=colleague).status_code == 404


def test_the_same_bytes_uploaded_give_a_new_source_too(client, team, site):
    hidden = _hidden_source(team, client, f"{site}/article")
    upload = client.post("/api/v1/sources", headers=bearer(make_token(team["other"])),
                         content_type="multipart/form-data",
                         data={"file": (io.BytesIO(sites.ARTICLE.encode()), "saved.html")})
    assert upload.status_code == 201 and upload.get_json()["id"] != hidden["id"]
    assert upload.get_json()["sha256"] == hidden["sha256"]  # the same preserved bytes, kept once on disk
    assert SECRET_NOTE not in upload.get_data(as_text=True)


def test_whoever_may_see_the_stored_source_gets_it_back_with_200(client, team, site):
    hidden = _hidden_source(team, client, f"{site}/article")
    for who in ("caseworker", "coordinator"):
        answer = client.post("/api/v1/sources", json={"url": f"{site}/article"}, headers=bearer(make_token(team[who])))
        assert answer.status_code == 200 and answer.get_json()["id"] == hidden["id"], who
