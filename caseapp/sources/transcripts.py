"""Transcripts of recordings: WebVTT and SRT files read into text, with the time range of every line. Plain Python.

A transcript becomes a text revision of the recording's source. Each cue is one line of that text, and
`segments` keeps, for each line, its offsets in the text and its time range in the recording: a quote
(text[start:end]) then cites the part of the recording it comes from.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from caseapp.errors import N_, ServiceError

MAX_CUES = 50_000
MAX_CHARS = 5_000_000  # as much text as any source may hold
MAX_MS = 100 * 3600 * 1000  # a hundred hours: no recording is longer

_TIME = r"(?:(\d{1,3}):)?(\d{1,2}):(\d{2})[.,](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}(?:\s.*)?$")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]{1,100})>")  # WebVTT's speaker: <v Roger>, <v.loud Esther>
_TAG = re.compile(r"<[^>]{0,200}>|\{\\[^}]{0,50}\}")  # <i>, <c.yellow>, <00:01.000>, SRT's {\an8}


@dataclass(frozen=True)
class Cue:
    start_ms: int
    end_ms: int
    text: str
    line: int = 0  # of its timing, in the file (1 for the first)


def looks_like_transcript(head: bytes) -> bool:
    """A WebVTT or SRT file by its first bytes (sent where a source is added instead of on its recording)."""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    return text.startswith(b"WEBVTT") or re.match(rb"1\r?\n\d{1,2}:\d{2}:\d{2},\d{3} --> ", text) is not None


def _ms(hours: str | None, minutes: str, seconds: str, fraction: str) -> int:
    if int(minutes) > 59 and hours is not None or int(seconds) > 59:
        raise ValueError("not a time")
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(fraction.ljust(3, "0"))


def _clean(line: str) -> str:
    line = _VOICE.sub(lambda m: m.group(1).strip() + ": ", line)
    return " ".join(html.unescape(_TAG.sub("", line)).split())


def parse(raw: str) -> list[Cue]:
    """The cues of a WebVTT or SRT transcript, in their order; ServiceError naming the line at fault."""
    if not isinstance(raw, str) or not raw.strip():
        raise ServiceError(N_("The transcript is empty."), "transcript")
    if len(raw) > MAX_CHARS:
        raise ServiceError(N_("The transcript is longer than %(max)s characters."), "transcript", max=MAX_CHARS)
    lines = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cues: list[Cue] = []
    index = 0
    while index < len(lines):
        if "-->" not in lines[index]:
            index += 1  # the WEBVTT header, NOTE and STYLE blocks, SRT's cue numbers, blank lines
            continue
        match = _TIMING.match(lines[index])
        if match is None:  # a timing line that is not one: refused, never a line silently dropped
            raise ServiceError(N_("Line %(line)s: the times are not a time range of the recording."), "transcript",
                               line=index + 1)
        try:
            start, end = _ms(*match.groups()[:4]), _ms(*match.groups()[4:])
        except ValueError:
            start = end = -1
        if not 0 <= start <= end <= MAX_MS:
            raise ServiceError(N_("Line %(line)s: the times are not a time range of the recording."), "transcript",
                               line=index + 1)
        timing_line = index + 1
        index += 1
        words = []
        while index < len(lines) and lines[index].strip():
            words.append(_clean(lines[index]))
            index += 1
        text = " ".join(word for word in words if word)
        if text:
            cues.append(Cue(start, end, text, timing_line))
            if len(cues) > MAX_CUES:
                raise ServiceError(N_("The transcript has more than %(max)s timed lines."), "transcript",
                                   max=MAX_CUES)
    if not cues:
        raise ServiceError(N_("No timed lines were found: give a WebVTT (.vtt) or SubRip (.srt) transcript."),
                           "transcript")
    return cues


def as_text(cues: list[Cue]) -> tuple[str, list[list[int]]]:
    """The transcript's text, a line per cue, and each line's [start, end, start_ms, end_ms]."""
    parts, segments, at = [], [], 0
    for cue in cues:
        parts.append(cue.text)
        segments.append([at, at + len(cue.text), cue.start_ms, cue.end_ms])
        at += len(cue.text) + 1  # the line break
    return "\n".join(parts), segments


def time_range(segments: list | None, start: int, end: int) -> tuple[int, int] | None:
    """The part of the recording text[start:end] comes from: (start_ms, end_ms) of the lines it touches."""
    touched = [segment for segment in segments or () if segment[0] < end and segment[1] > start]
    if not touched:
        return None
    return min(segment[2] for segment in touched), max(segment[3] for segment in touched)


def span_label(heard: tuple[int, int]) -> str:
    """ "0:01:02–0:01:10": a time range as the pages and the reports print it."""
    return f"{clock(heard[0])}–{clock(heard[1])}"


def clock(ms: int) -> str:
    """0:01:02 — hours, minutes and seconds, as a player shows them."""
    seconds = ms // 1000
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
