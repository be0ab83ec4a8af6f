"""The PDF renderer reaches the app's static files and nothing else (caseapp.reports.pdf)."""
from pathlib import Path

import pytest

from caseapp.reports.pdf import RefusedURL, StaticOnlyFetcher

STATIC = Path(__file__).resolve().parents[2] / "caseapp" / "static"


@pytest.fixture
def fetcher():
    return StaticOnlyFetcher(STATIC)


def test_the_report_stylesheet_and_fonts_are_served(fetcher):
    css = fetcher.fetch((STATIC / "css" / "report.css").as_uri())
    assert b"@font-face" in css.read()
    font = fetcher.fetch((STATIC / "fonts" / "NanumSquareR.ttf").as_uri())
    assert font.content_type == "font/ttf"


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "file:///etc/os-release",
    (STATIC / "css" / ".." / ".." / "app.py").as_uri(),  # a .py file in the package, by ..
    (STATIC / ".." / ".." / "config.py").as_uri(),
    STATIC.as_uri() + "/../../config.py",
    STATIC.as_uri() + "-evil/css/report.css",  # a sibling folder whose name starts like static's
    "file://evil.example" + str(STATIC / "css" / "report.css"),  # a host before the path
    "file://localhost/etc/passwd",
    "http://127.0.0.1:9/canary",
    "https://example.org/style.css",
    "http://127.0.0.1.nip.io/css/report.css",
    "data:text/plain;base64,SGVsbG8=",
    "ftp://127.0.0.1/x",
    (STATIC / "js" / "job.js").as_uri(),  # a static file, but not a kind a report loads
])
def test_everything_else_is_refused(fetcher, url):
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_a_symlink_out_of_static_is_refused(tmp_path):
    (tmp_path / "static").mkdir()
    (tmp_path / "secret.css").write_text("secret")
    (tmp_path / "static" / "link.css").symlink_to(tmp_path / "secret.css")
    fetcher = StaticOnlyFetcher(tmp_path / "static")
    with pytest.raises(RefusedURL):
        fetcher.fetch((tmp_path / "static" / "link.css").as_uri())
