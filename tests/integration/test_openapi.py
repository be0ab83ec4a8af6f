"""The OpenAPI document describes exactly the routes the API has."""
import re

from tests.factories import bearer, make_org, make_token, make_user


def _api_routes(app):
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api."):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
            routes |= {(path, m.lower()) for m in rule.methods - {"HEAD", "OPTIONS"}}
    return routes


def test_the_document_is_served_to_token_holders_only(client):
    assert client.get("/api/v1/openapi.json").status_code == 401
    doc = client.get("/api/v1/openapi.json", headers=bearer(make_token(make_user(make_org())))).get_json()
    assert doc["openapi"].startswith("3.")


def test_every_route_is_documented_and_every_documented_route_exists(app):
    from caseapp.api.openapi import document

    documented = {(path, method) for path, item in document()["paths"].items() for method in item}
    assert documented == _api_routes(app)


def test_every_reference_in_the_document_resolves(app):
    from caseapp.api.openapi import document

    doc = document()
    refs = set(re.findall(r'"\$ref": "#/components/schemas/(\w+)"', __import__("json").dumps(doc)))
    assert refs <= set(doc["components"]["schemas"])


def test_the_case_schema_names_every_field_the_api_returns(client):
    from caseapp.api.openapi import document

    headers = bearer(make_token(make_user(make_org())))
    case = client.post("/api/v1/cases", json={"title": "t"}, headers=headers).get_json()
    assert set(case) == set(document()["components"]["schemas"]["Case"]["properties"])
