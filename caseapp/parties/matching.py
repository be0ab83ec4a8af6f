"""Find existing parties whose names are close to a new one (rapidfuzz). Plain Python."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from rapidfuzz import fuzz

from caseapp.parties.vocab import normalise_name

THRESHOLD = 85.0


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    id: int
    name: str
    score: float
    matched: str  # the name or alias that matched


def similarity(a: str, b: str) -> float:
    """0–100: how alike two party names are, ignoring case, accents, punctuation and legal forms."""
    na, nb = normalise_name(a), normalise_name(b)
    if not na or not nb:
        return 0.0
    if na.replace(" ", "") == nb.replace(" ", ""):
        return 100.0
    return max(fuzz.ratio(na, nb), fuzz.token_sort_ratio(na, nb))


def similar_parties(name: str, candidates: Iterable[Candidate], threshold: float = THRESHOLD) -> list[Match]:
    """Candidates whose name or an alias scores at least `threshold`, best first."""
    matches = []
    for candidate in candidates:
        best, matched = 0.0, candidate.name
        for known in (candidate.name, *candidate.aliases):
            score = similarity(name, known)
            if score > best:
                best, matched = score, known
        if best >= threshold:
            matches.append(Match(candidate.id, candidate.name, round(best, 1), matched))
    return sorted(matches, key=lambda m: (-m.score, m.name))
