"""Photos and recordings made for the tests, with the metadata a phone or a camera writes (written here, not
downloaded): JPEG with EXIF time, device and GPS position, PNG, WebP, multi-page TIFF, HEIC; WAV from the
standard library; MP3, Ogg, M4A, MP4 and WebM made by Debian's ffmpeg from its own test signals."""
from __future__ import annotations

import io
import struct
import subprocess
import wave
import zlib
from fractions import Fraction
from pathlib import Path

from PIL import Image

# Amsterdam Centraal, as a camera writes it: degrees, minutes, seconds
LATITUDE, LONGITUDE = 52.378900, 4.900200


def _dms(value: float):
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60, 4)
    return (Fraction(degrees), Fraction(minutes), Fraction(seconds).limit_denominator(10000))


def picture(width: int = 640, height: int = 480, colour=(180, 40, 40)) -> Image.Image:
    image = Image.new("RGB", (width, height), colour)
    for x in range(0, width, 40):  # something to see in a screenshot
        image.paste((240, 240, 240), (x, 0, x + 4, height))
    return image


def jpeg_with_exif(width: int = 640, height: int = 480, gps: bool = True, orientation: int | None = None) -> bytes:
    image = picture(width, height)
    exif = Image.Exif()
    exif[271] = "Fairphone"  # Make
    exif[272] = "FP5"  # Model
    if orientation:
        exif[274] = orientation
    exif.get_ifd(0x8769)[36867] = "2025:03:14 06:12:09"  # DateTimeOriginal
    exif.get_ifd(0x8769)[36881] = "+03:00"  # OffsetTimeOriginal
    if gps:
        block = exif.get_ifd(0x8825)
        block[1], block[2] = "N", _dms(LATITUDE)
        block[3], block[4] = "E", _dms(LONGITUDE)
    output = io.BytesIO()
    image.save(output, "JPEG", exif=exif, quality=80)
    return output.getvalue()


def image_bytes(kind: str, width: int = 320, height: int = 200) -> bytes:
    output = io.BytesIO()
    image = picture(width, height)
    if kind == "PNG":
        rgba = image.convert("RGBA")
        rgba.putpixel((0, 0), (0, 0, 0, 0))
        rgba.save(output, "PNG")
    elif kind == "WEBP":
        image.save(output, "WEBP")
    elif kind == "TIFF":
        image.save(output, "TIFF", save_all=True, append_images=[picture(width, height, (20, 90, 160))])
    elif kind == "HEIC":
        import pillow_heif
        pillow_heif.register_heif_opener()
        image.save(output, "HEIF", quality=60)
    else:
        image.save(output, kind)
    return output.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A PNG of a few bytes whose header declares width × height pixels (a decompression bomb's shape)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + \
        chunk(b"IEND", b"")


def wav(seconds: float = 2.0, rate: int = 8000) -> bytes:
    output = io.BytesIO()
    with wave.open(output, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(b"\x00\x10" * int(seconds * rate))
    return output.getvalue()


def ffmpeg(kind: str, folder: Path, seconds: float = 2.0) -> bytes:
    """A recording made by ffmpeg from its test signals: mp3, ogg, m4a (audio), mp4, webm (video with sound)."""
    target = folder / f"made.{kind}"
    tone = ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"]
    picture_in = ["-f", "lavfi", "-i", f"testsrc=size=320x240:rate=10:duration={seconds}"]
    codecs = {"mp3": tone + ["-c:a", "libmp3lame"], "ogg": tone + ["-c:a", "libvorbis"],
              "m4a": tone + ["-c:a", "aac"],
              "mp4": picture_in + tone + ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac",
                                          "-metadata", "location=+52.3789+004.9002/"],
              "webm": picture_in + tone + ["-c:v", "libvpx", "-c:a", "libvorbis"]}[kind]
    subprocess.run(["ffmpeg", "-v", "error", "-y", *codecs, "-shortest", str(target)], check=True, timeout=120)
    return target.read_bytes()
