"""Photos, scans and recordings kept as sources: what a file is by its bytes, what it says of itself, its previews.

Plain Python. `sniff` reads the first bytes only. `probe` decodes the file, and is run by the services in a
child process that a hard time and memory limit stop (caseapp.sandbox): a decompression bomb, a malformed
or polyglot file may hold whatever reads it. Images are read with Pillow (HEIC with pillow-heif), with a
bound on their pixels; recordings with Debian's ffprobe, and a video's still with ffmpeg. The stored file
is never changed: the previews are new images made from it, without its metadata.
"""
from __future__ import annotations

import io
import json
import math
import re
import shutil
import struct
import subprocess  # nosec B404: ffprobe and ffmpeg, fixed arguments, no shell
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from caseapp.errors import N_, ServiceError

IMAGE, AUDIO, VIDEO = "image", "audio", "video"
PREVIEW_SIDE = 2000  # the longest side of the preview shown on the page (zoomable to it)
THUMBNAIL_SIDE = 320
TOOL_SECONDS = 60  # ffprobe and ffmpeg; the child that runs them has its own deadline too
MAX_PAGES = 1000  # of a TIFF: counting them costs more the more there are (a crafted file declares 100,000)


@dataclass(frozen=True)
class MediaType:
    kind: str  # image, audio or video
    mime: str
    label: str  # what a person calls it: "JPEG", "MP3"


_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"F4A "}
_VIDEO_BRANDS = {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"dash", b"M4V ", b"MSNV",
                 b"3gp4", b"3gp5", b"3g2a"}


def sniff(head: bytes) -> MediaType | None:
    """The kind of media by its first bytes (at least 64), whatever the file is called; None for anything else."""
    if head.startswith(b"\xff\xd8\xff"):
        return MediaType(IMAGE, "image/jpeg", "JPEG")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return MediaType(IMAGE, "image/png", "PNG")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return MediaType(IMAGE, "image/webp", "WebP")
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return MediaType(IMAGE, "image/tiff", "TIFF")
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _HEIF_BRANDS:
            return MediaType(IMAGE, "image/heic", "HEIC")
        if brand in _AUDIO_BRANDS:
            return MediaType(AUDIO, "audio/mp4", "M4A")
        if brand in _VIDEO_BRANDS:
            return MediaType(VIDEO, "video/mp4", "MP4")  # an MP4 without a picture is read as audio by probe
        return None
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return MediaType(AUDIO, "audio/wav", "WAV")
    if head.startswith(b"OggS"):
        return MediaType(AUDIO, "audio/ogg", "Ogg")
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2", b"\xff\xfa"):
        return MediaType(AUDIO, "audio/mpeg", "MP3")
    if head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head[:64]:
        return MediaType(VIDEO, "video/webm", "WebM")
    return None


@dataclass(frozen=True)
class Probed:
    kind: str
    mime: str
    width: int | None = None
    height: int | None = None
    duration: float | None = None  # seconds
    pages: int | None = None  # frames of a multi-page TIFF
    details: dict[str, Any] = field(default_factory=dict)  # captured_at, device, gps, codecs, format
    preview: bytes | None = None  # made here, without the original's metadata: PNG or JPEG
    preview_type: str = ""
    thumbnail: bytes | None = None


def probe(path: str, mime: str, max_pixels: int) -> Probed:
    """Decode the file at path (sniffed as mime) and describe it; ServiceError when it cannot be read."""
    if mime.startswith("image/"):
        return _image(path, mime, max_pixels)
    return _recording(path, mime, max_pixels)


# --- images ---------------------------------------------------------------------------------------

def _image(path: str, mime: str, max_pixels: int) -> Probed:
    import warnings

    from PIL import Image, ImageOps, UnidentifiedImageError

    if mime == "image/heic":
        import pillow_heif
        pillow_heif.register_heif_opener()
    # Pillow warns past MAX_IMAGE_PIXELS and refuses past twice that: here both refuse, before any pixel
    # is decoded (a PNG of a few kilobytes can declare 60,000 × 60,000 pixels).
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as opened:
                if opened.format not in _FORMATS[mime]:
                    raise ServiceError(N_("This file is not the image it starts as; nothing was stored."), "file")
                width, height = opened.size
                pages = _tiff_pages(opened) if mime == "image/tiff" else 1  # an animation's frames are no pages
                details = _exif(opened)
                if opened.format == "JPEG":
                    opened.draft("RGB", (PREVIEW_SIDE, PREVIEW_SIDE))  # decoded at the size shown: an eighth of it
                ImageOps.exif_transpose(opened, in_place=True)  # shown the way the camera held it, not copied
                image = opened
                preview, preview_type = _encode(image, PREVIEW_SIDE)
                thumbnail, _ = _encode(image, THUMBNAIL_SIDE)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ServiceError(N_("This image has more pixels than caseapp opens (%(max)s million); nothing was "
                              "stored."), "file", max=max_pixels // 1_000_000) from None
    except ServiceError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError, IndexError, KeyError,
            TypeError, struct.error):
        raise ServiceError(N_("This image could not be read (it may be damaged or cut short); nothing was "
                              "stored."), "file") from None
    return Probed(IMAGE, mime, width, height, pages=pages if pages > 1 else None, details=details,
                  preview=preview, preview_type=preview_type, thumbnail=thumbnail)


