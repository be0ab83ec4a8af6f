"""Transcripts: WebVTT and SRT read into text with each line's time range, and a quote's part of the recording."""
import pytest

from caseapp.errors import ServiceError
from caseapp.sources import transcripts

VTT = """WEBVTT - interview with a deckhand

NOTE recorded in the harbour, checked by the interviewer

00:00:01.000 --> 00:00:04.500
<v Interviewer>Did you keep your passport?

00:04.600 --> 00:09.250 align:start
<v.tired Deckhand>No. The captain took it
on the first day &amp; kept it.

00:00:10.000 --> 00:00:12.000
<i>[silence]</i>
"""

SRT = """1
00:00:01,000 --> 00:00:04,500
Вы получали зарплату?

2
00:00:04,600 --> 00:00:09,250
{\\an8}Нет, бригадир забирал её.
"""


def test_webvtt_lines_with_speakers_times_and_escapes():
    cues = transcripts.parse(VTT)
    assert [(c.start_ms, c.end_ms) for c in cues] == [(1000, 4500), (4600, 9250), (10000, 12000)]
    assert cues[0].text == "Interviewer: Did you keep your passport?"
    assert cues[1].text == "Deckhand: No. The captain took it on the first day & kept it."
    assert cues[2].text == "[silence]"


def test_srt_with_crlf_and_a_byte_order_mark():
    cues = transcripts.parse("\ufeff" + SRT.replace("\n", "\r\n"))
    assert [(c.start_ms, c.end_ms, c.text) for c in cues] == [
        (1000, 4500, "Вы получали зарплату?"), (4600, 9250, "Нет, бригадир забирал её.")]


def test_a_quote_cites_the_lines_it_touches():
    text, segments = transcripts.as_text(transcripts.parse(VTT))
    start = text.index("The captain took it")
    assert text[segments[1][0]:segments[1][1]].startswith("Deckhand:")
    assert transcripts.time_range(segments, start, start + 19) == (4600, 9250)
    both = text.index("passport?")
    assert transcripts.time_range(segments, both, start + 5) == (1000, 9250)
    assert transcripts.time_range(None, 0, 5) is None
    assert transcripts.clock(3_725_400) == "1:02:05"


@pytest.mark.parametrize("raw, words", [
    ("", "empty"),
    ("WEBVTT\n\nJust words, no times.\n", "No timed lines"),
    ("1\n00:00:09,000 --> 00:00:02,000\nbackwards\n", "Line 2"),
    ("1\n00:00:61,000 --> 00:01:02,000\nsixty-one seconds\n", "Line 2"),
])
def test_what_is_no_transcript_is_refused_by_name(raw, words):
    with pytest.raises(ServiceError) as refused:
        transcripts.parse(raw)
    assert words in str(refused.value)


def test_a_long_transcript_is_read_in_linear_time_and_bounded():
    one = "00:00:01.000 --> 00:00:02.000\nword\n\n"
    assert len(transcripts.parse("WEBVTT\n\n" + one * 20_000)) == 20_000
    with pytest.raises(ServiceError):
        transcripts.parse("WEBVTT\n\n" + one * (transcripts.MAX_CUES + 1))
