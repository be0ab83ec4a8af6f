"""The encrypted container of a backup: a header, then AES-256-GCM chunks. Plain Python.

Layout (big-endian):

    magic "CASEAPP-BACKUP\\0\\0" (16) | format version (1) | scrypt log2 N, r, p (1 each)
    | salt (16) | chunk size (4) | key check (32)
    then chunks: ciphertext + 16-byte tag, every one but the last holding exactly `chunk size`
    bytes of plaintext.

The passphrase and salt give, through scrypt, 64 bytes: an AES-256 key and a key that
signs the header (the key check), so a wrong passphrase is told apart from a damaged
file. Chunk i is sealed with the nonce i (96 bits) and the header, i and a final-chunk
flag as associated data: reordering, removing, appending or cutting off chunks all
fail to decrypt. The salt is fresh for every backup, so a key never sees a nonce twice.
"""
from __future__ import annotations

import hashlib
import hmac
import io
import os
import struct
import unicodedata
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"CASEAPP-BACKUP\x00\x00"
FORMAT_VERSION = 1
CHUNK_SIZE = 1 << 20
TAG_SIZE = 16
_FIXED = struct.Struct(">16sBBBB16sI")
HEADER_SIZE = _FIXED.size + 32
# scrypt N = 2^17, r = 8, p = 1: 128 MiB and about half a second here (OWASP's minimum).
DEFAULT_LOG2_N = 17
# What a reader accepts from a header: enough to read any backup we write, not enough to be a memory bomb.
_LOG2_N_RANGE = range(10, 21)
_CHUNK_RANGE = range(1 << 12, (1 << 24) + 1)


class BackupError(Exception):
    """The backup cannot be read or written; the message says why, in words for the operator."""


class WrongPassphrase(BackupError):
    pass


class Damaged(BackupError):
    pass


@dataclass(frozen=True)
class Header:
    log2_n: int
    r: int
    p: int
    salt: bytes
    chunk_size: int
    version: int = FORMAT_VERSION

    def fixed_bytes(self) -> bytes:
        return _FIXED.pack(MAGIC, self.version, self.log2_n, self.r, self.p, self.salt, self.chunk_size)

    @classmethod
    def new(cls, log2_n: int = DEFAULT_LOG2_N, chunk_size: int = CHUNK_SIZE) -> Header:
        return cls(log2_n=log2_n, r=8, p=1, salt=os.urandom(16), chunk_size=chunk_size)

    @classmethod
    def parse(cls, fixed: bytes) -> Header:
        if len(fixed) < _FIXED.size or not fixed.startswith(MAGIC):
            raise Damaged("This is not a caseapp backup (its first bytes are not a backup header).")
        _, version, log2_n, r, p, salt, chunk_size = _FIXED.unpack(fixed[:_FIXED.size])
        if version != FORMAT_VERSION:
            raise Damaged(f"This backup has format version {version}; this caseapp reads version {FORMAT_VERSION}.")
        if log2_n not in _LOG2_N_RANGE or not 1 <= r <= 32 or not 1 <= p <= 16 or chunk_size not in _CHUNK_RANGE:
            raise Damaged("The backup header holds parameters this caseapp does not accept; the file is damaged.")
        return cls(log2_n=log2_n, r=r, p=p, salt=salt, chunk_size=chunk_size, version=version)


def _keys(passphrase: str, header: Header) -> tuple[bytes, bytes]:
    if not passphrase:
        raise BackupError("The passphrase is empty.")
    # NFC: the same passphrase typed on another system gives the same bytes.
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    derived = Scrypt(salt=header.salt, length=64, n=2 ** header.log2_n, r=header.r, p=header.p).derive(secret)
    return derived[:32], derived[32:]


def _key_check(check_key: bytes, fixed: bytes) -> bytes:
    return hmac.new(check_key, b"caseapp backup header\n" + fixed, hashlib.sha256).digest()


def _aad(header_bytes: bytes, index: int, final: bool) -> bytes:
    return header_bytes + struct.pack(">QB", index, 1 if final else 0)


def _nonce(index: int) -> bytes:
    return index.to_bytes(12, "big")


class EncryptingWriter(io.RawIOBase):
    """A write-only stream that encrypts into `sink`, one chunk at a time; close() seals the last chunk."""

    def __init__(self, sink: BinaryIO, passphrase: str, header: Header | None = None) -> None:
        super().__init__()
        self._sink = sink
        self._header = header or Header.new()
        key, check_key = _keys(passphrase, self._header)
        fixed = self._header.fixed_bytes()
        self._header_bytes = fixed + _key_check(check_key, fixed)
        self._aead = AESGCM(key)
        self._buffer = bytearray()
        self._index = 0
        self.written = 0  # plaintext bytes
        sink.write(self._header_bytes)

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._buffer += data
        size = self._header.chunk_size
        # Keep at least one byte back: only close() knows which chunk is the last.
        while len(self._buffer) > size:
            self._seal(bytes(self._buffer[:size]), final=False)
            del self._buffer[:size]
        self.written += len(data)
        return len(data)

    def _seal(self, plaintext: bytes, final: bool) -> None:
        aad = _aad(self._header_bytes, self._index, final)
        self._sink.write(self._aead.encrypt(_nonce(self._index), plaintext, aad))
        self._index += 1

    def close(self) -> None:
        if not self.closed:
            self._seal(bytes(self._buffer), final=True)
            self._buffer.clear()
            self._sink.flush()
        super().close()


class DecryptingReader(io.RawIOBase):
    """A read-only stream of the plaintext of `source`; every chunk is authenticated before it is given out."""

    def __init__(self, source: BinaryIO, passphrase: str) -> None:
        super().__init__()
        self._source = source
        fixed = source.read(_FIXED.size)
        self._header = Header.parse(fixed)
        check = source.read(32)
        key, check_key = _keys(passphrase, self._header)
        if len(check) != 32 or not hmac.compare_digest(_key_check(check_key, fixed), check):
            raise WrongPassphrase("Wrong passphrase (or the backup's header is damaged): nothing was read.")
        self._header_bytes = fixed + check
        self._aead = AESGCM(key)
        self._index = 0
        self._plain = b""
        self._offset = 0
        self._done = False
        self._ahead = self._read_chunk()

    def readable(self) -> bool:
        return True

    def _read_chunk(self) -> bytes:
        wanted = self._header.chunk_size + TAG_SIZE
        data = b""
        while len(data) < wanted:
            more = self._source.read(wanted - len(data))
            if not more:
                break
            data += more
        return data

    def _next_plain(self) -> None:
        sealed, self._ahead = self._ahead, self._read_chunk()
        final = not self._ahead
        if len(sealed) < TAG_SIZE:
            raise Damaged("The backup is cut short: its last part is missing.")
        try:
            self._offset = 0
            self._plain = self._aead.decrypt(_nonce(self._index), sealed, _aad(self._header_bytes, self._index, final))
        except InvalidTag:
            raise Damaged(f"The backup is damaged or was changed (part {self._index + 1} does not authenticate, "
                          "or parts are missing or out of order).") from None
        self._index += 1
        self._done = final

    def readinto(self, target) -> int:
        while self._offset >= len(self._plain):
            if self._done:
                return 0
            self._next_plain()
        size = min(len(target), len(self._plain) - self._offset)
        target[:size] = memoryview(self._plain)[self._offset:self._offset + size]
        self._offset += size
        return size

    def finish(self) -> None:
        """Read to the end, so that a missing or changed last chunk is noticed however the reader stopped."""
        while not self._done:
            self._next_plain()
