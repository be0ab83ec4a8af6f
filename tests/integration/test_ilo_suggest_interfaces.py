"""`flask ilo suggest` and POST /api/v1/ilo/suggest answer the same thing."""
import json

from tests.factories import bearer, make_org, make_token, make_user

TEXT = "De werkgever nam hun paspoorten in. Ze werkten van 6.00 tot 21.00 uur, zeven dagen per week."


def test_the_command_and_the_api_agree(app, client, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["ilo", "suggest", str(path)])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert printed["language"] == "nl"
    assert {s["indicator"] for s in printed["suggestions"]} == {"retention_of_identity_documents",
                                                                 "excessive_overtime"}
    for s in printed["suggestions"]:
        assert TEXT[s["start"]:s["end"]] == s["quote"] and 0 <= s["confidence"] <= 1
    assert printed["facts"]["daily_hours"]["value"] == 15 and printed["facts"]["rest_days_per_month"]["value"] == 0
    answer = client.post("/api/v1/ilo/suggest", json={"text": TEXT},
                         headers=bearer(make_token(make_user(make_org()))))
    assert answer.status_code == 200 and answer.get_json() == printed


def test_bad_input_is_refused(app, client, tmp_path):
    headers = bearer(make_token(make_user(make_org())))
    assert client.post("/api/v1/ilo/suggest", json={"text": ""}, headers=headers).status_code == 422
    assert client.post("/api/v1/ilo/suggest", json={"text": "x", "language": "xx"}, headers=headers).status_code \
        == 422
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    assert app.test_cli_runner().invoke(args=["ilo", "suggest", str(binary)]).exit_code != 0


def test_the_command_builds_the_missing_lemma_dictionaries(app, tmp_path, monkeypatch):
    from caseapp.ilo import lemmas

    monkeypatch.setenv("CASEAPP_LEMMA_CACHE", str(tmp_path))
    built = []

    def build(language, path):
        built.append(language)
        path.write_bytes(lemmas.serialise({b"lonen": b"loon"}))
    monkeypatch.setattr(lemmas, "build", build)
    result = app.test_cli_runner().invoke(args=["ilo", "lemmas"])
    assert result.exit_code == 0, result.output
    assert len(built) == 9 and str(tmp_path) in result.output
    assert app.test_cli_runner().invoke(args=["ilo", "lemmas"]).exit_code == 0
    assert len(built) == 9  # already there: nothing built again
