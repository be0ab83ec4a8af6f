"""Photos, scans and recordings as sources: kept by content with their SHA-256, measured, previewed, shown to
those with need-to-know, and refused clearly when a file is too large, too many pixels, damaged or slow."""
import hashlib
import io
import subprocess

import pytest
from PIL import Image

from caseapp.cases.models import Case
from caseapp.extensions import db
from caseapp.sources.models import Source
from tests import media_files
from tests.factories import bearer, login, make_case, make_org, make_token, make_user, post_form


@pytest.fixture
def org():
    return make_org()


@pytest.fixture
def caseworker(org):
    return make_user(org, "caseworker")


@pytest.fixture
def headers(caseworker):
    return bearer(make_token(caseworker))


def _upload(client, headers, data: bytes, name: str, **fields):
    return client.post("/api/v1/sources", headers=headers, content_type="multipart/form-data",
                       data={"file": (io.BytesIO(data), name), **fields})


def _stored():
    return db.session.scalars(db.select(Source)).all()


def _staging_left(app) -> list:
    from pathlib import Path
    folder = Path(app.config["SOURCE_STORE_PATH"]) / ".incoming"
    return list(folder.iterdir()) if folder.exists() else []


IMAGES = {"photo.jpg": ("JPEG", "image/jpeg"), "scan.png": ("PNG", "image/png"), "shot.webp": ("WEBP", "image/webp"),
          "pages.tiff": ("TIFF", "image/tiff"), "phone.heic": ("HEIC", "image/heic")}


@pytest.mark.parametrize("name", sorted(IMAGES))
def test_images_are_kept_by_content_measured_and_previewed_without_their_metadata(client, headers, name, app):
    kind, mime = IMAGES[name]
    data = media_files.jpeg_with_exif() if kind == "JPEG" else media_files.image_bytes(kind)
    response = _upload(client, headers, data, name.replace(".", "-renamed."))
    source = response.get_json()
    assert response.status_code == 201, source
    assert source["kind"] == "photo" and source["content_type"] == mime
    assert source["sha256"] == hashlib.sha256(data).hexdigest() and source["size"] == len(data)
    media = source["media"]
    assert media["kind"] == "image" and (media["width"], media["height"]) in ((640, 480), (320, 200))
    assert media["pages"] == (2 if kind == "TIFF" else None)
    if kind == "JPEG":
        assert media["details"] == {"captured_at": "2025-03-14T06:12:09+03:00", "device": "Fairphone FP5",
                                    "gps": {"latitude": 52.3789, "longitude": 4.9002}}
    # The original comes back byte for byte; the preview is a new image, with no EXIF (no position, no device)
    original = client.get(f"/api/v1/sources/{source['id']}/file", headers=headers)
    assert original.status_code == 200 and original.data == data and original.mimetype == mime
    assert original.headers["Content-Disposition"].startswith("attachment")
    assert original.headers["X-Content-Type-Options"] == "nosniff"
    preview = client.get(f"/api/v1/sources/{source['id']}/preview", headers=headers)
    assert preview.status_code == 200 and preview.mimetype in ("image/jpeg", "image/png")
    with Image.open(io.BytesIO(preview.data)) as shown:
        assert not dict(shown.getexif()) and shown.size[0] <= 2000
    thumbnail = client.get(f"/api/v1/sources/{source['id']}/thumbnail", headers=headers)
    with Image.open(io.BytesIO(thumbnail.data)) as small:
        assert max(small.size) <= 320
    assert _staging_left(app) == []


RECORDINGS = {"voice.wav": ("audio", "audio/wav"), "voice.mp3": ("audio", "audio/mpeg"),
              "voice.ogg": ("audio", "audio/ogg"), "voice.m4a": ("audio", "audio/mp4"),
              "clip.mp4": ("video", "video/mp4"), "clip.webm": ("video", "video/webm")}


