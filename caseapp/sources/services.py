"""Adding, finding, correcting and checking sources. The caller commits."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, BinaryIO

import limits
from flask import current_app
from sqlalchemy import exists, func, or_, select, true
from sqlalchemy.orm import aliased

from caseapp.audit.changes import created_fields, field_changes
from caseapp.audit.services import record
from caseapp.auth.models import User
from caseapp.cases import permissions as case_permissions
from caseapp.cases.dates import parse_partial_date
from caseapp.cases.models import Case
from caseapp.cases.services import reopen_if_verified
from caseapp.cases.queries import sees_case, visible_cases
from caseapp.errors import N_, Busy, FileTooLarge, Forbidden, ServiceError, TooMany
from caseapp.db import utcnow
from caseapp.extensions import db
from caseapp.validation import readable_size
from caseapp import sandbox
from caseapp.protection import disclosure
from caseapp.sources import extraction, media, permissions, transcripts
from caseapp.sources.fetching import MAX_BYTES, AllowedHosts, Fetched, FetchRefused, fetch
from caseapp.sources.models import CaseSource, Source, SourceMedia, SourceText
from caseapp.sources.store import SnapshotStore, Staged, TooLarge, text_sha256
from caseapp.sources.vocab import RELIABILITY, SOURCE_KINDS
from caseapp.sources.limits import URL_MAX

MAX_UPLOAD = 20 * 1024 * 1024
META_LIMITS = {"title": 500, "publisher": 300, "author": 300, "reliability_note": 4000}
SAFE_HEADERS = ("content-type", "content-length", "last-modified", "etag", "date", "server", "content-language")


def snapshot_store() -> SnapshotStore:
    return SnapshotStore(Path(current_app.config["SOURCE_STORE_PATH"]))


@dataclass(frozen=True)
class Added:
    source: Source
    created: bool  # False: the same bytes or final URL were already stored; this is that source


def clean_metadata(data: dict[str, Any]) -> dict[str, Any]:
    """Check the describing fields a person gives: kind, language, reliability, title and the rest."""
    clean: dict[str, Any] = {}
    if data.get("kind") is not None:
        if data["kind"] not in SOURCE_KINDS:
            raise ServiceError(N_("Choose one of: %(choices)s."), "kind", choices=", ".join(SOURCE_KINDS))
        clean["kind"] = data["kind"]
    if data.get("reliability") is not None:
        if data["reliability"] not in RELIABILITY:
            raise ServiceError(N_("Choose one of: %(choices)s."), "reliability", choices=", ".join(RELIABILITY))
        clean["reliability"] = data["reliability"]
    if data.get("language") is not None:
        language = data["language"]
        if not isinstance(language, str) or not (language == "" or language.isalpha() and 2 <= len(language) <= 3):
            raise ServiceError(N_("Give the language as a two-letter code, e.g. nl."), "language")
        clean["language"] = language.lower()
    for key, maximum in META_LIMITS.items():
        if data.get(key) is not None:
            if not isinstance(data[key], str) or len(data[key]) > maximum:
                raise ServiceError(N_("Keep this under %(max)s characters."), key, max=maximum)
            clean[key] = data[key].strip()
    if data.get("published_on"):
        if not isinstance(data["published_on"], str):
            raise ServiceError(N_("Write the date as YYYY, YYYY-MM or YYYY-MM-DD."), "published_on")
        parse_partial_date(data["published_on"], "published_on")
        clean["published_on"] = data["published_on"]
    return clean


def find_duplicate(actor: User, sha256: str, final_url: str | None) -> Source | None:
    """The first source of the actor's organisation with these bytes or this final URL that the actor may see.

    One the actor may not see (cited only by a restricted case, or by cases an advocate may not read) is
    never answered: saying it exists, let alone its title or reliability note, would leak it. The actor
    gets a source of their own instead. Nor is one whose text names people the actor may not see (an
    advocate, a caseworker not assigned to its case): sending its exact words and being answered with
    it would confirm every hidden name they guessed (unless they stored it themselves).
    """
    conditions = [Source.sha256 == sha256]
    if final_url:
        conditions.append(Source.final_url == final_url)
    candidates = db.session.scalars(select(Source).where(Source.organisation_id == actor.organisation_id,
                                                         or_(*conditions)).order_by(Source.id))
    return next((source for source in candidates
                 if permissions.can_view_source(actor, source, citations(source))
                 # a photo they could not look at is no answer to sending it: they get one of their own
                 and (source.media is None or permissions.can_view_media(actor, source, citations(source)))
                 and (source.created_by_id == actor.id  # their own words: nothing to learn
                      or not disclosure.names_hidden_people(source.current_text.text))), None)


def _store(actor: User, origin: str, data: bytes, found: extraction.Extracted, meta: dict[str, Any],
           **details: Any) -> Added:
    digest = snapshot_store().put(data)
    existing = find_duplicate(actor, digest, details.get("final_url"))
    if existing is not None:
        return Added(existing, created=False)
    described = {"title": found.title, "author": found.author, "publisher": found.publisher,
                 "published_on": found.published_on, "language": extraction.detect_language(found.text)}
    described.update({k: v for k, v in clean_metadata(meta).items() if v not in (None, "")})
    source = Source(organisation_id=actor.organisation_id, origin=origin, sha256=digest, size=len(data),
                    content_type=found.content_type, created_by_id=actor.id, **described, **details)
    source.title = (source.title or "")[:500]
    db.session.add(source)
    db.session.flush()
    db.session.add(SourceText(source_id=source.id, revision=1, text=found.text, text_sha256=text_sha256(found.text),
                              reason="extracted", created_by_id=actor.id))
    record("source.create", source, actor, created_fields({
        "origin": origin, "title": source.title, "url": source.url, "sha256": digest, "kind": source.kind}))
    return Added(source, created=True)


def _require_adder(actor: User) -> None:
    if not permissions.can_add_sources(actor):
        raise PermissionError("add source")
    # Each source is kept for good, snapshot and text: a bound on how many one person adds bounds the disk
    # they can fill. Counted from the sources themselves, in the request's own transaction.
    if current_app.config.get("RATELIMIT_ENABLED", True):
        limit = current_app.config["SOURCE_ADDS_PER_USER"]
        window = limits.parse(limit)
        since = utcnow() - timedelta(seconds=window.get_expiry())
        added = db.session.scalar(select(func.count(Source.id)).where(Source.created_by_id == actor.id,
                                                                     Source.created_at > since))
        if added >= window.amount:
            raise TooMany(N_("You have added as many sources as one person may (%(limit)s); wait a while and try "
                             "again."), "url", limit=limit)


def _limits(seconds_setting: str) -> sandbox.Limits:
    config = current_app.config
    return sandbox.Limits(config[seconds_setting], config["SOURCE_READ_MEMORY_MB"])


def fetch_page(url: Any) -> Fetched:
    """Fetch url in a child process that SOURCE_FETCH_SECONDS and SOURCE_READ_MEMORY_MB stop."""
    seconds = current_app.config["SOURCE_FETCH_SECONDS"]
    allowed = AllowedHosts.parse(current_app.config.get("SOURCE_FETCH_ALLOWED_HOSTS"))
    try:
        # The fetcher watches the same deadline between reads and says so itself; the child is killed
        # a moment later whatever it is doing (a server that drips one byte at a time, a stalled header).
        return sandbox.run(fetch, url if isinstance(url, str) else "", allowed, MAX_BYTES, seconds,
                           limits=sandbox.Limits(seconds + 2, current_app.config["SOURCE_READ_MEMORY_MB"]),
                           returns=Fetched)
    except sandbox.Full:
        raise Busy(N_("caseapp is fetching or reading other sources just now; try again in a minute."),
                   "url") from None
    except sandbox.TimedOut:
        raise FetchRefused(N_("The page took longer than %(seconds)s seconds to arrive; nothing was stored."),
                           "url", seconds=f"{seconds:g}") from None
    except (sandbox.OutOfMemory, sandbox.Crashed):
        raise FetchRefused(N_("The page could not be fetched; nothing was stored."), "url") from None


def read_document(data: bytes, field: str = "file") -> extraction.Extracted:
    """The text and metadata of a document, read in a child process that hard limits stop.

    SOURCE_EXTRACT_SECONDS and SOURCE_READ_MEMORY_MB bound it: a crafted PDF or deeply nested HTML is
    refused with a clear message instead of holding the server.
    """
    limits = _limits("SOURCE_EXTRACT_SECONDS")
    try:
        return sandbox.run(extraction.extract, data, limits=limits, returns=extraction.Extracted)
    except sandbox.Full:
        raise Busy(N_("caseapp is fetching or reading other sources just now; try again in a minute."),
                   field) from None
    except sandbox.TimedOut:
        raise ServiceError(N_("Reading this document took longer than %(seconds)s seconds, so it was stopped; "
                              "nothing was stored. If it is genuine, paste its text instead."), field,
                           seconds=f"{limits.seconds:g}") from None
    except sandbox.OutOfMemory:
        raise ServiceError(N_("Reading this document needed more than %(size)s MB of memory, so it was stopped; "
                              "nothing was stored. If it is genuine, paste its text instead."), field,
                           size=limits.memory_mb) from None
    except sandbox.Crashed:
        # A C library that runs out of memory aborts rather than failing politely: say what it may mean.
        raise ServiceError(N_("This document could not be read: the reader stopped (it may need more than "
                              "%(size)s MB of memory); nothing was stored."), field, size=limits.memory_mb) from None


def add_from_url(url: Any, meta: dict[str, Any], actor: User) -> Added:
    _require_adder(actor)
    fetched = fetch_page(url)
    found = read_document(fetched.content, "url")  # what it is comes from the bytes, not the server's word
    headers = {k: v for k, v in fetched.headers.items() if k.lower() in SAFE_HEADERS}
    return _store(actor, "url", fetched.content, found, meta, url=fetched.url, final_url=fetched.final_url,
                  http_status=fetched.status, http_headers=headers, retrieved_at=fetched.retrieved_at)


def add_from_upload(data: bytes, filename: str, meta: dict[str, Any], actor: User) -> Added:
    _require_adder(actor)
    if not data:
        raise ServiceError(N_("The file is empty."), "file")
    if len(data) > MAX_UPLOAD:
        raise ServiceError(N_("The file is larger than %(size)s MB."), "file", size=MAX_UPLOAD // (1024 * 1024))
    found = read_document(data)  # the type comes from the content, never from the name
    return _store(actor, "upload", data, found, meta, filename=_safe_name(filename))


def add_file(stream: BinaryIO, filename: str, meta: dict[str, Any], actor: User) -> Added:
    """An uploaded file, whatever it is: a photo or recording (add_media) or a document (add_from_upload).

    What it is comes from its first bytes, never from its name.
    """
    head = stream.read(64)
    stream.seek(0)
    if media.sniff(head) is not None:
        return add_media(stream, filename, meta, actor)
    if transcripts.looks_like_transcript(head):
        raise ServiceError(N_("This is a transcript: add it on its recording's page (“Transcript”), where each "
                              "line keeps its time; nothing was stored."), "file")
    # A document is bounded as any other request is (MAX_CONTENT_LENGTH), though this address takes more for media
    limit = min(MAX_UPLOAD, current_app.config.get("MAX_CONTENT_LENGTH") or MAX_UPLOAD)
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(N_("The file is too large: caseapp takes documents of up to %(size)s."), "file",
                           size=readable_size(limit))
    return add_from_upload(data, filename, meta, actor)


def derived_store() -> SnapshotStore:
    """Images the app made from a source (previews, thumbnails): kept apart from the snapshots received."""
    return SnapshotStore(Path(current_app.config["SOURCE_STORE_PATH"]) / "derived")


def add_media(stream: BinaryIO, filename: str, meta: dict[str, Any], actor: User) -> Added:
    """Keep a photo, scan or recording as a source: its exact bytes by SHA-256, what it says of itself, previews.

    The file is copied to disk as it arrives (up to MEDIA_MAX_BYTES), never held in memory; it is read
    (decoded, measured, previewed) in a child process that MEDIA_READ_SECONDS and SOURCE_READ_MEMORY_MB
    stop, and kept only when that succeeds and its record is written: a refused upload leaves nothing.
    A source starts without text: nothing in a picture or a recording can be quoted until its text is added.
    """
    _require_adder(actor)
    described = {"title": _safe_name(filename), "language": ""}
    described.update({k: v for k, v in clean_metadata(meta).items() if v not in (None, "")})  # refused before reading
    store = snapshot_store()
    limit = current_app.config["MEDIA_MAX_BYTES"]
    try:
        staged = store.stage(stream, limit)
    except TooLarge:
        raise FileTooLarge(N_("The file is larger than %(size)s MB."), "file", size=limit // (1024 * 1024)) from None
    try:
        if staged.size == 0:
            raise ServiceError(N_("The file is empty."), "file")
        kind = media.sniff(staged.head())
        if kind is None:
            raise ServiceError(N_("caseapp keeps photos and scans (JPEG, PNG, WebP, TIFF, HEIC) and recordings (MP3, "
                                  "M4A, Ogg, WAV, MP4, WebM); this file is none of them."), "file")
        existing = find_duplicate(actor, staged.digest, None)
        if existing is not None:
            return Added(existing, created=False)
        probed = _probe(staged, kind, actor)
        described.setdefault("kind", "photo" if probed.kind == media.IMAGE else "recording")
        source = Source(organisation_id=actor.organisation_id, origin="upload", sha256=staged.digest,
                        size=staged.size, content_type=probed.mime, filename=_safe_name(filename),
                        created_by_id=actor.id, **described)
        db.session.add(source)
        db.session.flush()
        derived = derived_store()
        db.session.add(SourceText(source_id=source.id, revision=1, text="", text_sha256=text_sha256(""),
                                  reason="media: no text yet", created_by_id=actor.id))
        db.session.add(SourceMedia(
            source_id=source.id, kind=probed.kind, width=probed.width, height=probed.height,
            duration=probed.duration, pages=probed.pages, details=probed.details, preview_type=probed.preview_type,
            preview_sha256=derived.put(probed.preview) if probed.preview else None,
            thumbnail_sha256=derived.put(probed.thumbnail) if probed.thumbnail else None))
        db.session.flush()  # the rows hold (a value the database refuses fails here, before the file is kept)
        store.adopt(staged)
    finally:
        staged.discard()
    record("source.create", source, actor, created_fields({
        "origin": "upload", "title": source.title, "sha256": source.sha256, "kind": source.kind,
        "content_type": source.content_type}))
    return Added(source, created=True)


# Whose photo or recording this process is reading now: one at a time per person, so that one person
# sending slow files keeps the others' uploads waiting no longer than one read.
_reading: set[int] = set()
_reading_lock = threading.Lock()


def _probe(staged: Staged, kind: media.MediaType, actor: User) -> media.Probed:
    config = current_app.config
    limits = sandbox.Limits(config["MEDIA_READ_SECONDS"], config["SOURCE_READ_MEMORY_MB"])
    with _reading_lock:
        if actor.id in _reading:
            raise Busy(N_("caseapp is still reading a file you sent; try again when it is done."), "file")
        _reading.add(actor.id)
    try:
        return sandbox.run(media.probe, str(staged.path), kind.mime, config["MEDIA_MAX_PIXELS"], limits=limits,
                           returns=media.Probed, pool="media")
    except sandbox.Full:
        raise Busy(N_("caseapp is fetching or reading other sources just now; try again in a minute."),
                   "file") from None
    except sandbox.TimedOut:
        raise ServiceError(N_("Reading this file took longer than %(seconds)s seconds, so it was stopped; nothing "
                              "was stored."), "file", seconds=f"{limits.seconds:g}") from None
    except (sandbox.OutOfMemory, sandbox.Crashed):
        raise ServiceError(N_("Reading this file needed more than %(size)s MB of memory or stopped the reader; "
                              "nothing was stored."), "file", size=limits.memory_mb) from None
    finally:
        with _reading_lock:
            _reading.discard(actor.id)


def record_media_view(source: Source, which: str, actor: User) -> None:
    """Put on the record that `actor` saw or heard a photo or recording (its file or its preview)."""
    record("source.media_view", source, actor, {"which": {"old": None, "new": which}})


# The ending a downloaded original gets, from what its bytes are.
_ENDINGS = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "image/tiff": ".tiff",
            "image/heic": ".heic", "audio/mpeg": ".mp3", "audio/wav": ".wav", "audio/ogg": ".ogg", "audio/mp4": ".m4a",
            "video/mp4": ".mp4", "video/webm": ".webm"}


def download_name(source: Source) -> str:
    stem = Path(source.filename).stem if source.filename else ""
    stem = "".join(ch for ch in stem if ch.isalnum() or ch in " -_()")[:100].strip() or f"source-{source.id}"
    return stem + _ENDINGS.get(source.content_type, ".bin")


def _safe_name(filename: str) -> str:
    name = Path((filename or "").replace("\\", "/")).name
    return "".join(ch for ch in name if ch.isprintable())[:255]


def add_from_paste(text: Any, meta: dict[str, Any], url: Any, actor: User) -> Added:
    _require_adder(actor)
    if not isinstance(text, str) or not text.strip():
        raise ServiceError(N_("Paste the text of the article."), "text")
    if url not in (None, "") and (not isinstance(url, str) or len(url) > URL_MAX
                                  or not url.startswith(("http://", "https://"))):
        raise ServiceError(N_("The address must start with http:// or https://."), "url")
    data = text.encode("utf-8")
    if len(data) > MAX_UPLOAD:
        raise ServiceError(N_("The file is larger than %(size)s MB."), "text", size=MAX_UPLOAD // (1024 * 1024))
    found = extraction.Extracted(extraction.TEXT, text.replace("\r\n", "\n").strip())
    return _store(actor, "paste", data, found, meta, url=url or None)


def all_citing_cases(source: Source) -> list[Case]:
    return list(db.session.scalars(select(Case).join(CaseSource, CaseSource.case_id == Case.id)
                                   .where(CaseSource.source_id == source.id, Case.deleted_at.is_(None))))


def citations(source: Source) -> list[Case]:
    """Every case citing the source, deleted ones too: what its permissions are decided on."""
    return list(db.session.scalars(select(Case).join(CaseSource, CaseSource.case_id == Case.id)
                                   .where(CaseSource.source_id == source.id)))


def may_change(user: User, source: Source) -> bool:
    return permissions.can_change_source(user, source, citations(source))


def _record_in_citing_cases(action: str, source: Source, actor: User, changes: dict) -> None:
    """A change of a source is part of the history of every case that cites it."""
    for case in all_citing_cases(source):
        record(action, source, actor, changes, case_id=case.id)


def update_metadata(source: Source, data: dict[str, Any], actor: User) -> Source:
    """Correct what describes a source (kind, language, reliability, title...); never its snapshot or text."""
    if not may_change(actor, source):
        raise PermissionError("change source")
    keys = ("kind", "language", "reliability", "reliability_note", "title", "publisher", "author", "published_on")
    before = {key: getattr(source, key) for key in keys}
    for key, value in clean_metadata(data).items():
        setattr(source, key, value)
    changes = field_changes(before, {key: getattr(source, key) for key in keys})
    if changes:
        record("source.update", source, actor, changes)
        _record_in_citing_cases("source.update", source, actor, changes)
    return source


def revise_text(source: Source, text: Any, reason: Any, actor: User) -> SourceText:
    """A corrected text as a new revision; earlier revisions, and the quotes made on them, stay."""
    if not may_change(actor, source):
        raise PermissionError("change source")
    if not isinstance(text, str) or not text.strip():
        raise ServiceError(N_("Give the corrected text."), "text")
    if not isinstance(reason, str) or not reason.strip():
        raise ServiceError(N_("Say why the text is corrected."), "reason")
    text = text.replace("\r\n", "\n")
    if text == source.current_text.text:
        raise ServiceError(N_("The text is the same as the current revision."), "text")
    revision = SourceText(source_id=source.id, revision=source.current_text.revision + 1, text=text,
                          text_sha256=text_sha256(text), reason=reason.strip()[:2000], created_by_id=actor.id)
    db.session.add(revision)
    db.session.flush()
    changes = {"revision": {"old": revision.revision - 1, "new": revision.revision},
               "reason": {"old": None, "new": revision.reason}}
    record("source.revise", source, actor, changes)
    _record_in_citing_cases("source.revise", source, actor, changes)
    db.session.refresh(source)
    return revision


def add_transcript(source: Source, raw: Any, reason: Any, actor: User) -> SourceText:
    """A recording's transcript (WebVTT or SRT) as a new text revision that keeps each line's time range.

    Quotes made on it cite the part of the recording they come from (transcripts.time_range); the ILO
    suggestions read it like any other text.
    """
    if source.media is None or source.media.kind not in (media.AUDIO, media.VIDEO):
        raise ServiceError(N_("Only a recording has a transcript."), "transcript")
    cues = transcripts.parse(raw)
    length = source.media.duration
    late = next((cue for cue in cues if length is not None and cue.end_ms > length * 1000 + 1000), None)
    if late is not None:
        raise ServiceError(N_("Line %(line)s: the recording is only %(length)s long."), "transcript", line=late.line,
                           length=transcripts.clock(int(length * 1000)))
    text, segments = transcripts.as_text(cues)
    reason = reason.strip() if isinstance(reason, str) and reason.strip() else "transcript imported"
    revision = revise_text(source, text, reason, actor)
    revision.segments = segments
    return revision


def text_revision(source: Source, revision: int | None) -> SourceText:
    if revision is None:
        return source.current_text
    for text in source.texts:
        if text.revision == revision:
            return text
    raise ServiceError(N_("This source has no revision %(revision)s."), "revision", revision=revision)


def visible_sources(user: User):
    """Sources cited by a case the user may see; caseworkers also those no case cites yet or that they
    added; coordinators and admins all. A source cited only by a restricted case stays out of sight."""
    return select(Source).where(Source.organisation_id == user.organisation_id, sees_source(user, Source.id))


def sees_source(user: User, source_id):
    """The condition that the user may see the source whose id is in this column (of their organisation: the
    caller checks that), asked of one row at a time: visible_sources' rule."""
    if user.role in ("coordinator", "admin"):
        return true()
    link, case = aliased(CaseSource), aliased(Case)
    cited_visible = exists().where(link.source_id == source_id, case.id == link.case_id, sees_case(user, case))
    if not permissions.can_see_all_sources(user):
        return cited_visible
    mine = aliased(Source)
    return or_(cited_visible, ~exists().where(aliased(CaseSource).source_id == source_id),
               exists().where(mine.id == source_id, mine.created_by_id == user.id))


