"""People's identifying fields never reach the database in clear; keys rotate while the app serves."""
from __future__ import annotations

import base64
import logging
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from caseapp.app import create_app
from caseapp.extensions import db
from caseapp.persons.models import Person
from caseapp.persons.services import find_by_exact_name
from caseapp.protection import ciphers, rotation
from caseapp.protection.keys import parse_ring
from caseapp.protection.setup import current_ring
from tests.factories import TOTP_SECRET, bearer, login, make_case, make_org, make_token, make_user, post_form

# Values typed only into the person record, and looked for everywhere else afterwards.
FIRST = {"name": "Zoltan Quixwell-Varga", "aliases": ["Quixy Varga"], "role": "informant",
         "contact": "+36 30 777 4242 quixwell@example.org", "document_numbers": "Passport HU9931772",
         "notes": "Prefers contact through the parish of Szentgotthard-Ujfalu"}
EDITED = {"name": "Zoltan Quixwell-Varga Jr", "aliases": ["Zoli Quixwell"],
          "contact": "+36 30 888 5151", "document_numbers": "ID card HU8820013",
          "notes": "Moved to Nagykanizsa-Ertelep in May"}
NEEDLES = ["Quixwell", "Quixy", "777 4242", "888 5151", "HU9931772", "HU8820013", "Szentgotthard",
           "Nagykanizsa"]


def _raw_rows():
    """Every stored value of every table, as the database hands it back (no decryption)."""
    found = []
    with db.engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            for row in connection.execute(sa.text(f'SELECT * FROM "{table.name}"')):
                found.extend((table.name, str(value)) for value in row if value is not None)
    return found


def _sqlite_file_bytes(app) -> bytes:
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if not url.startswith("sqlite:///"):
        return b""
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    path = Path(url.removeprefix("sqlite:///"))
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_no_identifying_field_is_stored_in_clear_after_create_edit_view_and_export(app, client, caplog):
    caplog.set_level(logging.DEBUG)
    org = make_org()
    caseworker = make_user(org, "caseworker")
    coordinator = make_user(org, "coordinator")
    case = make_case(caseworker)
    headers = bearer(make_token(caseworker))

    created = client.post(f"/api/v1/cases/{case.id}/persons", json=FIRST, headers=headers)
    assert created.status_code == 201, created.get_json()
    person_id = created.get_json()["id"]
    edited = client.patch(f"/api/v1/persons/{person_id}", json={**EDITED, "version": 1}, headers=headers)
    assert edited.status_code == 200, edited.get_json()
    # Once more through the web form, as a caseworker would.
    login(client, caseworker.email)
    response = post_form(client, f"/persons/{person_id}/edit", f"/persons/{person_id}/edit",
                         {"name": EDITED["name"], "role": "informant", "aliases": "Zoli Quixwell",
                          "contact": EDITED["contact"], "document_numbers": EDITED["document_numbers"],
                          "notes": EDITED["notes"] + ".", "consent": "unknown", "risk": "high",
                          "version": "2", "consent_date": ""})
    assert response.status_code == 302, response.get_data(as_text=True)[:400]
    page = client.get(f"/persons/{person_id}").get_data(as_text=True)
    assert "Quixwell-Varga Jr" in page and "HU8820013" in page  # the app still reads it
    post_form(client, "/profile", "/logout", {})

    login(client, coordinator.email)
    report = client.get(f"/cases/{case.id}/report.pdf?profile=internal")
    assert report.status_code == 200 and report.mimetype == "application/pdf"
    assert client.get("/cases/export.json").status_code == 200

    # The coordinator signs in with a second factor: its secret is stored encrypted too.
    needles = [*NEEDLES, TOTP_SECRET]
    leaks = [(table, needle) for table, value in _raw_rows() for needle in needles if needle.lower() in value.lower()]
    assert leaks == []
    file_bytes = _sqlite_file_bytes(app)
    assert all(needle.encode() not in file_bytes for needle in NEEDLES)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert all(needle not in logged for needle in NEEDLES)

    stored = db.session.execute(sa.text("SELECT name, notes, name_lookup FROM persons")).one()
    assert stored.name.startswith("test1$") and stored.notes.startswith("test1$")
    assert stored.name_lookup == ciphers.lookup_hash(current_ring(), EDITED["name"])


def test_a_person_is_found_by_exact_name_in_their_organisation_only(app):
    org = make_org()
    caseworker = make_user(org, "caseworker")
    case = make_case(caseworker)
    db.session.add_all([Person(case_id=case.id, organisation_id=org.id, role="worker", name="Kim Chol-su"),
                        Person(case_id=case.id, organisation_id=org.id, role="worker", name="Kim Chol")])
    other = make_org()
    other_case = make_case(make_user(other, "caseworker"))
    db.session.add(Person(case_id=other_case.id, organisation_id=other.id, role="worker", name="Kim Chol-su"))
    db.session.commit()

    assert [p.name for p in find_by_exact_name(org.id, "  kim CHOL-SU ")] == ["Kim Chol-su"]
    assert find_by_exact_name(org.id, "Kim") == []
    assert find_by_exact_name(org.id, " ") == []
    assert [p.organisation_id for p in find_by_exact_name(other.id, "Kim Chol-su")] == [other.id]


def test_a_value_altered_in_the_database_is_refused_not_shown(app):
    caseworker = make_user(make_org(), "caseworker")
    case = make_case(caseworker)
    person = Person(case_id=case.id, organisation_id=case.organisation_id, role="worker", name="Kim Chol-su")
    db.session.add(person)
    db.session.commit()
    with db.engine.begin() as connection:
        notes = connection.execute(sa.text("SELECT notes FROM persons")).scalar_one()
        connection.execute(sa.text("UPDATE persons SET name = :n"), {"n": notes})  # another column's value
    db.session.expire_all()
    with pytest.raises(ciphers.DecryptionError):
        _ = db.session.get(Person, person.id).name


