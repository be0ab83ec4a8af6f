"""The user guide's files: every screenshot it shows exists, every screenshot kept is shown, and what the app
renders of them is clean."""
from __future__ import annotations

import re

from caseapp.docs import guide


def test_every_screenshot_the_guide_shows_exists_and_every_one_kept_is_shown():
    shown = set()
    for part in guide.PARTS:
        text = (guide.GUIDE / f"{part}.md").read_text(encoding="utf-8")
        assert text.startswith("# ")
        shown |= set(re.findall(r"\]\(\.\./screenshots/([^)]+)\)", text))
    kept = {path.name for path in guide.SCREENSHOTS.glob("*.png")}
    assert shown and shown == kept


def test_the_rendered_guide_keeps_its_own_images_and_links_and_drops_anything_else(tmp_path, monkeypatch):
    monkeypatch.setattr(guide, "GUIDE", tmp_path)
    (tmp_path / "advocate.md").write_text(
        "# Hello\n\n![ok](../screenshots/advocate-cases.png) ![outside](https://evil.example/x.png)"
        " ![up](../screenshots/../../config.py)\n\n<script>alert(1)</script>\n\n"
        "[next](coordinator.md#review) [repo](../deploy.md) [site](https://ilo.org) [js](javascript:alert(1))\n")
    page = guide.render("advocate", lambda part: f"/docs/guide/{part}", lambda name: f"/shots/{name}")
    assert page.title == "Hello"
    assert 'src="/shots/advocate-cases.png"' in page.html
    assert "evil.example" not in page.html and "config.py" not in page.html
    assert "<script" not in page.html and "&lt;script&gt;" in page.html
    assert 'href="/docs/guide/coordinator#review"' in page.html and 'href="https://ilo.org"' in page.html
    assert "deploy.md" not in page.html and "href=\"javascript" not in page.html  # left as plain text


def test_only_the_guide_s_own_screenshots_are_served():
    assert guide.screenshot("admin-users.png") is not None
    for name in ("../README.md", "admin-users.png/../x", ".hidden.png", "admin-users.PNG", "nothere.png"):
        assert guide.screenshot(name) is None