@pytest.mark.parametrize("name", sorted(RECORDINGS))
def test_recordings_are_kept_with_their_length_and_codecs_and_play_from_the_original(client, headers, name,
                                                                                     tmp_path):
    kind, mime = RECORDINGS[name]
    extension = name.rsplit(".", 1)[1]
    data = media_files.wav() if extension == "wav" else media_files.ffmpeg(extension, tmp_path)
    response = _upload(client, headers, data, name)
    source = response.get_json()
    assert response.status_code == 201, source
    assert source["kind"] == "recording" and source["content_type"] == mime
    media = source["media"]
    assert media["kind"] == kind and 1.9 <= media["duration"] <= 2.2 and media["details"]["codecs"]
    if kind == "video":
        assert (media["width"], media["height"]) == (320, 240)
        assert client.get(f"/api/v1/sources/{source['id']}/preview", headers=headers).mimetype == "image/jpeg"
    if name == "clip.mp4":
        assert media["details"]["gps"] == {"latitude": 52.3789, "longitude": 4.9002}
    # The browser's player asks for ranges of the file as it was received
    part = client.get(f"/api/v1/sources/{source['id']}/file", headers={**headers, "Range": "bytes=0-99"})
    assert part.status_code == 206 and part.data == data[:100]
    assert "attachment" not in part.headers.get("Content-Disposition", "")


def test_the_same_file_twice_is_one_source(client, headers):
    data = media_files.image_bytes("PNG")
    first, second = _upload(client, headers, data, "a.png"), _upload(client, headers, data, "b.png")
    assert first.status_code == 201 and second.status_code == 200
    assert first.get_json()["id"] == second.get_json()["id"] and len(_stored()) == 1


@pytest.mark.parametrize("data, words", [
    (media_files.png_declaring(100_000, 100_000), "more pixels than caseapp opens"),
    (b"\xff\xd8\xff\xe0" + b"<html><script>alert(1)</script></html>" * 20, "could not be read"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 300, "could not be read"),
    (b"RIFF\x10\x00\x00\x00WAVEjunkjunk", "could not be read"),
    (b"ID3" + b"\x00" * 500, "could not be read"),
])
def test_bombs_and_damaged_files_are_refused_clearly_and_nothing_is_kept(client, headers, app, data, words):
    response = _upload(client, headers, data, "evidence.bin")
    assert response.status_code == 422, response.get_json()
    assert words in response.get_json()["error"]["message"]
    assert _stored() == [] and _staging_left(app) == []


def test_an_image_past_the_pixel_limit_is_refused_before_it_is_decoded(client, headers, make_config, app):
    app.config["MEDIA_MAX_PIXELS"] = 100_000
    response = _upload(client, headers, media_files.image_bytes("JPEG", 400, 300), "big.jpg")
    assert response.status_code == 422 and "more pixels" in response.get_json()["error"]["message"]
    assert _upload(client, headers, media_files.image_bytes("JPEG", 300, 300), "ok.jpg").status_code == 201


def test_a_file_past_the_media_limit_gets_413_naming_it_and_leaves_nothing(client, headers, app):
    app.config["MEDIA_MAX_BYTES"] = 40_000
    data = media_files.jpeg_with_exif(1600, 1200)
    assert len(data) > 40_000
    response = _upload(client, headers, data, "large.jpg")
    assert response.status_code == 413 and "40000 bytes" in response.get_json()["error"]["message"]
    assert _stored() == [] and _staging_left(app) == []
    # Media may be larger than any other request: MAX_CONTENT_LENGTH still bounds a JSON body
    app.config["MEDIA_MAX_BYTES"] = 10 * 1024 * 1024
    app.config["MAX_CONTENT_LENGTH"] = 30_000
    assert _upload(client, headers, data, "large.jpg").status_code == 201
    too_big_json = client.post("/api/v1/sources", headers=headers, json={"text": "x" * 40_000})
    assert too_big_json.status_code == 413


