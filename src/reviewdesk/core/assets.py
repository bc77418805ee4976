"""Files a review refers to: the hero and the images of the body, all inside the bundle."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from reviewdesk.core.model import Review

# ![alt](src "title"), <img src="...">, and reference definitions `[id]: src`.
_MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]\n]*)\]\(\s*<?(?P<src>[^)\s>]+)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']?(?P<src>[^\"'\s>]+)", re.IGNORECASE)


class AssetError(ValueError):
    pass


@dataclass(frozen=True)
class ImageRef:
    line: int  # 1-based, in body.md
    src: str
    alt: str | None  # None when the markup gives no alt at all


def is_local(src: str) -> bool:
    """A path relative to the bundle, not a URL (http:, data:, //host, #anchor)."""
    parts = urlsplit(src)
    return not (parts.scheme or parts.netloc or src.startswith(("#", "/")))


def resolve(folder: Path, src: str) -> Path:
    """The file `src` names inside `folder`; AssetError if it would leave the bundle,
    by `..`, an absolute path or a symlink pointing out."""
    if not is_local(src):
        raise AssetError(f"{src!r} is not a path inside the bundle")
    relative = unquote(urlsplit(src).path)
    root = folder.resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root):
        raise AssetError(f"{src!r} leaves the bundle")
    return target


def body_images(markdown: str) -> list[ImageRef]:
    images: list[ImageRef] = []
    for number, line in enumerate(markdown.splitlines(), start=1):
        if "![" in line:
            images += [ImageRef(number, m["src"], m["alt"]) for m in _MARKDOWN_IMAGE.finditer(line)]
        if "<img" in line.lower():
            images += [ImageRef(number, m["src"], None) for m in _HTML_IMAGE.finditer(line)]
    return images


def local_paths(review: Review) -> list[str]:
    """Every bundle-relative file the review shows, hero first, without repeats."""
    found = [review.hero.image] if review.hero else []
    found += [image.src for image in body_images(review.body) if is_local(image.src)]
    return list(dict.fromkeys(found))
