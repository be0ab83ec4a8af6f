"""simplemma's dictionaries, held in a twelfth of the memory. Plain Python.

simplemma keeps each language's dictionary as a Python dict of byte strings: about 160 bytes an entry,
so Polish (3.7 million word forms) takes 600 MB and the nine languages the engine reads 1.1 GB, in every
process that analyses sources in all of them. Its own cache also keeps only eight languages, so a server
reading the nine in turn loaded one again (up to two seconds) on nearly every text.

Here each dictionary is a file of a sorted array of 64-bit hashes of the word forms (looked up by a binary
search that runs in C), an array of lemma numbers beside it, and the distinct lemmas in one byte string:
12 bytes an entry and the lemmas once, 56 MB for Polish. The file is mapped into memory, not read, so every
worker process of the server shares the same pages. It is built once per machine and simplemma release, by
a short-lived child process (which pays the full dictionary's memory and exits), into `lemma_cache()`
(CASEAPP_LEMMA_CACHE, else the user's cache folder); `python -m caseapp.ilo.lemmas` builds the nine
languages ahead (`make install` does). The lookups give exactly what simplemma's dictionary gives: a hash
is compared in full, and a build whose hashes collide is refused (the full dictionary is then used, as
before).
"""
from __future__ import annotations

import fcntl
import hashlib
import logging
import mmap
import os
import struct
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from array import array
from bisect import bisect_left
from pathlib import Path

log = logging.getLogger(__name__)

_MAGIC = b"CALM2"
_HEADER = struct.Struct("<5sIII16s")  # magic, entries, lemmas, bytes of the lemmas, BLAKE2b-128 of the rest
BUILD_SECONDS = 300  # a build takes a few seconds (Polish about five): beyond this something is wrong


def word_hash(word: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(word, digest_size=8).digest(), "little")


class CompactDictionary:
    """One language's word forms -> lemmas, read by `get` as simplemma's strategies read a dictionary."""

    __slots__ = ("_hashes", "_lemma_of", "_offsets", "_lemmas", "_size")

    def __init__(self, hashes, lemma_of, offsets, lemmas) -> None:  # arrays or memoryviews cast to them
        self._hashes, self._lemma_of, self._offsets, self._lemmas = hashes, lemma_of, offsets, lemmas
        self._size = len(hashes)

    def get(self, word: str, default: str | None = None) -> str | None:
        wanted = word_hash(word.encode())
        at = bisect_left(self._hashes, wanted)
        if at == self._size or self._hashes[at] != wanted:
            return default
        number = self._lemma_of[at]
        return str(self._lemmas[self._offsets[number]:self._offsets[number + 1]], "utf-8")

    def __getitem__(self, word: str) -> str:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def __len__(self) -> int:
        return self._size


def serialise(entries: dict[bytes, bytes]) -> bytes:
    """A dictionary as the child process hands it over. Raises ValueError when two word forms share a hash."""
    numbers: dict[bytes, int] = {}
    pairs = sorted((word_hash(word), numbers.setdefault(lemma, len(numbers))) for word, lemma in entries.items())
    hashes = array("Q", [pair[0] for pair in pairs])
    if any(hashes[i] == hashes[i + 1] for i in range(len(hashes) - 1)):
        raise ValueError("two word forms share a hash")
    lemma_of = array("I", [pair[1] for pair in pairs])
    del pairs
    lemmas = list(numbers)  # in the order of their numbers (dicts keep insertion order)
    offsets = array("I", [0])
    for lemma in lemmas:
        offsets.append(offsets[-1] + len(lemma))
    blob = b"".join(lemmas)
    body = hashes.tobytes() + lemma_of.tobytes() + offsets.tobytes() + blob
    return _HEADER.pack(_MAGIC, len(hashes), len(lemmas), len(blob), _checksum(body)) + body


def _checksum(body) -> bytes:
    return hashlib.blake2b(body, digest_size=16).digest()


class Dictionaries:
    """simplemma's dictionary factory (a protocol: get_dictionary), handing out the compact dictionaries, each
    kept once mapped: simplemma's own cache holds eight languages, so nine read in turn reloaded one on
    nearly every text."""

    def __init__(self) -> None:
        self._loaded: dict[str, object] = {}
        self._lock = threading.Lock()  # a worker's threads load each language once, one at a time

    def get_dictionary(self, lang: str):
        dictionary = self._loaded.get(lang)
        if dictionary is not None:
            return dictionary
        with self._lock:
            if lang not in self._loaded:
                try:
                    self._loaded[lang] = load(lang)
                except Exception as error:  # noqa: BLE001 - whatever went wrong, the text must still be read
                    # Still exact, at the full dictionary's memory.
                    log.warning("compact %s lemma dictionary not usable (%s): using simplemma's own", lang, error)
                    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

                    self._loaded[lang] = DefaultDictionaryFactory(cache_max_size=1).get_dictionary(lang)
            return self._loaded[lang]


