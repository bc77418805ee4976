"""Finding the bundles in reviews folders, with what tells whether each changed since it was
last read: the size, time and file of its review.yaml and body.md.

A reviews folder holds bundles, perhaps in sub-folders (by year, by site). The walk never goes
into a bundle, an assets/ folder or a hidden folder (.git), and reads no file. As the batch
export finds bundles (core/bundle_tree.py), a link to a folder met on the way is not followed (a
link back up would loop; `all -> /` would walk the disk), while a folder given is followed
wherever it leads; each folder is visited once (folders given inside each other)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reviewdesk.core.bundle import ASSETS_DIR, BODY_FILE, REVIEW_FILE

MAX_DEPTH = 32  # reviews by site, year and month are 3 deep; this is only a guard
# A file changed this recently may change again within its time's resolution (2 s on FAT,
# 1 s on HFS+) keeping its size and time: its signature is not trusted until it is older.
RACY_NS = 2_000_000_000
UNTRUSTED = "racy"


@dataclass(frozen=True)
class Found:
    folder: Path  # absolute, as reached from the root given
    signature: str  # equal signatures: the bundle need not be read again
    modified: float  # newest mtime of review.yaml and body.md, seconds since the epoch


@dataclass(frozen=True)
class Walk:
    found: list[Found]
    # Folders that could not be listed: what the index holds under them is kept as it is.
    unlisted: list[Path]
    cancelled: bool = False


def absolute(folder: Path) -> Path:
    """A folder as the index keys it: absolute, `..` resolved, links kept as given."""
    return Path(os.path.abspath(folder))


def walk(roots: Sequence[Path], cancelled: Callable[[], bool] = lambda: False) -> Walk:
    """The bundles in `roots` (each a reviews folder or a bundle), each found once."""
    found: list[Found] = []
    unlisted: list[Path] = []
    seen: set[tuple[int, int]] = set()
    now = time.time_ns()
    for root in roots:
        stack = [(absolute(root), 0)]
        while stack:
            if cancelled():
                return Walk(found, unlisted, cancelled=True)
            folder, depth = stack.pop()
            if not _first_visit(folder, seen):
                continue
            if os.path.lexists(folder / REVIEW_FILE):
                found.append(_found(folder, now))
            elif depth < MAX_DEPTH:
                children = _subfolders(folder)
                if children is None:
                    unlisted.append(folder)
                else:
                    stack.extend((child, depth + 1) for child in reversed(children))
    return Walk(found, unlisted)


def _first_visit(folder: Path, seen: set[tuple[int, int]]) -> bool:
    try:
        info = folder.stat()
    except OSError:
        return False  # gone, or a dangling link
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


def _subfolders(folder: Path) -> list[Path] | None:
    """The folders in `folder` worth looking into, by name; None when it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if not e.name.startswith(".") and _is_dir(e))
    except OSError:
        return None
    return [folder / name for name in names]


def _is_dir(entry: os.DirEntry[str]) -> bool:
    if entry.name == ASSETS_DIR:
        return False
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _found(folder: Path, now_ns: int) -> Found:
    parts: list[str] = []
    newest = 0
    for name in (REVIEW_FILE, BODY_FILE):
        try:
            info = os.stat(folder / name)
        except OSError:
            parts.append("-")
            continue
        parts.append(f"{info.st_size}:{info.st_mtime_ns}:{info.st_ino}")
        newest = max(newest, info.st_mtime_ns)
    if newest > now_ns - RACY_NS:
        parts.append(UNTRUSTED)  # never equal to what the next walk finds: read again then
    return Found(folder, "/".join(parts), newest / 1e9)


def needs_reading(stored: str | None, found: Found) -> bool:
    """Whether the bundle must be read: new, changed, or last read too soon after a change."""
    return stored is None or stored != found.signature or stored.endswith(UNTRUSTED)
