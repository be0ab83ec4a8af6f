"""What is inside a backup: a tar stream of the manifest, the keys, the database dump and the files. Plain Python.

Members, in this order: `manifest.json`; `keys.json` unless the backup was made without
keys; `database/<name>`; then `sources/...` and `reports/...`. The manifest lists the
SHA-256 and size of every other member, so a reader knows before extracting anything
what it will get, and checks each member against it as it goes.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from caseapp.backup.crypto import BackupError, Damaged, DecryptingReader, EncryptingWriter, Header

MANIFEST = "manifest.json"
KEYS = "keys.json"
FORMAT = "caseapp-backup"
MANIFEST_VERSION = 1
# Which files of each store belong in a backup: snapshots by their hash, kept dossiers by their random name.
FILE_AREAS = {
    "sources": re.compile(r"[0-9a-f]{2}/[0-9a-f]{64}"),
    "reports": re.compile(r"[0-9a-f]{32}\.(pdf|manifest\.json)"),
}
_DATABASE_NAME = re.compile(r"database/[a-z0-9_.-]{1,64}")
_MAX_JSON = 64 * 1024 * 1024
_BLOCK = 1 << 20


@dataclass
class Contents:
    """What goes into a backup: the manifest so far, the dump, the stores' roots and the keys (or None)."""

    manifest: dict[str, Any]
    database: Path
    database_name: str
    roots: dict[str, Path] = field(default_factory=dict)
    keys: dict[str, Any] | None = None


@dataclass(frozen=True)
class Written:
    path: Path
    size: int
    files: int


@dataclass(frozen=True)
class Read:
    manifest: dict[str, Any]
    keys: dict[str, Any] | None
    database: Path


def file_sha256(path: Path) -> tuple[str, int]:
    hasher, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(_BLOCK), b""):
            hasher.update(block)
            size += len(block)
    return hasher.hexdigest(), size


def area_files(area: str, root: Path) -> Iterator[tuple[str, Path]]:
    """The files of a store that belong in a backup, as (member name, path), sorted; others are left out."""
    if not root.is_dir():
        return
    pattern = FILE_AREAS[area]
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if pattern.fullmatch(relative) and path.is_file() and not path.is_symlink():
            yield f"{area}/{relative}", path


def write(target: Path, passphrase: str, contents: Contents, *, force: bool = False,
          header: Header | None = None) -> Written:
    """Write the encrypted backup to `target`, through a temporary file beside it that replaces it at the end."""
    target = Path(target)
    if target.exists() and not force:
        raise BackupError(f"{target} exists already (use --force to replace it).")
    members = _plan(contents)
    now = time.time()
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as sink:
            writer = EncryptingWriter(sink, passphrase, header)
            with tarfile.open(fileobj=writer, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                for name, source in members:
                    _add(tar, name, source, now)
            writer.close()
            sink.flush()
            os.fsync(sink.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Written(target, target.stat().st_size, len(contents.manifest["files"]))


def _plan(contents: Contents) -> list[tuple[str, bytes | Path]]:
    """Hash everything first, so that the manifest (the first member) can list it all."""
    manifest = contents.manifest
    database_member = f"database/{contents.database_name}"
    digest, size = file_sha256(contents.database)
    manifest["database"] = {"member": database_member, "sha256": digest, "size": size}
    files: list[tuple[str, Path]] = []
    manifest["files"] = {}
    for area, root in sorted(contents.roots.items()):
        for name, path in area_files(area, Path(root)):
            digest, size = file_sha256(path)
            manifest["files"][name] = {"sha256": digest, "size": size}
            files.append((name, path))
    manifest["keys_included"] = contents.keys is not None
    members: list[tuple[str, bytes | Path]] = [(MANIFEST, _json_bytes(manifest))]
    if contents.keys is not None:
        members.append((KEYS, _json_bytes(contents.keys)))
    members.append((database_member, contents.database))
    return members + files


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False).encode("utf-8")


def _add(tar: tarfile.TarFile, name: str, source: bytes | Path, mtime: float) -> None:
    info = tarfile.TarInfo(name)
    info.mode, info.mtime, info.uid, info.gid = 0o600, int(mtime), 0, 0
    if isinstance(source, bytes):
        info.size = len(source)
        tar.addfile(info, _BytesReader(source))
        return
    with source.open("rb") as handle:
        info.size = os.fstat(handle.fileno()).st_size
        tar.addfile(info, handle)


class _BytesReader:
    def __init__(self, data: bytes) -> None:
        self._data, self._offset = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._data) if size < 0 else self._offset + size
        chunk = self._data[self._offset:end]
        self._offset += len(chunk)
        return chunk