_FORMATS = {"image/jpeg": {"JPEG", "MPO"}, "image/png": {"PNG"}, "image/webp": {"WEBP"}, "image/tiff": {"TIFF"},
            "image/heic": {"HEIF"}}


def _tiff_pages(image) -> int:
    """The pages of a TIFF, counted one by one up to MAX_PAGES (refused beyond)."""
    pages = 1
    try:
        while True:
            image.seek(pages)
            pages += 1
            if pages > MAX_PAGES:
                raise ServiceError(N_("This TIFF has more than %(max)s pages; nothing was stored."), "file",
                                   max=MAX_PAGES)
    except EOFError:
        pass
    image.seek(0)
    return pages


def _encode(image, side: int) -> tuple[bytes, str]:
    """An image no larger than side × side: PNG when it has transparency, else JPEG. `image` is reduced in
    place (a 100-megapixel photo is not copied whole); make the larger one first."""
    image.thumbnail((side, side))
    output = io.BytesIO()
    if "A" in image.mode or "transparency" in image.info:
        image.convert("RGBA").save(output, "PNG")
        return output.getvalue(), "image/png"
    shown = image if image.mode in ("RGB", "L") else image.convert("RGB")
    shown.save(output, "JPEG", quality=85)  # saved without the original's EXIF: no position, no device
    return output.getvalue(), "image/jpeg"


# EXIF tags (the standard's numbers): what was photographed when, with what, where.
_MAKE, _MODEL, _DATETIME, _EXIF_IFD, _GPS_IFD = 271, 272, 306, 0x8769, 0x8825
_DATETIME_ORIGINAL, _OFFSET_ORIGINAL = 36867, 36881


def _exif(image) -> dict[str, Any]:
    try:
        exif = image.getexif()
    except Exception:  # a damaged EXIF block: the picture still counts, without its metadata  # noqa: BLE001
        return {}
    details: dict[str, Any] = {}
    inner = exif.get_ifd(_EXIF_IFD)
    taken = _exif_time(inner.get(_DATETIME_ORIGINAL) or exif.get(_DATETIME), inner.get(_OFFSET_ORIGINAL))
    if taken:
        details["captured_at"] = taken
    device = " ".join(_text(exif.get(tag)) for tag in (_MAKE, _MODEL) if _text(exif.get(tag)))
    if device:
        details["device"] = device[:200]
    position = _gps(exif.get_ifd(_GPS_IFD))
    if position:
        details["gps"] = position
    return details


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return str(value).replace("\x00", "").strip()[:100] if value is not None else ""


def _exif_time(value: Any, offset: Any) -> str | None:
    """ "2026:03:14 06:12:09" (and "+03:00") as ISO 8601; None when it is no date."""
    text = _text(value)
    try:
        taken = datetime.strptime(text, "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    zone = _text(offset)
    return taken.isoformat() + (zone if len(zone) == 6 and zone[0] in "+-" and zone[3] == ":" else "")


def _gps(gps: dict) -> dict[str, float] | None:
    """Latitude and longitude in decimal degrees from the GPS block's degrees, minutes and seconds."""
    try:
        latitude = _degrees(gps[2], gps.get(1))
        longitude = _degrees(gps[4], gps.get(3))
    except (KeyError, TypeError, ValueError, ZeroDivisionError, IndexError):
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180) or math.isnan(latitude + longitude):
        return None
    return {"latitude": round(latitude, 6), "longitude": round(longitude, 6)}


def _degrees(value, reference) -> float:
    degrees, minutes, seconds = (float(part) for part in value)
    sign = -1 if _text(reference).upper() in ("S", "W") else 1
    return sign * (degrees + minutes / 60 + seconds / 3600)


# --- recordings -----------------------------------------------------------------------------------

def _tool(name: str) -> str:
    found = shutil.which(name, path="/usr/bin:/bin:/usr/local/bin")
    if found is None:
        raise ServiceError(N_("caseapp cannot read recordings on this server (%(tool)s is not installed); nothing "
                              "was stored."), "file", tool=name)
    return found


# The demuxer each sniffed type is read with. Left to guess, ffmpeg skips an MP3's ID3 tag and reads what
# follows, which may be a playlist naming other files of the server: it is never left to guess.
_DEMUXERS = {"audio/mpeg": ("mp3", "mp3"), "audio/wav": ("wav", "wav"), "audio/ogg": ("ogg", "ogg"),
             "audio/mp4": ("mov", "mov,mp4,m4a,3gp,3g2,mj2"), "video/mp4": ("mov", "mov,mp4,m4a,3gp,3g2,mj2"),
             "video/webm": ("matroska", "matroska,webm")}


