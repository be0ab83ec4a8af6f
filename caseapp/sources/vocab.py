"""Kinds of source, reliability grades and credibility ratings. Plain Python."""
from caseapp.errors import N_

SOURCE_KINDS: dict[str, str] = {
    "news_article": N_("News article"),
    "ngo_report": N_("NGO report"),
    "court_document": N_("Court document"),
    "government_document": N_("Government document"),
    "interview": N_("Interview"),
    "social_media": N_("Social media"),
    "photo": N_("Photo or scan"),
    "recording": N_("Audio or video recording"),
    "other": N_("Other"),
}

# The grading investigators use for how far a source can be trusted (the "Admiralty" scale).
RELIABILITY: dict[str, str] = {
    "A": N_("A – completely reliable"),
    "B": N_("B – usually reliable"),
    "C": N_("C – fairly reliable"),
    "D": N_("D – not usually reliable"),
    "E": N_("E – unreliable"),
    "F": N_("F – reliability cannot be judged"),
}

# And for how far one piece of information is confirmed.
CREDIBILITY: dict[int, str] = {
    1: N_("1 – confirmed by other sources"),
    2: N_("2 – probably true"),
    3: N_("3 – possibly true"),
    4: N_("4 – doubtful"),
    5: N_("5 – improbable"),
    6: N_("6 – truth cannot be judged"),
}

ORIGINS = ("url", "upload", "paste")
MEDIA_KINDS = ("image", "audio", "video")
TRANSLATORS = ("person", "tool")