Check = Callable[[dict[str, Any], dict[str, Any] | None], None]


def read(source: Path, passphrase: str, targets: dict[str, Path], check: Check | None = None) -> Read:
    """Decrypt and unpack a backup into `targets` (one empty folder per area: database, sources, reports).

    Every member is checked against the manifest as it is written; `check(manifest, keys)` runs
    before the database or any file is unpacked and may raise to stop. Anything wrong raises
    BackupError; the caller then throws the targets away.
    """
    with Path(source).open("rb") as handle:
        reader = DecryptingReader(handle, passphrase)
        try:
            with tarfile.open(fileobj=reader, mode="r|") as tar:
                result = _unpack(tar, targets, check)
        except tarfile.TarError as error:
            raise Damaged(f"The backup's contents cannot be read ({error}).") from None
        reader.finish()
    return result


def _unpack(tar: tarfile.TarFile, targets: dict[str, Path], check: Check | None) -> Read:
    members = iter(tar)
    manifest = _read_json(tar, next(members, None), MANIFEST)
    if manifest.get("format") != FORMAT:
        raise Damaged("The backup holds no caseapp manifest.")
    if manifest.get("format_version") != MANIFEST_VERSION:
        raise Damaged(f"The backup's manifest has version {manifest.get('format_version')}; this caseapp reads "
                      f"version {MANIFEST_VERSION}.")
    keys = _read_json(tar, next(members, None), KEYS) if manifest.get("keys_included") else None
    if check is not None:
        check(manifest, keys)
    expected = {manifest["database"]["member"]: manifest["database"], **manifest["files"]}
    database = None
    for member in members:
        path = _target_path(member, expected, targets)
        _extract(tar, member, path, expected.pop(member.name))
        if member.name == manifest["database"]["member"]:
            database = path
    if expected:
        raise Damaged(f"The backup is incomplete: {len(expected)} file(s) listed in its manifest are missing.")
    return Read(manifest, keys, database)


def _read_json(tar: tarfile.TarFile, member: tarfile.TarInfo | None, name: str) -> dict[str, Any]:
    if member is None or member.name != name or not member.isfile() or member.size > _MAX_JSON:
        raise Damaged(f"The backup does not start with its {name}.")
    try:
        value = json.loads(tar.extractfile(member).read().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise Damaged(f"The backup's {name} is not readable.") from None
    if not isinstance(value, dict):
        raise Damaged(f"The backup's {name} is not readable.")
    return value


def _target_path(member: tarfile.TarInfo, expected: dict[str, Any], targets: dict[str, Path]) -> Path:
    """Where a member goes; only regular files the manifest lists, under names of the known shapes."""
    area, _, relative = member.name.partition("/")
    known = _DATABASE_NAME.fullmatch(member.name) if area == "database" else (
        area in FILE_AREAS and FILE_AREAS[area].fullmatch(relative))
    if not member.isfile() or member.name not in expected or not known or area not in targets:
        raise Damaged(f"The backup holds an unexpected member ({member.name!r}).")
    return Path(targets[area]) / relative


def _extract(tar: tarfile.TarFile, member: tarfile.TarInfo, path: Path, listed: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    hasher, size = hashlib.sha256(), 0
    stream = tar.extractfile(member)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        for block in iter(lambda: stream.read(_BLOCK), b""):
            hasher.update(block)
            size += len(block)
            handle.write(block)
    if hasher.hexdigest() != listed["sha256"] or size != listed["size"]:
        raise Damaged(f"{member.name} in the backup does not match its manifest.")