def _recording(path: str, mime: str, max_pixels: int) -> Probed:
    demuxer, expected = _DEMUXERS[mime]
    command = [_tool("ffprobe"), "-v", "error", "-protocol_whitelist", "file", "-f", demuxer, "-print_format", "json",
               "-show_format", "-show_streams", "file:" + path]
    try:
        done = subprocess.run(command, capture_output=True, timeout=TOOL_SECONDS, check=False)  # nosec B603
        report = json.loads(done.stdout or b"{}")
    except (subprocess.TimeoutExpired, ValueError):
        report = {}
    streams = [s for s in report.get("streams", []) if isinstance(s, dict)]
    container = report.get("format") or {}
    audio = [s for s in streams if s.get("codec_type") == "audio"]
    # A still picture inside an audio file (an album cover) is no video.
    video = [s for s in streams if s.get("codec_type") == "video" and not (s.get("disposition") or {}).get(
        "attached_pic")]
    if not audio and not video or container.get("format_name") != expected:
        raise ServiceError(N_("This recording could not be read (it may be damaged or cut short); nothing was "
                              "stored."), "file")
    kind = VIDEO if video else AUDIO
    if kind == AUDIO and mime.startswith("video/"):
        mime = "audio/mp4" if mime == "video/mp4" else "audio/webm"
    duration = _number(container.get("duration"))
    details: dict[str, Any] = {"codecs": [_text(s.get("codec_name")) for s in video + audio if s.get("codec_name")][:8],
                               "format": _text(container.get("format_long_name"))}
    tags = {str(k).lower(): _text(v) for k, v in (container.get("tags") or {}).items()}
    if tags.get("creation_time"):
        details["captured_at"] = tags["creation_time"][:40]
    position = _iso6709(tags.get("location") or tags.get("com.apple.quicktime.location.iso6709", ""))
    if position:
        details["gps"] = position
    device = " ".join(tags[k] for k in ("com.apple.quicktime.make", "com.apple.quicktime.model") if tags.get(k))
    if device:
        details["device"] = device[:200]
    width = height = None
    thumbnail = preview = None
    preview_type = ""
    if video:
        width, height = _whole(video[0].get("width")), _whole(video[0].get("height"))
        if width and height and width * height > max_pixels:
            raise ServiceError(N_("This video's picture is larger than caseapp opens (%(max)s million pixels); "
                                  "nothing was stored."), "file", max=max_pixels // 1_000_000)
        preview, preview_type, thumbnail = _still(path, demuxer, duration)
    return Probed(kind, mime, width, height, duration, details=details, preview=preview, preview_type=preview_type,
                  thumbnail=thumbnail)


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return round(number, 3) if math.isfinite(number) and number >= 0 else None


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and value > 0 else None


def _iso6709(value: str) -> dict[str, float] | None:
    """ "+52.3702+004.8952/" (ISO 6709, as phones write it) as latitude and longitude."""
    match = re.match(r"([+-]\d{1,2}(?:\.\d+)?)([+-]\d{1,3}(?:\.\d+)?)", value or "")
    if not match:
        return None
    latitude, longitude = float(match.group(1)), float(match.group(2))
    if -90 <= latitude <= 90 and -180 <= longitude <= 180:
        return {"latitude": round(latitude, 6), "longitude": round(longitude, 6)}
    return None


def _still(path: str, demuxer: str, duration: float | None) -> tuple[bytes | None, str, bytes | None]:
    """One frame of the video (a second in, or its middle when shorter) as a preview and a thumbnail."""
    from PIL import Image

    at = min(1.0, (duration or 0) / 2)
    command = [_tool("ffmpeg"), "-v", "error", "-nostdin", "-protocol_whitelist", "file", "-f", demuxer,
               "-ss", f"{at:.3f}", "-i", "file:" + path, "-frames:v", "1",
               "-vf", f"scale='min({PREVIEW_SIDE},iw)':-2", "-f", "image2pipe", "-vcodec", "png", "-"]
    try:
        done = subprocess.run(command, capture_output=True, timeout=TOOL_SECONDS, check=False)  # nosec B603
    except subprocess.TimeoutExpired:
        return None, "", None
    if done.returncode != 0 or not done.stdout.startswith(b"\x89PNG"):
        return None, "", None
    with Image.open(io.BytesIO(done.stdout)) as frame:
        picture = frame.convert("RGB")
        preview, preview_type = _encode(picture, PREVIEW_SIDE)
        thumbnail, _ = _encode(picture, THUMBNAIL_SIDE)
    return preview, preview_type, thumbnail
