"""Bringing a file into the bundle's assets/, once, under a name that is free."""

from __future__ import annotations

import shutil
from pathlib import Path

from reviewdesk.core import bundle

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.gif *.webp *.svg)"


def import_asset(folder: Path, source: Path) -> str:
    """Copy `source` into `folder/assets/` (unless it is already there) and return its
    bundle-relative path."""
    assets = folder / bundle.ASSETS_DIR
    if source.resolve().parent == assets.resolve():
        return f"{bundle.ASSETS_DIR}/{source.name}"
    assets.mkdir(exist_ok=True)
    target = assets / source.name
    counter = 2
    while target.exists():
        target = assets / f"{source.stem}-{counter}{source.suffix}"
        counter += 1
    shutil.copyfile(source, target)
    return f"{bundle.ASSETS_DIR}/{target.name}"