def test_reading_a_file_past_its_deadline_is_stopped_with_a_clear_message(client, headers, app):
    app.config["MEDIA_READ_SECONDS"] = 0.05  # less than a child process takes to start
    response = _upload(client, headers, media_files.image_bytes("PNG"), "slow.png")
    assert response.status_code == 422 and "took longer than" in response.get_json()["error"]["message"]
    assert _stored() == [] and _staging_left(app) == []


def test_the_web_form_keeps_a_photo_and_its_page_shows_it_to_those_with_need_to_know(client, caseworker, org, app):
    case = make_case(caseworker, "Brick kiln, photos from a visit")
    login(client, caseworker.email)
    response = post_form(client, f"/sources/new?case_id={case.id}", "/sources/new/upload", {
        "case_id": str(case.id), "upload-file": (io.BytesIO(media_files.jpeg_with_exif()), "IMG_0042.jpg"),
        "upload-kind": "", "upload-reliability": "B"})
    assert response.status_code == 302, response.get_data(as_text=True)
    source = _stored()[0]
    assert source.kind == "photo" and source.title == "IMG_0042.jpg" and source.current_text.text == ""
    page = client.get(f"/sources/{source.id}").get_data(as_text=True)
    assert client.get(f"/sources/{source.id}/preview").status_code == 200
    assert f'src="/sources/{source.id}/preview"' in page and "52.3789, 4.9002" in page and "Fairphone FP5" in page
    assert "nothing in it can be quoted" in page and 'id="excerpt-form"' not in page
    # Another caseworker, not assigned to the case, and an advocate, see that it exists but not what it shows
    other = make_user(org, "caseworker")
    client = app.test_client()
    login(client, other.email)
    page = client.get(f"/sources/{source.id}").get_data(as_text=True)
    assert "/preview" not in page and "52.3789" not in page and "Fairphone" not in page
    assert "the coordinators, the admins and the caseworkers assigned" in page
    assert client.get(f"/sources/{source.id}/preview").status_code == 403
    assert client.get(f"/sources/{source.id}/file").status_code == 403
    token = bearer(make_token(other))
    details = client.get(f"/api/v1/sources/{source.id}", headers=token).get_json()["media"]
    assert details["width"] == 640 and details["details"] is None
    # a coordinator sees it
    coordinator = make_user(org, "coordinator")
    assert client.get(f"/api/v1/sources/{source.id}/preview", headers=bearer(make_token(coordinator))).status_code == 200
    # another organisation does not know it exists
    stranger = make_user(make_org(), "coordinator")
    assert client.get(f"/api/v1/sources/{source.id}/preview", headers=bearer(make_token(stranger))).status_code == 404
    assert db.session.get(Case, case.id) is not None


def test_a_document_upload_still_works_and_its_page_is_unchanged(client, headers):
    response = _upload(client, headers, b"Notes from the visit: twelve workers in one room.", "notes.txt")
    source = response.get_json()
    assert response.status_code == 201 and source["media"] is None and source["kind"] == "news_article"
    assert client.get(f"/api/v1/sources/{source['id']}/preview", headers=headers).status_code == 404


def test_a_recording_s_typed_transcript_is_a_revision_that_can_be_quoted_and_the_file_stays(client, headers,
                                                                                            caseworker, app):
    from caseapp.sources.store import SnapshotStore
    from pathlib import Path

    case = make_case(caseworker, "Domestic worker, voice message")
    data = media_files.wav()
    source = _upload(client, headers, data, "voice-message.wav").get_json()
    transcript = "She said: they kept my passport and I cannot leave the house."
    revised = client.post(f"/api/v1/sources/{source['id']}/revisions", headers=headers,
                          json={"text": transcript, "reason": "transcript typed from the recording"})
    assert revised.status_code == 201, revised.get_json()
    client.post(f"/api/v1/cases/{case.id}/sources", headers=headers, json={"source_id": source["id"]})
    start = transcript.index("they kept my passport")
    quoted = client.post(f"/api/v1/sources/{source['id']}/excerpts", headers=headers, json={
        "case_id": case.id, "start": start, "end": start + 21, "quote": "they kept my passport"})
    assert quoted.status_code == 201, quoted.get_json()
    stored = SnapshotStore(Path(app.config["SOURCE_STORE_PATH"]))
    assert stored.sha256_of(source["sha256"]) == source["sha256"] and stored.get(source["sha256"]) == data


