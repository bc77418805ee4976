"""Recovery copies: the unsaved state of an open review, written a few seconds after each
edit into the user's data folder (never over the bundle), and offered back after a crash.

Each bundle has one live copy, rewritten by autosave (a review never saved has one too). A
copy the writer puts off ("Later") is set aside under `kept/`, where the autosave of new edits
cannot write over it, and is offered again."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from reviewdesk.core import bundle
from reviewdesk.core.atomic import write_atomic
from reviewdesk.core.model import Review
from reviewdesk.core.problems import BundleError
from reviewdesk.core.user_files import recovery_dir

ORIGIN_FILE = "origin.txt"
KEPT_DIR = "kept"  # never a live slot's name: those end in a hyphen and a digest


@dataclass(frozen=True)
class Recovered:
    review: Review
    saved_at: datetime
    origin: Path | None  # the bundle it is a copy of; None for a review never saved
    place: Path  # its own folder, under recovery_root()


def recovery_root() -> Path:
    return recovery_dir()


def slot(folder: Path | None) -> Path:
    """The live recovery folder of the bundle at `folder` (one per bundle, by its resolved
    path; one for a review never saved)."""
    key = str(folder.resolve()) if folder else "untitled"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    name = folder.name if folder else "untitled"
    return recovery_root() / f"{name[:40]}-{digest}"


def same_bundle(one: Path | None, other: Path | None) -> bool:
    return slot(one) == slot(other)


def write(review: Review, folder: Path | None) -> Path:
    """Save `review` as the live recovery copy for `folder`; return where."""
    target = slot(folder)
    bundle.save(review, target)
    # Written last, and every time: its time is the copy's (bundle.save skips same bytes).
    write_atomic(target / ORIGIN_FILE, str(folder or "").encode("utf-8"))
    return target


def read(place: Path) -> Recovered | None:
    """The copy in `place`, when there is one that can be read."""
    try:
        review = bundle.load(place)
        origin = (place / ORIGIN_FILE).read_text(encoding="utf-8")
        stamp = (place / ORIGIN_FILE).stat().st_mtime
    except (BundleError, OSError, UnicodeDecodeError):
        return None
    saved_at = datetime.fromtimestamp(stamp, tz=UTC)
    return Recovered(review, saved_at, Path(origin) if origin else None, place)


def find(folder: Path | None) -> Recovered | None:
    """The live recovery copy for `folder`, when there is one that can be read."""
    return read(slot(folder))


def of(folder: Path | None) -> list[Recovered]:
    """Every copy of `folder`'s review, live or set aside, newest first."""
    return _newest_first(c for c in _all() if same_bundle(c.origin, folder))


def pending() -> list[Recovered]:
    """The copies holding changes their bundle lacks, newest first: those of a review never
    saved, of a bundle gone or unreadable, or written after the bundle and unlike it. A copy
    older than its bundle was saved over since, and is left for when that review opens."""
    return _newest_first(copy for copy in _all() if _unsaved(copy))


def discard(folder: Path | None) -> None:
    """Remove the live copy of `folder` (copies set aside stay)."""
    shutil.rmtree(slot(folder), ignore_errors=True)


def discard_copy(copy: Recovered) -> None:
    shutil.rmtree(copy.place, ignore_errors=True)


def set_aside(copy: Recovered) -> Recovered:
    """Move a live copy under `kept/`, out of reach of the autosave of new edits."""
    kept = recovery_root() / KEPT_DIR
    if copy.place.parent == kept:
        return copy
    kept.mkdir(parents=True, exist_ok=True)
    target = kept / f"{copy.place.name}-{time.time_ns()}"
    os.replace(copy.place, target)
    return replace(copy, place=target)


def _all() -> list[Recovered]:
    root = recovery_root()
    places = [*_folders(root), *_folders(root / KEPT_DIR)]
    return [copy for place in places if place.name != KEPT_DIR and (copy := read(place))]


def _folders(parent: Path) -> list[Path]:
    with contextlib.suppress(OSError):
        return [p for p in parent.iterdir() if p.is_dir() and not p.is_symlink()]
    return []


def _unsaved(copy: Recovered) -> bool:
    if copy.origin is None:
        return True
    try:
        saved = bundle.load(copy.origin)
        stamps = [(copy.origin / name).stat().st_mtime for name in bundle.COMMITTED_FILES]
    except (BundleError, OSError):
        return True  # gone or unreadable: the copy is all there is
    return copy.saved_at.timestamp() > max(stamps) and copy.review != saved


def _newest_first(copies: Iterable[Recovered]) -> list[Recovered]:
    return sorted(copies, key=lambda copy: copy.saved_at, reverse=True)
