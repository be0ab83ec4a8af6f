"""caseapp's files are its owner's alone: folders 0700, files 0600, preserved snapshots 0400. Plain Python.

The instance folder holds the SQLite database (and its WAL and shared-memory files), the keys, the
audit anchor, preserved sources, built dossiers and backups: nothing another user of the server may
read. Every process of caseapp (the app, its workers, the command line) sets its umask to 0077 first,
whatever it started with, so that whatever it creates, SQLite's own files included, is private; the
places that write a file say its mode themselves too, and what an older version left more open is
tightened at start.
"""
from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

PRIVATE_UMASK = 0o077
FOLDER, FILE, SNAPSHOT = 0o700, 0o600, 0o400  # what caseapp creates, by kind


def keep_files_private() -> None:
    """From now on, what this process creates is readable and writable by its owner only."""
    os.umask(PRIVATE_UMASK)


def private_folder(path: str | Path) -> Path:
    """The folder, made if missing, open to its owner only."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True, mode=FOLDER)
    tighten([path])
    return path


def tighten(paths: Iterable[str | Path]) -> None:
    """Take every group and other permission off these folders and files, where they exist and are ours.

    For what an older version of caseapp created before it kept its files private.
    """
    for path in map(Path, paths):
        try:
            status = path.stat()
        except FileNotFoundError:
            continue
        if status.st_uid == os.geteuid() and stat.S_IMODE(status.st_mode) & 0o077:
            os.chmod(path, stat.S_IMODE(status.st_mode) & ~0o077)


def write_private(path: str | Path, content: bytes | str) -> Path:
    """Write a file its owner alone may read (0600), replacing whatever was there, whatever its mode was.

    Written beside the target and moved into place: an existing file left readable by others (a report
    exported over last month's) is replaced by a new one, never rewritten in its open mode.
    """
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, FILE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def create_once(path: str | Path, content: str) -> str:
    """Write a private file that must be made once only (a generated key), and return what it holds.

    Several processes may start at once on a new server (gunicorn's workers) and each find the file
    missing: the first to finish writing wins, whole, and every other reads the winner's content instead
    of keeping a key of its own that no file remembers.
    """
    path = Path(path)
    private_folder(path.parent)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, FILE)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)  # fails if the file is there already: never overwritten
        except FileExistsError:
            pass
    finally:
        Path(temporary).unlink(missing_ok=True)
    return path.read_text(encoding="utf-8")
