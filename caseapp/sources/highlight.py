"""The preserved text cut into plain and quoted segments, for showing quotes in place. Plain Python."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Segment:
    text: str
    excerpt_ids: tuple[int, ...]  # empty for unquoted text


def marked_segments(text: str, excerpts) -> list[Segment]:
    """Split text at every excerpt boundary; each piece knows which excerpts cover it (they may overlap)."""
    cuts = sorted({0, len(text), *(e.start for e in excerpts), *(e.end for e in excerpts)})
    segments = []
    for start, end in pairwise(cuts):
        covering = tuple(e.id for e in excerpts if e.start <= start and end <= e.end)
        segments.append(Segment(text[start:end], covering))
    return segments
