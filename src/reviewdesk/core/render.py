"""The rendered parts of a review that every export and the preview share."""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping
from pathlib import Path

from reviewdesk.core import assets, image_size, safe_files
from reviewdesk.core.exports.base import Asset
from reviewdesk.core.media_types import media_type
from reviewdesk.core.model import Review


def local_assets(review: Review, folder: Path) -> tuple[list[Asset], list[str]]:
    """The bundle files the review shows that can be used (see Asset: `target` as the review
    writes it, `path` the bundle path), and a warning for each that cannot be (missing, leaving
    the bundle, no regular file, too heavy) or is far larger than a page needs."""
    found: list[Asset] = []
    warnings: list[str] = []
    for src in assets.local_paths(review):
        try:
            path = assets.resolve(folder, src)
            size = os.stat(path).st_size
        except assets.AssetError as error:
            warnings.append(f"image {error}; not exported")
            continue
        except OSError as error:  # gone since it was resolved
            warnings.append(f"image {src!r} cannot be read: {error.strerror}; not exported")
            continue
        if size > assets.IMAGE_BYTES_MAX:
            limit = safe_files.amount(assets.IMAGE_BYTES_MAX)
            warnings.append(
                f"image {src!r} is {safe_files.amount(size)}; the limit is {limit}; not exported"
            )
            continue
        found.append(Asset(path, src, assets.relative(src)))
        if oversize := image_size.oversize(path):
            warnings.append(f"image {src!r} {oversize}")
    return found, warnings


def data_uris(files: list[Asset]) -> Mapping[str, str]:
    """`assets/x.png` -> `data:image/png;base64,...`, for
    self-contained pages. A file that can no longer be read safely is left out."""
    uris = {}
    for asset in files:
        kind = media_type(asset.source.name)
        try:
            data = safe_files.read_regular(asset.source, assets.IMAGE_BYTES_MAX)
        except (safe_files.UnsafeFile, OSError):
            continue  # changed since `local_assets` looked: the page links it instead
        uris[asset.target] = f"data:{kind};base64,{base64.b64encode(data).decode()}"
    return uris


def absolute_url(base: str | None, src: str) -> str:
    """`src` under `base` when both exist and `src` is a bundle path."""
    if base and assets.is_local(src):
        return base.rstrip("/") + "/" + src
    return src
