"""Bundles for the library's tests, written as the app writes them, then set back in time so
that the index trusts their times (library_scan.RACY_NS)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from reviewdesk.core import bundle
from reviewdesk.core.model import Review

AGE_NS = 60_000_000_000


def write(folder: Path, title: str = "A review", body: str = "Some words.\n", **keys: Any) -> Path:
    bundle.save(Review(title=title, body=body, **keys), folder)
    age(folder)
    return folder


def age(folder: Path) -> None:
    """The bundle's files a minute older than they are."""
    for name in (bundle.REVIEW_FILE, bundle.BODY_FILE):
        path = folder / name
        if path.exists() and not path.is_symlink():
            info = path.stat()
            os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - AGE_NS))


def write_files(folder: Path, yaml_text: str | bytes, body: str | bytes = "Words.\n") -> Path:
    """A bundle from the text of its files, as a hand or another program writes them."""
    folder.mkdir(parents=True)
    for name, content in ((bundle.REVIEW_FILE, yaml_text), (bundle.BODY_FILE, body)):
        (folder / name).write_bytes(content.encode() if isinstance(content, str) else content)
    age(folder)
    return folder


def refuse_listing(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """`folder` cannot be listed, as a folder without read permission is for a user (root, as
    the tests may run, lists any folder whatever its mode)."""
    scandir = os.scandir

    def listing(path: Any) -> Any:
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", listing)  # library_scan calls os.scandir
