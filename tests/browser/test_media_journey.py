"""A caseworker keeps a photo and a voice recording as sources and looks at them in the browser."""
import os
import re

from playwright.sync_api import expect

from tests import media_files
from tests.browser.conftest import sign_in

SHOTS = os.environ.get("CASEAPP_MEDIA_SCREENSHOTS")  # a folder: where to save what the pages looked like


def _upload(page, live_server, name: str, data: bytes, tmp_path) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    page.goto(f"{live_server}/sources/new")
    form = page.locator("form[action$='/sources/new/upload']")
    form.get_by_label("File", exact=True).set_input_files(str(path))
    form.get_by_role("button", name="Upload and preserve").click()
    expect(page.locator(".flash-success").first).to_contain_text("The source is preserved")


def test_a_photo_is_kept_shown_zoomed_and_described(page, live_server, tmp_path):
    sign_in(page, live_server, "caseworker@demo.test")
    _upload(page, live_server, "IMG_2041.jpg", media_files.jpeg_with_exif(1800, 1200), tmp_path)
    expect(page.get_by_role("heading", name="Photo or scan")).to_be_visible()
    picture = page.locator("#media img")
    expect(picture).to_be_visible()
    assert page.evaluate("document.querySelector('#media img').naturalWidth") == 1800  # the preview, whole
    expect(page.locator("#media")).to_contain_text("52.3789, 4.9002")
    expect(page.locator("#media")).to_contain_text("Fairphone FP5")
    expect(page.locator("#preserved")).to_contain_text("nothing in it can be quoted")
    if SHOTS:
        page.set_viewport_size({"width": 1366, "height": 1000})
        page.screenshot(path=f"{SHOTS}/photo-1366.png", full_page=True)
    zoom = page.get_by_role("button", name="Zoom in")
    zoom.click()
    expect(page.locator("#media figure")).to_have_class(re.compile("zoomed"))
    expect(page.get_by_role("button", name="Fit to the page")).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("document.querySelector('#media img').getBoundingClientRect().width") == 1800
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/photo-zoomed.png")
        page.set_viewport_size({"width": 390, "height": 844})
        page.get_by_role("button", name="Fit to the page").click()
        page.screenshot(path=f"{SHOTS}/photo-390.png", full_page=True)


def test_a_recording_plays_in_the_browser_s_own_player(page, live_server, tmp_path):
    sign_in(page, live_server, "caseworker@demo.test")
    _upload(page, live_server, "interview.wav", media_files.wav(seconds=3), tmp_path)
    expect(page.get_by_role("heading", name="Audio recording")).to_be_visible()
    player = page.locator("#media audio")
    expect(player).to_have_attribute("controls", "")
    # the page's CSP refuses the string predicates wait_for_function evaluates: ask until the player knows
    for _ in range(100):
        if page.evaluate("document.querySelector('#media audio').readyState") >= 1:
            break
        page.wait_for_timeout(100)
    assert 2.9 <= page.evaluate("document.querySelector('#media audio').duration") <= 3.1
    expect(page.locator("#media")).to_contain_text("0:00:03")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/recording.png", full_page=True)


TRANSCRIPT = """WEBVTT

00:00:01.000 --> 00:00:02.500
<v Worker>They took our passports at the airport.
"""


def test_a_recording_s_transcript_is_quoted_and_the_quote_plays_its_moment(page, live_server, tmp_path):
    sign_in(page, live_server, "caseworker@demo.test")
    case_id = 3  # the demo caseworker's draft
    path = tmp_path / "voice.wav"
    path.write_bytes(media_files.wav(seconds=3))
    page.goto(f"{live_server}/sources/new?case_id={case_id}")
    form = page.locator("form[action$='/sources/new/upload']")
    form.get_by_label("File", exact=True).set_input_files(str(path))
    form.get_by_role("button", name="Upload and preserve").click()
    (tmp_path / "voice.vtt").write_text(TRANSCRIPT)
    page.get_by_label("Transcript file").set_input_files(str(tmp_path / "voice.vtt"))
    page.get_by_role("button", name="Keep the transcript").click()
    expect(page.locator(".flash-success").first).to_contain_text("The transcript is kept as revision 2")
    expect(page.locator("#preserved-text")).to_have_text("Worker: They took our passports at the airport.")
    if "case_id" not in page.url:
        page.goto(page.url.split("#")[0] + f"?case_id={case_id}")
    text = "Worker: They took our passports at the airport."
    start = text.index("They took")
    page.locator("#excerpt-form [name=quote]").fill(text[start:start + 22])
    page.locator("#excerpt-form [name=start]").fill(str(start))
    page.locator("#excerpt-form [name=end]").fill(str(start + 22))
    page.locator("#excerpt-form").get_by_role("button", name="Save the quote").click()
    heard = page.get_by_role("link", name="heard at 0:00:01–0:00:02 of the recording")
    expect(heard).to_have_attribute("href", re.compile(r"/file#t=1\.0,2\.5$"))
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/transcript.png", full_page=True)
