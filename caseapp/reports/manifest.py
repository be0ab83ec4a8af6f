"""The dossier's manifest: its content as JSON, hashed, so a recipient can check what they were given.

The manifest lists the cases (with their record versions and findings), every
quoted passage (with the offsets and the SHA-256 of the original words and of
the text revision they come from) and every source snapshot's SHA-256. It is
written beside the PDF; its own SHA-256 is printed on the dossier's
verification page. Plain Python.
"""
from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from caseapp.protection.redaction import Redactor

if TYPE_CHECKING:
    from caseapp.reports.context import CaseReport

FORMAT = "caseapp-dossier-manifest/1"


def build(reports: list[CaseReport], meta: Any, redactor: Redactor) -> dict[str, Any]:
    sources: dict[int, dict[str, Any]] = {}
    quotes: dict[int, dict[str, Any]] = {}
    cases = []
    for report in reports:
        d = report.determination
        cases.append({
            "id": report.id, "reference": report.reference, "title": report.title, "status": report.status,
            "record_version": report.version, "updated_at": report.updated_at.isoformat(),
            "forced_labour": d.forced_labour, "state_imposed": d.state_imposed.applies,
            "children": d.children.applies, "sanctions": [s.instrument for s in d.sanctions],
            "rules_version": d.rules_version,
            "findings": [{"indicator": i.id, "status": i.status, "stages": list(i.stages),
                          "signed_off": i.signed_off_at is not None,
                          "excerpt_ids": [q.excerpt_id for q in i.quotes]}
                         for i in report.indicators if i.status is not None],
            "source_ids": [s.id for s in report.sources],
        })
        for source in report.sources:
            sources[source.id] = {"id": source.id, "title": source.title, "url": source.url,
                                  "retrieved_at": source.retrieved_at.isoformat(), "sha256": source.sha256,
                                  "text_revision": source.text_revision, "text_sha256": source.text_sha256}
        for q in report.quotes:
            quotes[q.excerpt_id] = {"excerpt_id": q.excerpt_id, "case": report.reference, "source_id": q.source_id,
                                    "text_revision": q.text_revision, "text_sha256": q.text_sha256,
                                    "start": q.start, "end": q.end, "quote_sha256": q.quote_sha256,
                                    "quote": q.quote}
    content = {
        "format": FORMAT, "title": meta.title, "organisation": meta.organisation, "profile": meta.profile,
        "generated_by": meta.generated_by, "generated_at": meta.generated_at.isoformat(),
        # Set where the organisation asks for a second person's approval: who gave it, and when.
        "approval": {"approved_by": meta.approved_by, "approved_at": meta.approved_at.isoformat()}
        if meta.approved_by and meta.approved_at else None,
        "cases": cases, "quotes": [quotes[k] for k in sorted(quotes)],
        "sources": [sources[k] for k in sorted(sources)],
        "pseudonyms": [{"code": code, "role": role} for code, role in redactor.legend]
        if meta.profile == "advocate" else [],
    }
    # Quotes in the advocate profile are redacted here too; their quote_sha256 still names the original words.
    return redactor.redact_all(content)


def to_bytes(manifest: dict[str, Any]) -> bytes:
    """One canonical spelling, so the same content always has the same SHA-256."""
    return (json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
