"""Bringing a file into the bundle's assets/, once, under a name that is free."""

from __future__ import annotations

import os
from pathlib import Path

from reviewdesk.core import bundle, safe_files
from reviewdesk.core.assets import IMAGE_BYTES_MAX, AssetError
from reviewdesk.core.destination import Destination
from reviewdesk.core.media_types import image_filter

IMAGE_FILTER = image_filter()


def import_asset(folder: Path, source: Path) -> str:
    """Copy `source` into `folder/assets/` (unless it is already there) and return its
    bundle-relative path. AssetError says why when it cannot be: a source that is no regular
    file (a FIFO would block), too heavy, or an `assets` that is no folder of the bundle."""
    assets = folder / bundle.ASSETS_DIR
    try:
        inside = safe_files.folder_inside(folder, assets)
    except safe_files.UnsafeFile as unsafe:
        raise AssetError(f"{assets} {unsafe.message}") from None
    except FileNotFoundError:
        inside = None
    except OSError as error:
        raise AssetError(f"{assets} cannot be read: {error.strerror}") from None
    if inside is not None and Path(os.path.realpath(source)).parent == inside:
        return f"{bundle.ASSETS_DIR}/{source.name}"
    try:
        data = safe_files.read_regular(source, IMAGE_BYTES_MAX)
    except safe_files.UnsafeFile as unsafe:
        raise AssetError(f"{source} {unsafe.message}") from None
    except OSError as error:
        raise AssetError(f"{source} cannot be read: {error.strerror}") from None
    target = _free_name(assets, source)
    try:
        with Destination(folder) as copy:
            copy.write(target, data)
    except OSError as error:
        raise AssetError(f"{error.filename}: {error.strerror}") from None
    return f"{bundle.ASSETS_DIR}/{target.name}"


def _free_name(assets: Path, source: Path) -> Path:
    target = assets / source.name
    counter = 2
    while os.path.lexists(target):
        target = assets / f"{source.stem}-{counter}{source.suffix}"
        counter += 1
    return target
