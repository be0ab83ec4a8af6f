"""The snapshot store: the exact bytes of each source, kept in files named by their SHA-256.

Content-addressed and written once: a stored snapshot is never overwritten, so
the same bytes always live at the same name, outside the web root.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from caseapp.protection.files import FILE, SNAPSHOT, private_folder


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def text_sha256(text: str) -> str:
    return sha256_hex(text.encode("utf-8"))


CHUNK = 1 << 20


class TooLarge(Exception):
    """The stream went past the size it may have."""


@dataclass(frozen=True)
class Staged:
    path: Path
    digest: str
    size: int

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)

    def head(self, size: int = 64) -> bytes:
        with self.path.open("rb") as handle:
            return handle.read(size)


class SnapshotStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, digest: str) -> Path:
        if len(digest) != 64 or any(ch not in "0123456789abcdef" for ch in digest):
            raise ValueError("not a SHA-256 hex digest")
        return self.root / digest[:2] / digest

    def put(self, data: bytes) -> str:
        """Store the bytes (once) and return their SHA-256."""
        digest = sha256_hex(data)
        path = self.path_for(digest)
        if path.exists():
            return digest
        private_folder(path.parent)
        temporary = path.with_name(f".{digest}.{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, SNAPSHOT)  # read-only, and its owner's only: a snapshot is never edited
        os.replace(temporary, path)
        return digest

    def stage(self, stream, limit: int) -> Staged:
        """Copy a stream into a private file beside the store, hashing it on the way, never whole in memory.

        Raise TooLarge past `limit` bytes (the partial file is removed). The caller keeps the staged
        file with `adopt` or drops it with `Staged.discard`.
        """
        folder = self.root / ".incoming"
        private_folder(folder)
        fd, name = tempfile.mkstemp(dir=folder)
        staged = Staged(Path(name), "", 0)
        hasher, size = hashlib.sha256(), 0
        try:
            with os.fdopen(fd, "wb") as handle:
                for block in iter(lambda: stream.read(CHUNK), b""):
                    size += len(block)
                    if size > limit:
                        raise TooLarge(size)
                    hasher.update(block)
                    handle.write(block)
        except BaseException:
            staged.discard()
            raise
        return Staged(staged.path, hasher.hexdigest(), size)

    def adopt(self, staged: Staged) -> str:
        """Keep a staged file under its SHA-256 (once: the same bytes already stored stay as they are)."""
        path = self.path_for(staged.digest)
        if path.exists():
            staged.discard()
            return staged.digest
        private_folder(path.parent)
        os.chmod(staged.path, SNAPSHOT)
        os.replace(staged.path, path)
        return staged.digest

    def get(self, digest: str) -> bytes:
        return self.path_for(digest).read_bytes()

    def exists(self, digest: str) -> bool:
        return self.path_for(digest).exists()

    def sha256_of(self, digest: str) -> str:
        """The SHA-256 of what is stored under `digest` now (they differ if it was tampered with)."""
        hasher = hashlib.sha256()
        with self.path_for(digest).open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                hasher.update(block)
        return hasher.hexdigest()