TRANSCRIPT = """WEBVTT

00:00:02.000 --> 00:00:05.000
<v Worker>The supervisor keeps our passports in his office.

00:00:05.500 --> 00:00:09.000
<v Worker>We work from six in the morning until ten at night.
"""


def test_an_imported_transcript_s_quotes_say_when_they_are_heard(client, headers, caseworker, org):
    case = make_case(caseworker, "Greenhouse workers, interview")
    data = media_files.wav(seconds=10)
    source = _upload(client, headers, data, "interview.wav").get_json()
    added = client.post(f"/api/v1/sources/{source['id']}/transcript", headers=headers,
                        json={"transcript": TRANSCRIPT, "reason": "typed by the interviewer"})
    assert added.status_code == 201, added.get_json()
    text = client.get(f"/api/v1/sources/{source['id']}/text", headers=headers).get_json()["text"]
    assert text.splitlines() == ["Worker: The supervisor keeps our passports in his office.",
                                 "Worker: We work from six in the morning until ten at night."]
    client.post(f"/api/v1/cases/{case.id}/sources", headers=headers, json={"source_id": source["id"]})
    start = text.index("from six")
    quoted = client.post(f"/api/v1/sources/{source['id']}/excerpts", headers=headers, json={
        "case_id": case.id, "start": start, "end": start + 37, "quote": text[start:start + 37]})
    assert quoted.status_code == 201 and quoted.get_json()["time_range"] == [5500, 9000]
    # the ILO suggestions read the transcript like any text
    suggestions = client.get(f"/api/v1/sources/{source['id']}/suggestions?case_id={case.id}", headers=headers)
    assert "retention_of_identity_documents" in {s.get("indicator") for s in suggestions.get_json()["suggestions"]}
    # a photo has no transcript; a transcript that is none is refused by name
    photo = _upload(client, headers, media_files.image_bytes("PNG"), "p.png").get_json()
    refused = client.post(f"/api/v1/sources/{photo['id']}/transcript", headers=headers, json={"transcript": TRANSCRIPT})
    assert refused.status_code == 422 and "Only a recording" in refused.get_json()["error"]["message"]
    refused = client.post(f"/api/v1/sources/{source['id']}/transcript", headers=headers,
                          json={"transcript": "no times here"})
    assert refused.status_code == 422 and "No timed lines" in refused.get_json()["error"]["message"]
    # the case report cites the part of the recording where the quote proves a fact
    evidence = client.post(f"/api/v1/cases/{case.id}/facts/daily_hours/evidence", headers=headers,
                           json={"excerpt_id": quoted.get_json()["id"], "value": 16})
    assert evidence.status_code == 201, evidence.get_json()
    coordinator = bearer(make_token(make_user(org, "coordinator")))
    report = client.get(f"/api/v1/cases/{case.id}/report.pdf", headers=coordinator)
    assert report.status_code == 200, report.get_data()[:300]
    printed = subprocess.run(["pdftotext", "-", "-"], input=report.data, capture_output=True, check=True).stdout
    flat = " ".join(printed.decode().split())
    assert "heard at 0:00:05–0:00:09 of the recording" in flat, flat


