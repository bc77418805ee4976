"""How big an image of the bundle is, read from its header alone (a 100-megapixel photo is
never decoded to be measured), and whether that is too big to publish."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG

from reviewdesk.core import safe_files

LONG_SIDE_MAX = 2560
"""Pixels on the long side a page needs at most (WordPress scales larger uploads down to it)."""
FILE_BYTES_MAX = 5 * 1024 * 1024


@dataclass(frozen=True)
class ImageSize:
    width: int | None  # None when the header does not say (SVG without a size, a broken file)
    height: int | None
    file_bytes: int


def measure(path: Path) -> ImageSize | None:
    """The size of the image at `path`; None when it is not a readable regular file (a FIFO
    would block the header reader forever)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    if not S_ISREG(stat.st_mode):
        return None
    return _measure(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)  # the checks run after every pause in typing; the files rarely change
def _measure(path: str, _mtime_ns: int, file_bytes: int) -> ImageSize:
    import imagesize  # noqa: PLC0415 (it imports urllib.request, ssl...: 12 ms of the app's start)

    try:
        # Opened here, not by imagesize: only a regular file, never waiting on a FIFO.
        with os.fdopen(safe_files.open_regular(Path(path)), "rb") as stream:
            width, height = imagesize.get(stream)
    except Exception:  # any bytes at all may sit in a file named .png: it just has no size
        width = height = -1
    if width <= 0 or height <= 0:
        return ImageSize(None, None, file_bytes)
    return ImageSize(width, height, file_bytes)


def pixels(width: int, height: int) -> str:
    return f"{width:,} \N{MULTIPLICATION SIGN} {height:,} px"


def oversize(path: Path) -> str | None:
    """Why the image at `path` is too large to publish as it is, or None."""
    size = measure(path)
    return too_large(size) if size else None


def too_large(size: ImageSize) -> str | None:
    """Why readers would download far more than the page shows, or None."""
    dimensions = f"{pixels(size.width, size.height)}, " if size.width and size.height else ""
    what = f"{dimensions}{_megabytes(size.file_bytes)}"
    if size.width and size.height and max(size.width, size.height) > LONG_SIDE_MAX:
        return f"is {what}; {LONG_SIDE_MAX:,} px on the long side is plenty for a page"
    if size.file_bytes > FILE_BYTES_MAX:
        return f"is {what}; readers download all of it, so compress it"
    return None


def _megabytes(count: int) -> str:
    return f"{count / 1024 / 1024:.1f} MB" if count >= 100 * 1024 else f"{count // 1024} KB"
