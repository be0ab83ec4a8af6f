"""The preserved text cut into plain and quoted segments, for showing quotes in place. Plain Python."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Segment:
    text: str
    excerpt_ids: tuple[int, ...]  # empty for unquoted text


def marked_segments(text: str, excerpts, hidden=()) -> list[Segment]:
    """Split text at every excerpt boundary; each piece knows which excerpts cover it (they may overlap).

    `hidden`: (start, end, code) of what the reader may not see, redacted over the whole text first; the
    first piece of such a span shows "[code]", the rest of it nothing, wherever the quotes cut it."""
    cuts = sorted({0, len(text), *(e.start for e in excerpts), *(e.end for e in excerpts),
                   *(h[0] for h in hidden), *(h[1] for h in hidden)})
    segments = []
    for start, end in pairwise(cuts):
        covering = tuple(e.id for e in excerpts if e.start <= start and end <= e.end)
        span = next((h for h in hidden if h[0] <= start and end <= h[1]), None)
        shown = text[start:end] if span is None else (f"[{span[2]}]" if start == span[0] else "")
        segments.append(Segment(shown, covering))
    return segments
