"""The page the preview last showed of each review, kept to show again at the next start: the
web view loads it while the models and the window's parts load, where it used to wait for them
and for a render (ui/preview/early_page.py). The render that follows replaces it where it
differs, so a stale entry costs a reload, never a wrong page that stays.

An entry is the page as the live preview holds it (core/live_page.py: the skeleton and the
body's groups) under a key: a hash of the bundle's review.yaml and body.md as they are on disk
and of what renders them (the templates and CSS, the renderer's code). A change to any of them
is another key, and the entry is not used. The pages of the KEEP reviews last shown are kept."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reviewdesk.core import bundle_files, safe_files
from reviewdesk.core.resources import resource
from reviewdesk.core.user_files import cache_dir

FOLDER = "pages"
KEEP = 32
ENTRY_BYTES = 64 << 20
"""Past this an entry is no page: a 5 MiB body (the bundle's limit) renders to some 15 MiB."""
_FORMAT = 1  # of an entry's JSON


@dataclass(frozen=True)
class CachedPage:
    key: str  # page_key of the files it was rendered from
    skeleton: str
    groups: tuple[str, ...]
    lines: tuple[int, ...]


def page_key(folder: Path) -> str | None:
    """The key of the bundle's files as they are now; None when one cannot be read (the load
    says why)."""
    digest = hashlib.sha256(_renderer_stamp().encode())
    limits = {bundle_files.REVIEW_FILE: bundle_files.MAX_YAML_BYTES}
    for name in bundle_files.COMMITTED_FILES:
        try:
            data = safe_files.read_inside(
                folder, folder / name, limits.get(name, bundle_files.MAX_BODY_BYTES)
            )
        except FileNotFoundError:
            data = b""  # a bundle may have no body.md yet
        except (OSError, safe_files.UnsafeFile):
            return None
        digest.update(f"\0{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def load(folder: Path) -> CachedPage | None:
    """The page kept for `folder`, if its files and the renderer are as they were then."""
    key = page_key(folder)
    if key is None:
        return None
    try:
        entry = json.loads(safe_files.read_regular(_entry_path(folder), ENTRY_BYTES))
        page = CachedPage(
            entry["key"], entry["skeleton"], tuple(entry["groups"]), tuple(entry["lines"])
        )
    except (OSError, safe_files.UnsafeFile, ValueError, TypeError, KeyError):
        return None  # none, or one this version cannot read: rendered as if none
    if entry.get("format") != _FORMAT or page.key != key or not _well_typed(page):
        return None
    return page


def store(folder: Path, page: CachedPage) -> None:
    """Keep `page` for `folder`, in place of the one kept; a cache that cannot be written is
    no cache, never a failure."""
    from reviewdesk.core.atomic import write_atomic  # noqa: PLC0415 (not on the way to a look)

    entry = {
        "format": _FORMAT,
        "key": page.key,
        "skeleton": page.skeleton,
        "groups": page.groups,
        "lines": page.lines,
    }
    path = _entry_path(folder)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # the review's text
        write_atomic(path, json.dumps(entry, ensure_ascii=False, allow_nan=False).encode())
        _prune(path.parent)
    except OSError:
        pass  # a full disk or a read-only home: the next start renders first, as before


def _entry_path(folder: Path) -> Path:
    name = hashlib.sha256(os.fsencode(os.path.realpath(folder))).hexdigest()[:32]
    return cache_dir() / FOLDER / f"{name}.json"


def _well_typed(page: CachedPage) -> bool:
    return (
        isinstance(page.skeleton, str)
        and all(isinstance(group, str) for group in page.groups)
        and all(type(line) is int for line in page.lines)
        and len(page.lines) == len(page.groups)
    )


def _prune(folder: Path) -> None:
    """The pages of the KEEP reviews written last stay."""
    entries = sorted(folder.glob("*.json"), key=_modified, reverse=True)
    for stale in entries[KEEP:]:
        stale.unlink(missing_ok=True)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@cache
def _renderer_stamp() -> str:
    """What renders the page, as names, sizes and times: the templates and CSS, and the code
    (the executable of a frozen app, else the core package's sources)."""
    if getattr(sys, "frozen", False):
        code = [Path(sys.executable)]
    else:
        code = sorted(Path(__file__).parent.rglob("*.py"))
    files = [*code]
    for name in ("templates", "css"):
        with contextlib.suppress(OSError):
            files.extend(sorted(resource(name).iterdir()))
    stamps = []
    for path in files:
        try:
            info = path.stat()
        except OSError:
            continue
        stamps.append(f"{path.name}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(stamps)