@pytest.fixture
def rotating_app(database_url, tmp_path, make_config):
    """An app whose keys live in an instance file, as with the embedded default."""
    path = tmp_path / "encryption_keys"
    path.write_text(make_config.ENCRYPTION_KEYS + "\n")
    make_config.ENCRYPTION_KEYS_SOURCE = "instance"
    make_config.ENCRYPTION_KEYS_PATH = str(path)
    return make_config


def test_keys_rotate_while_the_app_serves_reads_and_edits(app, rotating_app, monkeypatch):
    from caseapp.protection import setup

    monkeypatch.setattr(setup, "RECHECK_SECONDS", 0.05)
    serving = create_app(rotating_app)
    errors: list[str] = []
    with serving.app_context():
        org = make_org()
        caseworker = make_user(org, "caseworker")
        case = make_case(caseworker)
        people = [Person(case_id=case.id, organisation_id=org.id, role="worker", name=f"Worker {n}",
                         aliases=[f"W{n}"], notes=f"note {n}") for n in range(120)]
        db.session.add_all(people)
        db.session.commit()
        ids = [p.id for p in people]
        org_id = org.id
        token = make_token(caseworker)
    edits: dict[int, str] = {}
    stop = threading.Event()

    def serve_requests():
        client = serving.test_client()
        n = 0
        while not stop.is_set():
            person_id = ids[n % len(ids)]
            got = client.get(f"/api/v1/persons/{person_id}", headers=bearer(token))
            if got.status_code != 200:
                errors.append(f"GET {person_id}: {got.status_code}")
                break
            body = got.get_json()
            new_name = f"Edited {n}"
            changed = client.patch(f"/api/v1/persons/{person_id}", json={"name": new_name, "version": body["version"]},
                                   headers=bearer(token))
            if changed.status_code == 200:
                edits[person_id] = new_name
            elif changed.status_code != 409:
                errors.append(f"PATCH {person_id}: {changed.status_code} {changed.get_data(as_text=True)[:200]}")
                break
            n += 1

    worker = threading.Thread(target=serve_requests)
    worker.start()
    time.sleep(0.3)
    with serving.app_context():  # the CLI runs in the app context it finds
        result = serving.test_cli_runner().invoke(args=["keys", "rotate", "--new-key"])
    time.sleep(0.3)
    stop.set()
    worker.join(30)
    assert result.exit_code == 0, result.output
    assert errors == []
    assert len(edits) > 5  # the app really was busy during the rotation

    with serving.app_context():
        # Another process keeps serving under the new key; one more pass catches its last writes.
        assert serving.test_cli_runner().invoke(args=["keys", "rotate"]).exit_code == 0
        ring = current_ring()
        assert ring.current_id != "test1" and len(ring.keys) == 2
        usage = rotation.key_usage(db.session, db.metadata).totals
        assert set(usage) == {ring.current_id}
        db.session.expire_all()
        for person_id in ids:
            person = db.session.get(Person, person_id)
            assert person.name == edits.get(person_id, f"Worker {ids.index(person_id)}")
            assert person.notes == f"note {ids.index(person_id)}"
        assert [p.id for p in find_by_exact_name(org_id, "Worker 119")] == ([ids[119]] if ids[119] not in edits else [])


def test_rotation_leaves_version_and_timestamps_alone_and_drops_the_unused_key(app, rotating_app):
    serving = create_app(rotating_app)
    with serving.app_context():
        caseworker = make_user(make_org(), "caseworker")
        case = make_case(caseworker)
        person = Person(case_id=case.id, organisation_id=case.organisation_id, role="worker", name="Kim",
                        aliases=["K"])
        db.session.add(person)
        db.session.commit()
        before = (person.version, person.updated_at)
        runner = serving.test_cli_runner()
        result = runner.invoke(args=["keys", "rotate", "--new-key", "--drop-old"])
        assert result.exit_code == 0, result.output
        assert "Removed unused key(s): test1" in result.output
        ring = parse_ring(Path(rotating_app.ENCRYPTION_KEYS_PATH).read_text())
        assert list(ring.keys) == [ring.current_id] != ["test1"]
        db.session.expire_all()
        person = db.session.get(Person, person.id)
        assert (person.version, person.updated_at) == before and person.aliases == ["K"]
        status = runner.invoke(args=["keys", "status"])
        assert f"persons.name: {ring.current_id}: 1" in status.output


def test_keys_from_the_environment_are_never_rewritten_by_the_app(app):
    result = app.test_cli_runner().invoke(args=["keys", "rotate", "--new-key"])
    assert result.exit_code != 0 and "CASEAPP_ENCRYPTION_KEYS" in result.output
    generated = app.test_cli_runner().invoke(args=["keys", "generate"]).output.strip()
    key_id, _, key = generated.partition(":")
    assert key_id == "k1" and len(base64.urlsafe_b64decode(key)) == 32


def test_status_names_a_key_the_values_need_but_the_ring_lacks(app):
    caseworker = make_user(make_org(), "caseworker")
    case = make_case(caseworker)
    db.session.add(Person(case_id=case.id, organisation_id=case.organisation_id, role="worker", name="Kim"))
    db.session.commit()
    with db.engine.begin() as connection:  # as if written under a key whose file was lost
        connection.execute(sa.text("UPDATE persons SET name = 'lost$' || name"))
    result = app.test_cli_runner().invoke(args=["keys", "status"])
    assert result.exit_code != 0 and "not in the ring: lost" in result.output
