"""The rendered parts of a review that every export and the preview share."""

from __future__ import annotations

import base64
import mimetypes
from collections.abc import Mapping
from pathlib import Path

from reviewdesk.core import assets, image_size
from reviewdesk.core.exports.base import Asset
from reviewdesk.core.model import Review


def local_assets(review: Review, folder: Path) -> tuple[list[Asset], list[str]]:
    """The bundle files the review shows that exist, and a warning for each that cannot
    be used (missing, or leaving the bundle) or is far larger than a page needs."""
    found: list[Asset] = []
    warnings: list[str] = []
    for src in assets.local_paths(review):
        try:
            path = assets.resolve(folder, src)
        except assets.AssetError as error:
            warnings.append(f"image {error}; not exported")
            continue
        if path.is_file():
            found.append(Asset(path, src))
            if oversize := image_size.oversize(path):
                warnings.append(f"image {src!r} {oversize}")
        else:
            warnings.append(f"image {src!r} does not exist; not exported")
    return found, warnings


def data_uris(files: list[Asset]) -> Mapping[str, str]:
    """`assets/x.png` -> `data:image/png;base64,...`, for self-contained pages."""
    uris = {}
    for asset in files:
        kind = mimetypes.guess_type(asset.source.name)[0] or "application/octet-stream"
        encoded = base64.b64encode(asset.source.read_bytes()).decode("ascii")
        uris[asset.target] = f"data:{kind};base64,{encoded}"
    return uris


def absolute_url(base: str | None, src: str) -> str:
    """`src` under `base` when both exist and `src` is a bundle path."""
    if base and assets.is_local(src):
        return base.rstrip("/") + "/" + src
    return src
