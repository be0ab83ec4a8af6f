"""The app's key ring: read once from the setting, or from instance/ and re-read when it changes there."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from flask import Flask, current_app

from caseapp.protection.keys import KeyRing, format_ring, parse_ring

EXTENSION = "caseapp.keyring"
# How often a running app looks whether `flask keys rotate --new-key` wrote a new ring.
RECHECK_SECONDS = 2.0


class RingHolder:
    """The ring of one app. With keys from instance/, a new current key reaches running workers within seconds."""

    def __init__(self, text: str, path: Path | None) -> None:
        self._ring = parse_ring(text)
        self._path = path
        self._mtime = path.stat().st_mtime_ns if path is not None and path.exists() else None
        self._checked = time.monotonic()
        self._lock = threading.Lock()

    @property
    def ring(self) -> KeyRing:
        if self._path is not None and time.monotonic() - self._checked > RECHECK_SECONDS:
            self.reload()
        return self._ring

    def reload(self, force: bool = False) -> None:
        if self._path is None:
            return
        with self._lock:
            self._checked = time.monotonic()
            try:
                mtime = self._path.stat().st_mtime_ns
            except FileNotFoundError:
                return
            if force or mtime != self._mtime:
                self._ring = parse_ring(self._path.read_text())
                self._mtime = mtime


def init_app(app: Flask) -> None:
    source = app.config.get("ENCRYPTION_KEYS_SOURCE", "environment")
    path = Path(app.config["ENCRYPTION_KEYS_PATH"]) if source == "instance" else None
    app.extensions[EXTENSION] = RingHolder(app.config["ENCRYPTION_KEYS"], path)


def holder() -> RingHolder:
    return current_app.extensions[EXTENSION]


def current_ring() -> KeyRing:
    return holder().ring


def ring_knowing(key_id: str) -> KeyRing:
    """The ring, re-read first if it lacks `key_id` (another process may have just added that key)."""
    ring = current_ring()
    if key_id and ring.key(key_id) is None:
        holder().reload(force=True)
        ring = current_ring()
    return ring


def write_instance_ring(path: Path, ring: KeyRing) -> None:
    """Replace the ring file at once (never half-written), readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.new")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(format_ring(ring) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
