"""Recovery copies: the unsaved state of an open review, written a few seconds after each
edit into the user's data folder (never over the bundle), and offered back after a crash."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reviewdesk.core import bundle
from reviewdesk.core.atomic import write_atomic
from reviewdesk.core.model import Review
from reviewdesk.core.problems import BundleError
from reviewdesk.core.user_files import data_dir

ORIGIN_FILE = "origin.txt"


@dataclass(frozen=True)
class Recovered:
    review: Review
    saved_at: datetime


def recovery_root() -> Path:
    return data_dir() / "recovery"


def slot(folder: Path | None) -> Path:
    """The recovery folder of the bundle at `folder` (one per bundle, by its resolved path)."""
    key = str(folder.resolve()) if folder else "untitled"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    name = folder.name if folder else "untitled"
    return recovery_root() / f"{name[:40]}-{digest}"


def write(review: Review, folder: Path | None) -> Path:
    """Save `review` as the recovery copy for `folder`; return where."""
    target = slot(folder)
    bundle.save(review, target)
    write_atomic(target / ORIGIN_FILE, str(folder or "").encode("utf-8"))
    return target


def find(folder: Path | None) -> Recovered | None:
    """The recovery copy for `folder`, when there is one that can be read."""
    target = slot(folder)
    if not (target / bundle.REVIEW_FILE).exists():
        return None
    try:
        review = bundle.load(target)
    except BundleError:
        return None
    stamp = (target / bundle.REVIEW_FILE).stat().st_mtime
    return Recovered(review, datetime.fromtimestamp(stamp, tz=UTC))


def discard(folder: Path | None) -> None:
    shutil.rmtree(slot(folder), ignore_errors=True)
