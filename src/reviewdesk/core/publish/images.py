"""The review's own images as publishing sends them: their bytes, content hash (an image is
uploaded once, whatever its name), and the alt text and caption the review gives them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from reviewdesk.core import assets, render, safe_files
from reviewdesk.core.media_types import media_type
from reviewdesk.core.model import Review


@dataclass(frozen=True)
class BundleImage:
    path: str  # as the review writes it
    digest: str  # sha256 of the bytes
    data: bytes
    alt: str
    caption: str

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name

    @property
    def mime(self) -> str:
        return media_type(self.name)


def bundle_images(review: Review, folder: Path) -> tuple[list[BundleImage], list[str]]:
    """The hero and the body's images that are files of the bundle, and warnings for those
    missing or unreadable (published without them)."""
    found, warnings = render.local_assets(review, folder)
    warnings = [warning.replace("not exported", "not published") for warning in warnings]
    alts = {image.src: image.alt or "" for image in assets.body_images(review.body)}
    hero = review.hero
    images = []
    for asset in found:
        try:
            data = safe_files.read_regular(asset.source, assets.IMAGE_BYTES_MAX)
        except (safe_files.UnsafeFile, OSError) as error:
            warnings.append(f"image {asset.target!r} cannot be read: {error}")
            continue
        is_hero = hero is not None and asset.target == hero.image
        alt = hero.alt if hero is not None and is_hero else alts.get(asset.target, "")
        caption = hero.caption if hero is not None and is_hero else ""
        digest = hashlib.sha256(data).hexdigest()
        images.append(BundleImage(asset.target, digest, data, alt, caption))
    return images, warnings
