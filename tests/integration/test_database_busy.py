"""A database busy with another transaction past the wait allowed (SQLite's one writer during a large import):
the page and the API answer 503 with Retry-After and save nothing, never a 500."""
import sqlite3
from contextlib import contextmanager

import pytest

from caseapp.cases.models import Case
from caseapp.extensions import db
from tests.factories import bearer, csrf_token, login, make_org, make_token, make_user


@contextmanager
def another_writer(app):
    """Another connection holding SQLite's write lock, as a long import does."""
    app.config["TESTING"] = False  # answered as in production, not raised to the test
    holder = sqlite3.connect(db.engine.url.database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_busy_database_answers_503_on_a_page_and_in_the_api(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL locks rows, not the database: a save elsewhere does not wait (test_import_at_scale)")
    user = make_user(make_org(code="BUSY"), "caseworker")
    token = make_token(user)
    client = app.test_client()
    login(client, user.email)
    form = {"title": "Crew kept at sea", "sector": "fishing", "csrf_token": csrf_token(client, "/cases/new")}
    db.session.remove()
    with another_writer(app):
        response = client.post("/cases/new", data=form)
        answer = app.test_client().post("/api/v1/cases", json={"title": "Crew kept at sea"}, headers=bearer(token))
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert "The database is busy" in response.get_data(as_text=True)
    assert answer.status_code == 503 and answer.get_json()["error"]["code"] == "busy"
    assert answer.headers["Retry-After"] == "5"
    assert db.session.query(Case).count() == 0
