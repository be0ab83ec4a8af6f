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

import hashlib
import logging
import mmap
import os
import struct
import subprocess
import sys
from array import array
from bisect import bisect_left
from pathlib import Path

log = logging.getLogger(__name__)

_MAGIC = b"CALM1"
_HEADER = struct.Struct("<5sIII")  # magic, entries, lemmas, bytes of the lemmas
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
    return _HEADER.pack(_MAGIC, len(hashes), len(lemmas), len(blob)) + hashes.tobytes() + lemma_of.tobytes() + \
        offsets.tobytes() + blob


class Dictionaries:
    """simplemma's dictionary factory (a protocol: get_dictionary), handing out the compact dictionaries, each
    kept once mapped: simplemma's own cache holds eight languages, so nine read in turn reloaded one on
    nearly every text."""

    def __init__(self) -> None:
        self._loaded: dict[str, object] = {}

    def get_dictionary(self, lang: str):
        dictionary = self._loaded.get(lang)
        if dictionary is None:
            try:
                dictionary = load(lang)
            except (OSError, RuntimeError, ValueError, subprocess.SubprocessError) as error:
                # Still exact, at the full dictionary's memory: the engine must read the text either way.
                log.warning("compact %s lemma dictionary not built (%s): using simplemma's own", lang, error)
                from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

                dictionary = DefaultDictionaryFactory(cache_max_size=1).get_dictionary(lang)
            self._loaded[lang] = dictionary
        return dictionary


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
    """A dictionary from its bytes (or a memory map of its file: then nothing is copied)."""
    magic, entries, lemma_count, blob_size = _HEADER.unpack_from(data)
    if magic != _MAGIC:
        raise ValueError("not a compact lemma dictionary")
    view = memoryview(data)
    at = _HEADER.size
    parts = []
    for code, count in (("Q", entries), ("I", entries), ("I", lemma_count + 1)):
        size = count * 8 if code == "Q" else count * 4
        parts.append(view[at:at + size].cast(code))
        at += size
    if len(data) - at != blob_size:
        raise ValueError("a compact lemma dictionary of the wrong length")
    return CompactDictionary(parts[0], parts[1], parts[2], view[at:])


def load(language: str) -> CompactDictionary:
    """The language's compact dictionary, mapped from the cache (built there first when it is missing)."""
    path = lemma_cache() / f"{language}.lemmas"
    if not path.exists():
        build(language, path)
    with open(path, "rb") as file:
        mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    return deserialise(mapped)


def build(language: str, path: Path) -> None:
    """Write the language's compact dictionary to `path`, from a child process so that the full one never
    enters this process. Written beside it and renamed: two workers building at once each leave a whole file."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    command = [sys.executable, "-c", "import sys; from caseapp.ilo.lemmas import _child; _child(sys.argv[1], sys.argv[2])",
               language, str(partial)]
    # The child finds this package where this process found it, whatever the working directory.
    package_root = str(Path(__file__).resolve().parents[2])
    search_path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
    try:
        done = subprocess.run(command, capture_output=True, timeout=BUILD_SECONDS, check=False,
                              env={**os.environ, "PYTHONPATH": search_path})
        if done.returncode != 0:
            raise RuntimeError(done.stderr.decode(errors="replace")[-500:])
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _child(language: str, path: str) -> None:
    from simplemma.strategies.dictionaries.dictionary_factory import _load_dictionary_from_disk

    data = serialise(_load_dictionary_from_disk(language))
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)


def main(languages: list[str]) -> int:
    """Build the compact dictionaries that are missing, side by side, so that no request waits for one.
    A machine where they cannot be built still works (simplemma's own dictionaries, at their memory): say
    so and go on."""
    from concurrent.futures import ThreadPoolExecutor

    from caseapp.ilo.text import LANGUAGES

    missing = [language for language in languages or LANGUAGES
               if not (lemma_cache() / f"{language}.lemmas").exists()]
    if not missing:
        return 0
    print(f"Building the compact lemma dictionaries ({', '.join(missing)}) in {lemma_cache()} ...", flush=True)

    def one(language: str) -> str | None:
        try:
            build(language, lemma_cache() / f"{language}.lemmas")
        except (OSError, RuntimeError, subprocess.SubprocessError) as error:
            return f"{language}: {error}"
        return None

    with ThreadPoolExecutor(max_workers=max(1, min(3, os.cpu_count() or 1))) as pool:
        failures = [failure for failure in pool.map(one, missing) if failure]
    for failure in failures:
        print(f"warning: not built, the engine will use simplemma's own dictionary: {failure}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
