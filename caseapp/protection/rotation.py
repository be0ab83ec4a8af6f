"""Re-encrypting every stored value under the current key, while the app goes on serving.

Each row is rewritten with a conditional UPDATE that matches the exact
ciphertext it read: if a user saved the row in between, the UPDATE touches
nothing and the row is read again on the next pass, so a rotation never
overwrites an edit. Rows are rewritten in small committed batches, so no
lock is held for long. The rewrite leaves `version` and `updated_at` alone:
re-encrypting changes no fact, and must not make an editor's form stale.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from caseapp.protection import ciphers
from caseapp.protection.fields import EncryptedType
from caseapp.protection.keys import KeyRing

BATCH = 200
MAX_PASSES = 5
# Keyed hashes to keep in step with the value they hash: table -> (hash column, source column).
LOOKUPS = {"persons": ("name_lookup", "name")}


@dataclass
class RotationResult:
    rewritten: int = 0
    passes: int = 0
    # Values still under an older key after the last pass (0 when the rotation is complete).
    remaining: int = 0


@dataclass
class KeyUsage:
    """How many stored values each key id protects, per column."""

    by_column: dict[str, Counter] = field(default_factory=dict)

    @property
    def totals(self) -> Counter:
        total: Counter = Counter()
        for counts in self.by_column.values():
            total.update(counts)
        return total


def encrypted_tables(metadata: sa.MetaData) -> list[tuple[sa.Table, list[sa.Column]]]:
    """Every table with encrypted columns, and those columns (found by their type, so none is forgotten)."""
    found = []
    for table in metadata.sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, EncryptedType)]
        if columns:
            found.append((table, columns))
    return found


def _raw(column: sa.Column) -> sa.ColumnElement:
    """The stored ciphertext itself, untouched by the column type's decryption.

    A JSON column is cast to its text (a quoted JSON string), so both databases
    hand back, and compare, the same characters.
    """
    if _is_json(column):
        return sa.cast(column, sa.Text)
    return sa.type_coerce(column, sa.Text)


def key_usage(session: Session, metadata: sa.MetaData) -> KeyUsage:
    usage = KeyUsage()
    for table, columns in encrypted_tables(metadata):
        for column in columns:
            counts: Counter = Counter()
            for (value,) in session.execute(sa.select(_raw(column)).where(column.is_not(None))):
                counts[ciphers.key_id_of(_json_text(value))] += 1
            usage.by_column[f"{table.name}.{column.name}"] = counts
        if table.name in LOOKUPS:
            hash_column = table.c[LOOKUPS[table.name][0]]
            counts = Counter(ciphers.key_id_of(value) for (value,) in
                             session.execute(sa.select(hash_column).where(hash_column.is_not(None))))
            usage.by_column[f"{table.name}.{hash_column.name}"] = counts
    return usage


def _json_text(value) -> str:
    """The ciphertext inside a stored value: JSON columns keep it as a quoted JSON string."""
    if isinstance(value, str) and value.startswith('"'):
        return json.loads(value)
    return value or ""


def rotate(session: Session, metadata: sa.MetaData, ring_of, batch: int = BATCH) -> RotationResult:
    """Rewrite every value not under the current key. `ring_of()` gives the ring as it is now.

    Passes repeat until one finds nothing left to rewrite (a request that was
    still writing under the old key a moment ago is caught by the next pass).
    """
    result = RotationResult()
    for _ in range(MAX_PASSES):
        result.passes += 1
        rewritten, skipped = _one_pass(session, metadata, ring_of, batch)
        result.rewritten += rewritten
        if rewritten == 0 and skipped == 0:
            break
    current = ring_of().current_id
    usage = key_usage(session, metadata)
    result.remaining = sum(n for key_id, n in usage.totals.items() if key_id != current)
    session.commit()
    return result


def _one_pass(session: Session, metadata: sa.MetaData, ring_of, batch: int) -> tuple[int, int]:
    rewritten = skipped = 0
    for table, columns in encrypted_tables(metadata):
        pk = list(table.primary_key.columns)[0]
        lookup = LOOKUPS.get(table.name)
        selected = [pk, *(_raw(c).label(c.name) for c in columns)]
        if lookup:
            selected.append(table.c[lookup[0]])
        last = None
        while True:
            query = sa.select(*selected).order_by(pk).limit(batch)
            if last is not None:
                query = query.where(pk > last)
            rows = session.execute(query).all()
            session.commit()  # end the read: no snapshot or lock is held between batches
            if not rows:
                break
            last = rows[-1][0]
            ring = ring_of()
            for row in rows:
                done = _rewrite_row(session, table, pk, columns, lookup, row._mapping, ring)
                if done is None:
                    continue
                if done:
                    rewritten += 1
                else:
                    skipped += 1
            session.commit()
    return rewritten, skipped


def _rewrite_row(session, table, pk, columns, lookup, row, ring: KeyRing) -> bool | None:
    """Rewrite one row's stale values; None if nothing was stale, False if the row changed meanwhile."""
    new_values: dict = {}
    conditions = [pk == row[pk.name]]
    plain: dict[str, str] = {}
    for column in columns:
        stored = row[column.name]
        if stored is None:
            continue
        token = _json_text(stored)
        key_id = ciphers.key_id_of(token)
        if key_id == ring.current_id and not lookup:
            continue
        context = column.type.context
        text = ciphers.decrypt(ring, token, context)
        plain[column.name] = text
        if key_id != ring.current_id:
            fresh = ciphers.encrypt(ring, text, context)
            new_values[column.name] = sa.literal(fresh, sa.JSON() if _is_json(column) else sa.Text())
            conditions.append(_raw(column) == sa.literal(stored, sa.Text))
    if lookup:
        hash_name, source = lookup
        current_hash = row[hash_name]
        if source in plain and ciphers.key_id_of(current_hash or "") != ring.current_id:
            new_values[hash_name] = ciphers.lookup_hash(ring, plain[source])
            conditions.append(table.c[hash_name] == current_hash if current_hash is not None
                              else table.c[hash_name].is_(None))
    if not new_values:
        return None
    if "updated_at" in table.c:
        new_values["updated_at"] = table.c.updated_at  # keep the record's own timestamp
    updated = session.execute(sa.update(table).where(*conditions).values(**new_values))
    return updated.rowcount == 1


def _is_json(column: sa.Column) -> bool:
    return isinstance(column.type.impl_instance, sa.JSON)
