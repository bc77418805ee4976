"""Files a review refers to: the hero and the images of the body, all inside the bundle."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from reviewdesk.core import safe_files
from reviewdesk.core.image_sources import HTML_IMAGE, MARKDOWN_IMAGE

if TYPE_CHECKING:
    from reviewdesk.core.model import Review

IMAGE_BYTES_MAX = 64 << 20
"""The most an image may weigh to be embedded, copied or shown: far beyond any page's needs,
and a cap on what a hostile review can make us read."""


class AssetError(ValueError):
    """An image path of the review that cannot be used; the text names it and says why."""


class AssetMissingError(AssetError):
    """An image path that names no file (yet): the review is sound, the image is not there."""


@dataclass(frozen=True)
class ImageRef:
    line: int  # 1-based, in body.md
    src: str
    alt: str | None  # None when the markup gives no alt at all


def is_local(src: str) -> bool:
    """A path relative to the bundle, not a URL (http:, data:, //host, #anchor)."""
    parts = urlsplit(src)
    return not (parts.scheme or parts.netloc or src.startswith(("#", "/")))


def relative(src: str) -> str:
    """The bundle path `src` names, as written to disk: percent-decoded, without `./` or empty
    parts. AssetError for a path that could climb out (`..`, also as `%2e%2e`), an absolute
    path, a backslash or a NUL: those name no file of the bundle."""
    if not is_local(src):
        raise AssetError(f"{src!r} is not a path inside the bundle")
    decoded = unquote(urlsplit(src).path)
    if "\\" in decoded:
        raise AssetError(f"{src!r} has a backslash; use forward slashes")
    if "\0" in decoded:
        raise AssetError(f"{src!r} has a NUL character")
    if decoded.startswith("/"):
        raise AssetError(f"{src!r} is an absolute path; give one relative to the bundle")
    parts = [part for part in decoded.split("/") if part not in ("", ".")]
    if ".." in parts:
        raise AssetError(f"{src!r} uses '..'; give the path from the bundle's folder down")
    if not parts:
        raise AssetError(f"{src!r} names no file")
    return "/".join(parts)


def resolve(folder: Path, src: str, *, within: str = "the review") -> Path:
    """The regular file `src` names inside the bundle `folder`, links followed. AssetMissingError
    when there is none; AssetError when it would leave the bundle (by its path or a link) or
    is no regular file (a FIFO, a device, a folder): such a file is never read."""
    try:
        return safe_files.regular_file_inside(folder, folder / relative(src), within=within)
    except safe_files.UnsafeFile as unsafe:
        raise AssetError(f"{src!r} {unsafe.message}") from None
    except (FileNotFoundError, NotADirectoryError):
        raise AssetMissingError(f"{src!r} does not exist") from None
    except OSError as error:
        raise AssetError(f"{src!r} cannot be read: {error.strerror}") from None


def body_images(markdown: str) -> list[ImageRef]:
    images: list[ImageRef] = []
    for number, line in enumerate(markdown.splitlines(), start=1):
        if "![" in line:
            images += [ImageRef(number, m["src"], m["alt"]) for m in MARKDOWN_IMAGE.finditer(line)]
        if "<img" in line.lower():
            images += [ImageRef(number, m["src"], None) for m in HTML_IMAGE.finditer(line)]
    return images


def local_paths(review: Review) -> list[str]:
    """Every bundle-relative file the review shows, hero first, without repeats."""
    found = [review.hero.image] if review.hero else []
    found += [image.src for image in body_images(review.body) if is_local(image.src)]
    return list(dict.fromkeys(found))
