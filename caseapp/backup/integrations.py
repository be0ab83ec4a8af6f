"""What a backup needs from other areas: the audit chain's checks, and where the keys come from and go."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask

from caseapp.audit import verification
from caseapp.backup import keys


@dataclass(frozen=True)
class ChainResult:
    intact: bool
    count: int
    head_id: int
    head_hmac: str | None
    problem: str | None = None


def audit_head(connection: sa.Connection) -> dict[str, Any]:
    """The audit log's head as this connection sees it: how many entries, the last id and its HMAC."""
    table = sa.table("audit_entries", sa.column("id"), sa.column("hmac"))
    count, last_id = connection.execute(sa.select(sa.func.count(), sa.func.max(table.c.id))).one()
    last_hmac = None
    if last_id is not None:
        last_hmac = connection.execute(sa.select(table.c.hmac).where(table.c.id == last_id)).scalar()
    return {"count": count, "head_id": last_id or 0, "head_hmac": last_hmac}


def verify_audit_chain() -> ChainResult:
    """Check every entry's link and HMAC (not the anchor: a restore goes back in time on purpose)."""
    check = verification.verify_chain(use_anchor=False)
    problem = None
    if not check.intact:
        problem = f"broken at entry {check.broken.entry_id}: {check.reason}"
    return ChainResult(check.intact, check.count, check.head_id, check.head_hmac, problem)


def anchor_audit_head() -> str:
    """Anchor the chain at the head the database holds now; say where."""
    made = verification.anchor_current_head()
    return f"entry {made.entry_id} ({made.count} entries) in {verification.anchor_path()}"


def current_keys(config: dict[str, Any]) -> keys.Current:
    return keys.Current(
        encryption_ring=keys.as_text(config.get("ENCRYPTION_KEYS")),
        encryption_source=config.get("ENCRYPTION_KEYS_SOURCE") or "instance",
        audit_key=keys.as_text(config.get("AUDIT_HMAC_KEY")),
        audit_source=config.get("AUDIT_HMAC_KEY_SOURCE") or ("environment" if os.environ.get("AUDIT_HMAC_KEY")
                                                             else "instance"),
    )


def key_paths(config: dict[str, Any]) -> tuple[Path, Path]:
    instance = Path(config["INSTANCE_PATH"])
    return (Path(config.get("ENCRYPTION_KEYS_PATH") or instance / "encryption_keys"),
            Path(config.get("AUDIT_HMAC_KEY_PATH") or instance / "audit_hmac_key"))


def write_encryption_ring(path: Path, ring: str) -> None:
    from caseapp.protection.keys import parse_ring
    from caseapp.protection.setup import write_instance_ring

    write_instance_ring(path, parse_ring(ring))


def use_keys(app: Flask, plan: keys.Plan) -> None:
    """The keys just written are the ones this process works with from now on."""
    if plan.encryption_ring is not None:
        from caseapp.protection.setup import init_app

        app.config["ENCRYPTION_KEYS"] = plan.encryption_ring
        init_app(app)  # the ring the app holds, read again
    if plan.audit_key is not None:
        app.config["AUDIT_HMAC_KEY"] = plan.audit_key