def lemma_cache() -> Path:
    """Where the compact dictionaries are kept: CASEAPP_LEMMA_CACHE, else the user's cache folder."""
    configured = os.environ.get("CASEAPP_LEMMA_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "caseapp" / f"lemmas-{_simplemma_version()}"


def _simplemma_version() -> str:
    from importlib.metadata import version

    return version("simplemma")


def deserialise(data) -> CompactDictionary:
    """A dictionary from its bytes (or a memory map of its file: then nothing is copied). A file that is not
    whole, was changed, or whose numbers point outside it is refused (ValueError), never read wrong."""
    if len(data) < _HEADER.size:
        raise ValueError("not a compact lemma dictionary")
    magic, entries, lemma_count, blob_size, checksum = _HEADER.unpack_from(data)
    if magic != _MAGIC:
        raise ValueError("not a compact lemma dictionary")
    sizes = (entries * 8, entries * 4, (lemma_count + 1) * 4)
    if len(data) != _HEADER.size + sum(sizes) + blob_size:
        raise ValueError("a compact lemma dictionary of the wrong length")
    view = memoryview(data)
    if _checksum(view[_HEADER.size:]) != checksum:
        raise ValueError("a compact lemma dictionary that was changed or damaged")
    at = _HEADER.size
    parts = []
    for code, size in zip(("Q", "I", "I"), sizes, strict=True):
        parts.append(view[at:at + size].cast(code))
        at += size
    hashes, lemma_of, offsets = parts
    if entries and max(lemma_of) >= lemma_count or offsets[0] != 0 or offsets[-1] != blob_size:
        raise ValueError("a compact lemma dictionary whose numbers point outside it")
    return CompactDictionary(hashes, lemma_of, offsets, view[at:])


def load(language: str) -> CompactDictionary:
    """The language's compact dictionary, mapped from the cache; built there first when it is missing or
    unusable. Processes building the same language at once take turns (a lock file), so one child runs."""
    folder = _cache_folder()
    path = folder / f"{language}.lemmas"
    with _locked(folder / f".{language}.lock"):
        try:
            return _mapped(path)
        except FileNotFoundError:
            pass
        except ValueError as error:
            log.warning("rebuilding the %s lemma dictionary: %s", language, error)
        build(language, path)
        return _mapped(path)


def _mapped(path: Path) -> CompactDictionary:
    with open(path, "rb") as file:
        mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    return deserialise(mapped)


def _cache_folder() -> Path:
    """The cache folder, made private; one that others may write to, or that is not this user's, is refused:
    whoever could put a file there would choose the lemmas the engine reads."""
    folder = lemma_cache()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    status = folder.stat()
    if status.st_uid != os.getuid() or status.st_mode & 0o022:
        raise PermissionError(f"{folder} must belong to this user and be writable by nobody else")
    return folder


@contextmanager
def _locked(path: Path):
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def build(language: str, path: Path) -> None:
    """Write the language's compact dictionary to `path`, made by a child process so that the full dictionary
    never enters this one; written to a new private file beside it, flushed to disk, then renamed."""
    command = [sys.executable, "-c", "import sys; from caseapp.ilo.lemmas import _child; _child(sys.argv[1])",
               language]
    # The child finds this package where this process found it, whatever the working directory.
    package_root = str(Path(__file__).resolve().parents[2])
    search_path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
    done = subprocess.run(command, capture_output=True, timeout=BUILD_SECONDS, check=False,
                          env={**os.environ, "PYTHONPATH": search_path})
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode(errors="replace")[-500:])
    deserialise(done.stdout)  # whole and consistent before it is kept
    descriptor, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{language}.", suffix=".partial")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(done.stdout)
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, path)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)


def _child(language: str) -> None:
    from simplemma.strategies.dictionaries.dictionary_factory import _load_dictionary_from_disk

    sys.stdout.buffer.write(serialise(_load_dictionary_from_disk(language)))
    sys.stdout.buffer.flush()


def main(languages: list[str]) -> int:
    """Build the compact dictionaries that are missing (or damaged, or of an older format), side by side, so
    that no request waits for one.
    A machine where they cannot be built still works (simplemma's own dictionaries, at their memory): say
    so and go on."""
    from concurrent.futures import ThreadPoolExecutor

    from caseapp.ilo.text import LANGUAGES

    def usable(language: str) -> bool:
        try:
            _mapped(lemma_cache() / f"{language}.lemmas")
        except (OSError, ValueError):
            return False
        return True
    missing = [language for language in languages or LANGUAGES if not usable(language)]
    if not missing:
        return 0
    print(f"Building the compact lemma dictionaries ({', '.join(missing)}) in {lemma_cache()} ...", flush=True)

    def one(language: str) -> str | None:
        try:
            load(language)  # builds it, under the language's lock
        except Exception as error:  # noqa: BLE001 - said, and the engine falls back
            return f"{language}: {error}"
        return None

    with ThreadPoolExecutor(max_workers=max(1, min(3, os.cpu_count() or 1))) as pool:
        failures = [failure for failure in pool.map(one, missing) if failure]
    for failure in failures:
        print(f"warning: not built, the engine will use simplemma's own dictionary: {failure}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
