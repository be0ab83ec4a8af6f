"""How long caseapp takes to read a photo or a recording it is sent, beside the bare libraries on the same file.

    python bench/media_read.py

For each file it prints the seconds of `media.probe` (decode, measure, EXIF, preview and thumbnail) in this
process, the same through the sandbox's child process (what an upload pays: a fresh Python, its limits),
and the bare yardstick in the same run: Pillow decoding the whole image, or ffprobe reading the recording.
Only the ratios hold from one machine to another. Files are made here (tests/media_files.py).
"""
from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image  # noqa: E402

from caseapp import sandbox  # noqa: E402
from caseapp.sources import media  # noqa: E402
from tests import media_files  # noqa: E402

MAX_PIXELS = 100_000_000


def best(work, *args, runs: int = 3, **kwargs) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work(*args, **kwargs)
        times.append(time.perf_counter() - started)
    return min(times)


def decode(path: Path) -> None:
    with Image.open(path) as image:
        image.load()


def ffprobe(path: Path) -> None:
    subprocess.run(["ffprobe", "-v", "error", "-show_format", "-show_streams", str(path)], capture_output=True,
                   check=True)


def photo(width: int, height: int, kind: str) -> bytes:
    if kind == "JPEG":
        return media_files.jpeg_with_exif(width, height)
    output = io.BytesIO()
    media_files.picture(width, height).save(output, kind)
    return output.getvalue()


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="caseapp-media-bench-"))
    files = {
        "JPEG 12 MP (4000 × 3000)": photo(4000, 3000, "JPEG"),
        "JPEG 48 MP (8000 × 6000)": photo(8000, 6000, "JPEG"),
        "PNG 12 MP": photo(4000, 3000, "PNG"),
        "WAV 10 minutes": media_files.wav(seconds=600),
        "MP4 30 s (320 × 240)": media_files.ffmpeg("mp4", folder, seconds=30),
    }
    limits = sandbox.Limits(120, 2048)
    print(f"{'file':28} {'MB':>6} {'probe':>8} {'sandbox':>8} {'bare':>8}  bare is")
    for name, data in files.items():
        path = folder / name.split()[0].lower()
        path.write_bytes(data)
        mime = media.sniff(data[:64]).mime
        probe = best(media.probe, str(path), mime, MAX_PIXELS)
        child = best(sandbox.run, media.probe, str(path), mime, MAX_PIXELS, limits=limits, pool="media")
        bare, label = (decode, "Pillow decoding it whole") if mime.startswith("image/") else (ffprobe, "ffprobe alone")
        print(f"{name:28} {len(data) / 1e6:6.1f} {probe:8.3f} {child:8.3f} {best(bare, path):8.3f}  {label}")


if __name__ == "__main__":
    main()
