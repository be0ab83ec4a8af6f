"""The user guide in the app: the Markdown files of docs/guide/ (written with the code, one per role) as HTML.

Plain Python. The files are the project's own, yet they are rendered as untrusted text would be:
CommonMark with raw HTML off, then cleaned by nh3 down to the tags a guide uses, so a mistake in a
guide can never put a script or an outside image in front of a signed-in user. Images may only be
the guide's own screenshots (docs/screenshots/NAME.png), served by the app; links between the guide's
pages become the app's URLs; any other link keeps its address and opens as a plain link.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

import nh3
from markdown_it import MarkdownIt

PROJECT = Path(__file__).resolve().parents[2]
GUIDE = PROJECT / "docs" / "guide"
SCREENSHOTS = PROJECT / "docs" / "screenshots"
PARTS = ("caseworker", "coordinator", "advocate", "admin")
SCREENSHOT_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,80}\.png")
_TAGS = {"h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "a", "img", "code", "pre", "em", "strong", "blockquote",
         "table", "thead", "tbody", "tr", "th", "td", "hr", "br", "figure", "figcaption"}


@dataclass(frozen=True)
class Page:
    part: str
    title: str
    html: str


def _title(markdown: str, part: str) -> str:
    first = next((line for line in markdown.splitlines() if line.startswith("# ")), None)
    return first[2:].strip() if first else part


@lru_cache(maxsize=len(PARTS) * 4)
def _source(part: str, modified: float) -> str:
    return (GUIDE / f"{part}.md").read_text(encoding="utf-8")


def render(part: str, page_url: Callable[[str], str], screenshot_url: Callable[[str], str]) -> Page:
    """The guide for `part` (one of PARTS) as clean HTML, its links and images pointed at the app."""
    if part not in PARTS:
        raise KeyError(part)
    path = GUIDE / f"{part}.md"
    markdown = _source(part, path.stat().st_mtime)
    html = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)

    def attribute(element: str, name: str, value: str) -> str | None:
        if element == "img" and name == "src":
            file = value.rsplit("/", 1)[-1]
            return screenshot_url(file) if value.startswith("../screenshots/") and SCREENSHOT_NAME.fullmatch(file) \
                else None
        if element == "a" and name == "href":
            linked = re.fullmatch(r"(?:\./)?([a-z]+)\.md(#[a-z0-9-]*)?", value)
            if linked and linked.group(1) in PARTS:
                return page_url(linked.group(1)) + (linked.group(2) or "")
            if value.startswith(("https://", "http://", "#")):
                return value
            return None  # a link into the repository means nothing in the app
        return value

    clean = nh3.clean(html, tags=_TAGS, attributes={"a": {"href"}, "img": {"src", "alt"}},
                      attribute_filter=attribute, url_schemes={"http", "https"}, link_rel="noopener noreferrer")
    return Page(part, _title(markdown, part), clean)


def screenshot(name: str) -> Path | None:
    """The file of a screenshot the guide may show, or None."""
    if not SCREENSHOT_NAME.fullmatch(name):
        return None
    path = SCREENSHOTS / name
    return path if path.is_file() else None
