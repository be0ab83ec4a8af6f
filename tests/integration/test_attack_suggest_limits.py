"""Attack review, item 1: a huge or hostile text cannot stall the suggestions.

The API refuses a text longer than SUGGEST_MAX_CHARS with 413 naming the limit; a longer source is read
up to the limit, and every page and answer that shows its proposals says so.
"""
import pytest

from tests.factories import bearer, login, make_case, make_org, make_token, make_user

LIMIT = 2_000
EARLY = "The site manager kept their passports in his office. "
LATE = "The recruiter threatened to call the police if they complained. "


@pytest.fixture
def make_config(make_config):
    make_config.SUGGEST_MAX_CHARS = LIMIT
    return make_config


@pytest.fixture
def caseworker():
    return make_user(make_org(), "caseworker")


def _long_text() -> str:
    filler = "They waited at the gate for the bus. "
    text = EARLY + filler * (LIMIT // len(filler))
    return text[:LIMIT] + " " + LATE.strip()  # the threat lies past the limit


def test_the_api_refuses_a_text_past_the_limit_with_413_naming_it(client, caseworker):
    headers = bearer(make_token(caseworker))
    too_long = client.post("/api/v1/ilo/suggest", json={"text": "x" * (LIMIT + 1)}, headers=headers)
    assert too_long.status_code == 413
    body = too_long.get_json()
    assert body["error"]["code"] == "too_large" and body["limit"] == LIMIT
    assert "2,000" in body["error"]["message"] and "SUGGEST_MAX_CHARS" in body["error"]["message"]
    assert client.post("/api/v1/ilo/suggest", json={"text": "x" * LIMIT}, headers=headers).status_code == 200


def test_a_long_source_is_read_up_to_the_limit_and_the_api_says_so(client, caseworker):
    headers = bearer(make_token(caseworker))
    case = make_case(caseworker)
    text = _long_text()
    source = client.post("/api/v1/sources", json={"text": text, "title": "Long report"}, headers=headers).get_json()
    listed = client.get(f"/api/v1/sources/{source['id']}/suggestions?case_id={case.id}", headers=headers).get_json()
    assert listed["truncated"] is True and listed["read_chars"] == LIMIT and listed["text_chars"] == len(text)
    indicators = {s["indicator"] for s in listed["suggestions"]}
    assert "retention_of_identity_documents" in indicators and "intimidation_threats" not in indicators
    assert all(s["end"] <= LIMIT for s in listed["suggestions"])


def test_a_short_source_is_read_whole(client, caseworker):
    headers = bearer(make_token(caseworker))
    case = make_case(caseworker)
    text = EARLY + LATE.strip()
    source = client.post("/api/v1/sources", json={"text": text}, headers=headers).get_json()
    listed = client.get(f"/api/v1/sources/{source['id']}/suggestions?case_id={case.id}", headers=headers).get_json()
    assert listed["truncated"] is False and listed["read_chars"] == listed["text_chars"] == len(text)
    assert "intimidation_threats" in {s["indicator"] for s in listed["suggestions"]}


def test_the_source_page_and_the_assessment_page_say_the_source_was_read_in_part(client, caseworker):
    headers = bearer(make_token(caseworker))
    case = make_case(caseworker)
    source = client.post("/api/v1/sources", json={"text": _long_text()}, headers=headers).get_json()
    client.post(f"/api/v1/cases/{case.id}/sources", json={"source_id": source["id"]}, headers=headers)
    login(client, caseworker.email)
    for url in (f"/sources/{source['id']}?case_id={case.id}", f"/cases/{case.id}/assessment"):
        page = client.get(url).get_data(as_text=True)
        assert "read its first 2,000 characters" in page, url


def test_the_command_reads_up_to_the_limit_and_says_so(app, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(_long_text(), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["ilo", "suggest", str(path)])
    assert result.exit_code == 0
    assert "only the first 2,000 were read" in result.stderr
    assert "intimidation_threats" not in result.stdout
