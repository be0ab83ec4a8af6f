"""Measure what encryption at rest costs: per value, per page of people, per name lookup, per rotation.

    python bench/encryption.py                      # 20,000 people in a temporary SQLite database
    python bench/encryption.py --people 50000 --database-url postgresql://postgres@127.0.0.1:5432/bench

Prints: microseconds to encrypt and to decrypt one value; the time to load every
person through the ORM (five encrypted fields each) against the same query
reading the raw ciphertexts; the time of one exact-name lookup; and the rows per
second `flask keys rotate` re-encrypts. The database must be empty or new.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-encryption-"))
    os.environ.setdefault("CASEAPP_INSTANCE_PATH", str(workdir))
    keys_path = workdir / "encryption_keys"
    os.environ["ENCRYPTION_KEYS_PATH"] = str(keys_path)
    os.environ.pop("CASEAPP_ENCRYPTION_KEYS", None)

    import sqlalchemy as sa

    from caseapp.app import create_app
    from caseapp.auth import services as auth
    from caseapp.cases.models import Case
    from caseapp.extensions import db
    from caseapp.persons.models import Person
    from caseapp.persons.services import find_by_exact_name
    from caseapp.protection import ciphers, rotation
    from caseapp.protection.fields import EncryptedType
    from caseapp.protection.keys import with_new_current_key
    from caseapp.protection.setup import current_ring, holder, write_instance_ring
    from config import Config

    config = Config()
    config.SQLALCHEMY_DATABASE_URI = args.database_url or f"sqlite:///{workdir / 'bench.db'}"
    app = create_app(config)
    with app.app_context():
        db.create_all()
        ring = current_ring()
        runs = 20_000
        started = time.perf_counter()
        tokens = [ciphers.encrypt(ring, f"Worker {n} of the third brigade", "persons.name") for n in range(runs)]
        encrypt_us = (time.perf_counter() - started) / runs * 1e6
        started = time.perf_counter()
        for token in tokens:
            ciphers.decrypt(ring, token, "persons.name")
        decrypt_us = (time.perf_counter() - started) / runs * 1e6
        print(f"one value: encrypt {encrypt_us:.1f} µs, decrypt {decrypt_us:.1f} µs")

        org = auth.create_organisation("Bench NGO", "BEN", None)
        user = auth.create_user(org, "bench@example.org", "caseworker", "a long bench password 1", "", None)
        db.session.flush()
        case = Case(organisation_id=org.id, reference="BEN-1", title="Bench", created_by_id=user.id)
        db.session.add(case)
        db.session.flush()
        started = time.perf_counter()
        for n in range(args.people):
            db.session.add(Person(case_id=case.id, organisation_id=org.id, role="worker", name=f"Ri Chol-ho {n}",
                                  aliases=[f"Comrade Ri {n}"], contact=f"+7 921 555 {n:04d}",
                                  document_numbers=f"Passport 8364{n:05d}", notes="Lives in barracks 4. " * 5))
            if n % 2000 == 1999:
                db.session.flush()
        db.session.commit()
        print(f"insert {args.people} people: {time.perf_counter() - started:.2f} s")

        db.session.expire_all()
        started = time.perf_counter()
        people = db.session.scalars(sa.select(Person)).all()
        decrypted = time.perf_counter() - started
        table = Person.__table__
        started = time.perf_counter()
        with db.engine.connect() as connection:
            connection.execute(sa.text("SELECT * FROM persons")).all()
        raw = time.perf_counter() - started
        print(f"load {len(people)} people through the ORM: {decrypted:.2f} s "
              f"(raw ciphertexts {raw:.2f} s; {(decrypted - raw) / len(people) * 1e6:.0f} µs per person "
              f"for {len([c for c in table.columns if isinstance(c.type, EncryptedType)])} fields "
              "and the ORM)")
        db.session.expire_all()

        started = time.perf_counter()
        for n in range(100):
            assert len(find_by_exact_name(org.id, f"ri chol-ho {n * 7}")) == 1
        print(f"exact-name lookup: {(time.perf_counter() - started) / 100 * 1000:.2f} ms each")

        del people
        db.session.remove()  # as in `flask keys rotate`: nothing loaded in the session
        if keys_path.exists():
            write_instance_ring(keys_path, with_new_current_key(current_ring()))
            holder().reload(force=True)
            started = time.perf_counter()
            result = rotation.rotate(db.session, db.metadata, current_ring)
            elapsed = time.perf_counter() - started
            print(f"rotation: {result.rewritten} rows in {elapsed:.2f} s ({result.rewritten / elapsed:.0f} rows/s, "
                  f"{result.passes} passes, {result.remaining} left)")


if __name__ == "__main__":
    main()