def link_case(case: Case, source: Source, actor: User) -> CaseSource:
    """Cite the source in the case (once); the caller has checked the user may edit the case."""
    if not case_permissions.can_edit_case(actor, case):
        raise PermissionError("edit case")
    if source.organisation_id != case.organisation_id:
        raise ServiceError(N_("There is no such source in your organisation."), "source_id")
    link = db.session.scalar(select(CaseSource).where(CaseSource.case_id == case.id,
                                                      CaseSource.source_id == source.id))
    if link is None and source.media is not None and not permissions.can_view_media(actor, source, citations(source)):
        # Being assigned a case that cites a photo opens it: citing it in a case of one's own must not.
        raise Forbidden(N_("This photo or recording is shown only to those with need-to-know for the cases citing "
                           "it, so you cannot cite or quote it; a coordinator can."), "source_id")
    if link is None:
        link = CaseSource(case_id=case.id, source_id=source.id)
        db.session.add(link)
        db.session.flush()
        record("case_source.create", link, actor, {"source": {"old": None, "new": source.title or source.url}},
               organisation_id=case.organisation_id)
        reopen_if_verified(case, actor)
    return link


def sources_of_case(case: Case) -> list[Source]:
    return list(db.session.scalars(select(Source).join(CaseSource, CaseSource.source_id == Source.id)
                                   .where(CaseSource.case_id == case.id).order_by(CaseSource.id)))


