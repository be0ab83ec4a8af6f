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
    """One sweep over every table; returns (rows rewritten, rows that changed meanwhile and were left)."""
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
            # Rows needing the same columns rewritten share one statement, sent as one executemany.
            shapes: dict[tuple[str, ...], list[dict]] = {}
            for row in rows:
                fresh, stored = _stale_values(table, columns, lookup, row._mapping, ring)
                if fresh:
                    params = {"p_id": row[0]}
                    params.update({f"p_new_{k}": v for k, v in fresh.items()})
                    params.update({f"p_old_{k}": v for k, v in stored.items()})
                    shapes.setdefault(tuple(sorted(fresh)), []).append(params)
            for shape, params in shapes.items():
                done = session.execute(_update_statement(table, pk, shape), params).rowcount
                if done < 0 or not session.get_bind().dialect.supports_sane_multi_rowcount:
                    done = len(params)  # unknown: the next pass finds any row that was left
                rewritten += done
                skipped += len(params) - done
            session.commit()
    return rewritten, skipped


def _stale_values(table, columns, lookup, row, ring: KeyRing) -> tuple[dict, dict]:
    """The new stored values of a row's columns not under the current key, and the values they replace."""
    fresh: dict = {}
    stored: dict = {}
    for column in columns:
        value = row[column.name]
        if value is None:
            continue
        token = _json_text(value)
        if ciphers.key_id_of(token) == ring.current_id:
            continue
        text = ciphers.decrypt(ring, token, column.type.context)
        fresh[column.name] = ciphers.encrypt(ring, text, column.type.context)
        stored[column.name] = value
    if lookup:
        hash_name, source = lookup
        old_hash = row[hash_name] or ""
        if row[source] is not None and ciphers.key_id_of(old_hash) != ring.current_id:
            name = ciphers.decrypt(ring, _json_text(row[source]), table.c[source].type.context)
            fresh[hash_name] = ciphers.lookup_hash(ring, name)
            stored[hash_name] = old_hash
    return fresh, stored


def _update_statement(table: sa.Table, pk: sa.Column, shape: tuple[str, ...]) -> sa.Update:
    """UPDATE the `shape` columns of one row, only if each still holds exactly what was read."""
    conditions = [pk == sa.bindparam("p_id")]
    values: dict = {}
    for name in shape:
        column = table.c[name]
        if isinstance(column.type, EncryptedType):
            conditions.append(_raw(column) == sa.bindparam(f"p_old_{name}", type_=sa.Text()))
            values[name] = sa.bindparam(f"p_new_{name}", type_=sa.JSON() if _is_json(column) else sa.Text())
        else:  # the keyed hash beside an encrypted column
            conditions.append(sa.func.coalesce(column, "") == sa.bindparam(f"p_old_{name}", type_=sa.Text()))
            values[name] = sa.bindparam(f"p_new_{name}", type_=sa.Text())
    if "updated_at" in table.c:
        values["updated_at"] = table.c.updated_at  # keep the record's own timestamp
    return sa.update(table).where(*conditions).values(values)


def _is_json(column: sa.Column) -> bool:
    return isinstance(column.type.impl_instance, sa.JSON)
