"""The media type of a bundle's file, from its name, the same on every machine.

Python's `mimetypes` reads the machine's own tables (/etc/mime.types, the Windows registry)
over a built-in one that lacks WebP before Python 3.13: where the machine has no table, a
WebP image would be served to the preview, put in a page's data: URI and uploaded to Ghost or
WordPress as application/octet-stream, which Ghost refuses as no image. The images a review
may hold have their types here; anything else is left to `mimetypes`, read only then."""

from __future__ import annotations

from pathlib import PurePath
from typing import Final

IMAGE_TYPES: Final = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
"""The images a writer can put in a review (the image dialogs and drops take these)."""

UNKNOWN: Final = "application/octet-stream"


def media_type(name: str) -> str:
    """The media type of a file called `name` (a name or a path)."""
    known = IMAGE_TYPES.get(PurePath(name).suffix.lower())
    if known is not None:
        return known
    import mimetypes  # noqa: PLC0415 (it reads the machine's tables: not for an image)

    return mimetypes.guess_type(name)[0] or UNKNOWN


def is_image_name(name: str) -> bool:
    return PurePath(name).suffix.lower() in IMAGE_TYPES


def image_filter() -> str:
    """A file dialog's filter for the images a review can hold."""
    return "Images (" + " ".join(f"*{suffix}" for suffix in IMAGE_TYPES) + ")"