def cases_citing(source: Source, user: User) -> list[Case]:
    visible = visible_cases(user).subquery()
    return list(db.session.scalars(select(Case).join(CaseSource, CaseSource.case_id == Case.id)
                                   .where(CaseSource.source_id == source.id, Case.id.in_(select(visible.c.id)))
                                   .order_by(Case.id)))


@dataclass(frozen=True)
class IntegrityProblem:
    source_id: int
    what: str  # "snapshot missing", "snapshot changed", "text changed (revision N)"


def verify_sources(organisation_id: int | None = None) -> tuple[int, list[IntegrityProblem]]:
    """Recompute every hash; return how many sources were checked and what no longer matches."""
    store = snapshot_store()
    stmt = select(Source).order_by(Source.id)
    if organisation_id is not None:
        stmt = stmt.where(Source.organisation_id == organisation_id)
    problems, count = [], 0
    for source in db.session.scalars(stmt):
        count += 1
        if not store.exists(source.sha256):
            problems.append(IntegrityProblem(source.id, "snapshot missing"))
        elif store.sha256_of(source.sha256) != source.sha256:
            problems.append(IntegrityProblem(source.id, "snapshot changed"))
        for text in source.texts:
            if text_sha256(text.text) != text.text_sha256:
                problems.append(IntegrityProblem(source.id, f"text changed (revision {text.revision})"))
    return count, problems
