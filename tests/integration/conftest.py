"""An app per test, on SQLite and on PostgreSQL: every integration test runs on both."""
from __future__ import annotations

import os
import shutil
import signal
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from caseapp.app import create_app
from caseapp.extensions import db
from config import TestConfig
from tests import databases


class IsolatedClient(FlaskClient):
    """A test client whose every request runs in an app context of its own.

    The test itself holds an app context for its factories; without this,
    Flask would reuse it for requests, and `g` (the signed-in user among
    others) would leak from one request to the next, as it never does in
    production. Afterwards the test's session is expired so it reads what
    the request committed.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()
        return response


@pytest.fixture(scope="session")
def postgres_schema_url():
    """One private schema for the whole run, its tables created once."""
    databases.require_postgres()
    name, url = databases.new_schema("t")
    app = create_app(TestConfig(url))
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    yield url
    databases.drop_schema(name)


def _empty_postgres(app) -> None:
    # DELETE is ten times quicker than TRUNCATE on tables this small; ids simply go on counting.
    # The audit log refuses DELETE by trigger; as replica (tests connect as a superuser) this one
    # transaction fires no triggers, the append-only one included, and checks no foreign keys.
    with db.engine.begin() as connection:
        connection.execute(sa.text("SET LOCAL session_replication_role = replica"))
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """An SQLite file with every table, made once; each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    app = create_app(TestConfig(f"sqlite:///{path}"))
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        copy = tmp_path / "test.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), copy)
        return f"sqlite:///{copy}"
    return request.getfixturevalue("postgres_schema_url")


@pytest.fixture
def make_config(database_url):
    """A TestConfig on this test's database; tests may adjust it before the app is built."""
    return TestConfig(database_url)


@pytest.fixture
def app(make_config):
    app = create_app(make_config)
    app.test_client_class = IsolatedClient
    with app.app_context():
        if not make_config.SQLALCHEMY_DATABASE_URI.startswith("sqlite"):
            _empty_postgres(app)
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def team(app):
    """One organisation, Harbour Rights, and a person in each role: `caseworker` (who makes the cases, and
    so is their assignee), `other` (a second caseworker), `coordinator`, `second_coordinator` (for the four
    eyes of a sign-off), `advocate` and `admin`; `org` is the organisation."""
    from tests.factories import make_org, make_user

    org = make_org("Harbour Rights")
    people = {"caseworker": make_user(org, "caseworker"), "other": make_user(org, "caseworker"),
              "coordinator": make_user(org, "coordinator"), "second_coordinator": make_user(org, "coordinator"),
              "advocate": make_user(org, "advocate"), "admin": make_user(org, "admin")}
    return {"org": org, **people}


@pytest.fixture
def world(app):
    """Every kind of record caseapp keeps, made through the services, each free-text field carrying an
    attack payload (tests/integration/hostile.py): an organisation with a person in every role and
    their tokens, a case with groups, conditions, actions, parties, people, sources, quotes, evidence,
    findings, comments, notifications and exports, a draft, and another organisation's records.
    `world.people[role]`, `world.ids` (the values of every URL parameter) and `world.tags` (the payloads)."""
    from tests.integration import hostile

    return hostile.build(app)


def redis_or_skip(database: int = 15) -> str:
    """The URL of this Redis database for a test (CASEAPP_TEST_REDIS_URL's server), once it answers; without
    Redis the test is skipped, except under CI, which requires it. Tests that run at once use different
    databases: one's RQ worker in burst mode would take another's job."""
    from redis import Redis
    from redis.exceptions import RedisError

    base = os.environ.get("CASEAPP_TEST_REDIS_URL", "redis://127.0.0.1:6379/15").rsplit("/", 1)[0]
    url = f"{base}/{database}"
    try:
        Redis.from_url(url, socket_connect_timeout=1).ping()
    except RedisError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Redis at {url} is required under CI")
        pytest.skip(f"no Redis at {url} (CI requires it)")
    return url


@contextmanager
def signal_handlers_kept():
    """An RQ worker installs its own SIGINT and SIGTERM handlers; give the test process its own back."""
    saved = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)