def test_the_web_form_keeps_a_transcript_and_the_quote_links_to_its_moment(client, caseworker):
    case = make_case(caseworker, "Greenhouse workers, voice message")
    login(client, caseworker.email)
    post_form(client, f"/sources/new?case_id={case.id}", "/sources/new/upload", {
        "case_id": str(case.id), "upload-file": (io.BytesIO(media_files.wav(seconds=10)), "voice.wav"),
        "upload-kind": "", "upload-reliability": "C"})
    source = _stored()[0]
    response = post_form(client, f"/sources/{source.id}", f"/sources/{source.id}/transcript", {
        "file": (io.BytesIO(TRANSCRIPT.encode()), "voice.vtt"), "reason": "typed by the interviewer"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Source, source.id).current_text.segments[1][2:] == [5500, 9000]
    page = client.get(f"/sources/{source.id}").get_data(as_text=True)
    assert "The supervisor keeps our passports" in page and 'id="excerpt-form"' in page


# --- after the attack review ---------------------------------------------------------------------------------

def test_citing_a_photo_in_a_case_of_one_s_own_does_not_open_it(client, headers, caseworker, org):
    photo = _upload(client, headers, media_files.jpeg_with_exif(), "safe.jpg").get_json()
    case = make_case(caseworker, "Kiln")
    client.post(f"/api/v1/cases/{case.id}/sources", headers=headers, json={"source_id": photo["id"]})
    other = make_user(org, "caseworker")
    theirs = bearer(make_token(other))
    own_case = make_case(other, "Another case")
    refused = client.post(f"/api/v1/cases/{own_case.id}/sources", headers=theirs, json={"source_id": photo["id"]})
    assert refused.status_code == 403 and "need-to-know" in refused.get_json()["error"]["message"]
    assert client.get(f"/api/v1/sources/{photo['id']}/preview", headers=theirs).status_code == 403
    assert client.get(f"/api/v1/sources/{photo['id']}", headers=theirs).get_json()["media"]["details"] is None
    # a coordinator may cite it anywhere
    coordinator = bearer(make_token(make_user(org, "coordinator")))
    assert client.post(f"/api/v1/cases/{own_case.id}/sources", headers=coordinator,
                       json={"source_id": photo["id"]}).status_code in (200, 201)


def test_a_refused_upload_keeps_no_file(client, headers, app):
    from pathlib import Path
    data = media_files.wav()
    response = _upload(client, headers, data, "a.wav", published_on="not a date")
    assert response.status_code == 422
    stored = Path(app.config["SOURCE_STORE_PATH"]) / hashlib.sha256(data).hexdigest()[:2]
    assert not stored.exists() and _staging_left(app) == [] and _stored() == []


def test_an_mp3_that_is_a_playlist_of_server_files_is_refused(client, headers, tmp_path):
    target = tmp_path / "elsewhere.mp4"
    target.write_bytes(media_files.ffmpeg("mp4", tmp_path))
    playlist = (b"ID3\x04\x00\x00\x00\x00\x00\x10" + b"\x00" * 16 + b"#EXTM3U\n#EXT-X-TARGETDURATION:2\n"
                b"#EXTINF:2.0,\n" + str(target).encode() + b"\n#EXT-X-ENDLIST\n")
    response = _upload(client, headers, playlist, "song.mp3")
    assert response.status_code == 422 and _stored() == []


def test_a_tiff_of_too_many_pages_is_refused_without_counting_them_all(client, headers):
    from caseapp.sources import media
    image = media_files.picture(8, 8)
    output = io.BytesIO()
    image.save(output, "TIFF", save_all=True, append_images=[image] * media.MAX_PAGES)
    response = _upload(client, headers, output.getvalue(), "pages.tiff")
    assert response.status_code == 422 and "more than 1000 pages" in response.get_json()["error"]["message"]


def test_the_original_downloads_with_the_ending_of_what_it_is(client, headers):
    polyglot = media_files.jpeg_with_exif() + b"<html><script>alert(document.domain)</script></html>"
    source = _upload(client, headers, polyglot, "invoice.html").get_json()
    original = client.get(f"/api/v1/sources/{source['id']}/file", headers=headers)
    assert original.mimetype == "image/jpeg"
    assert original.headers["Content-Disposition"] == "attachment; filename=invoice.jpg"


def test_seeing_or_hearing_media_is_on_the_record(client, headers, caseworker):
    from caseapp.audit.models import AuditEntry
    source = _upload(client, headers, media_files.wav(), "call.wav").get_json()
    client.get(f"/api/v1/sources/{source['id']}/file", headers=headers)
    client.get(f"/api/v1/sources/{source['id']}/file", headers={**headers, "Range": "bytes=100-200"})
    entries = db.session.scalars(db.select(AuditEntry).filter_by(action="source.media_view")).all()
    assert [(e.actor_id, e.changes["which"]["new"]) for e in entries] == [(caseworker.id, "file")]


def test_a_large_upload_is_read_only_for_someone_who_may_add_sources(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 30_000
    data = media_files.jpeg_with_exif(1600, 1200)
    anonymous = client.post("/sources/new/upload", content_type="multipart/form-data",
                            data={"upload-file": (io.BytesIO(data), "x.jpg")})
    assert anonymous.status_code == 413


# --- after the new user's walk ---------------------------------------------------------------------------------

def test_a_caseworker_refused_a_colleague_s_photo_is_told_why_on_the_page(client, caseworker, org, app):
    photo = media_files.jpeg_with_exif()
    case = make_case(caseworker, "Kiln, photos")
    login(client, caseworker.email)
    post_form(client, f"/sources/new?case_id={case.id}", "/sources/new/upload", {
        "case_id": str(case.id), "upload-file": (io.BytesIO(photo), "kiln.jpg"), "upload-kind": "",
        "upload-reliability": "B"})
    other = make_user(org, "caseworker")
    own_case = make_case(other, "Another kiln")
    theirs = app.test_client()
    login(theirs, other.email)
    # the same photo sent again from their own case: a source of their own, which they may look at
    response = post_form(theirs, f"/sources/new?case_id={own_case.id}", "/sources/new/upload", {
        "case_id": str(own_case.id), "upload-file": (io.BytesIO(photo), "kiln.jpg"), "upload-kind": "",
        "upload-reliability": "B"})
    assert response.status_code == 302
    mine = db.session.scalars(db.select(Source).filter_by(created_by_id=other.id)).one()
    assert theirs.get(f"/sources/{mine.id}/preview").status_code == 200
    # the colleague's: no quote form offered, and a quote sent anyway is refused with the reason, never a 500
    first = db.session.scalars(db.select(Source).filter_by(created_by_id=caseworker.id)).one()
    page = theirs.get(f"/sources/{first.id}?case_id={own_case.id}").get_data(as_text=True)
    assert 'id="excerpt-form"' not in page


def test_a_transcript_line_that_is_not_timed_or_past_the_end_is_refused(client, headers):
    source = _upload(client, headers, media_files.wav(seconds=5), "short.wav").get_json()
    broken = "WEBVTT\n\n00:00:xx --> 00:00:02.000\nbad line\n\n00:00:02.000 --> 00:00:03.000\ngood line\n"
    refused = client.post(f"/api/v1/sources/{source['id']}/transcript", headers=headers, json={"transcript": broken})
    assert refused.status_code == 422 and "Line 3" in refused.get_json()["error"]["message"]
    late = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nfine\n\n01:00:00.000 --> 01:00:05.000\nan hour later\n"
    refused = client.post(f"/api/v1/sources/{source['id']}/transcript", headers=headers, json={"transcript": late})
    assert refused.status_code == 422 and "Line 6: the recording is only 0:00:05 long" in \
        refused.get_json()["error"]["message"]


def test_a_transcript_sent_as_a_source_points_to_its_recording(client, headers):
    response = _upload(client, headers, b"WEBVTT\n\n00:01.000 --> 00:02.000\nThey kept it.\n", "interview.vtt")
    assert response.status_code == 422 and "Transcript" in response.get_json()["error"]["message"]
    assert _stored() == []
