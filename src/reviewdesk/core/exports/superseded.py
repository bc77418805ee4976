"""The other page of a review at the same address of a site: a static-site export writes the
page as HTML (sanitized) or as Markdown (`--raw-html`), and a page left from the other kind
would stay live beside it. Hugo then builds one of the two, silently; Jekyll warns of a
conflict and may keep the old one, which may hold the very scripts the new one left out."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from reviewdesk.core import front_matter, safe_files
from reviewdesk.core.exports.base import ExportResult
from reviewdesk.core.exports.static_site import LAYOUT

_PAGE_BYTES_MAX = 8 << 20  # more than any page this writes


def retire(result: ExportResult, root: Path) -> tuple[list[Path], list[str]]:
    """Remove the pages of `root` (the site's folder) that `result` replaces, when they are
    pages this export wrote (their front matter names our layout); a page of the writer's
    own at that address is left, with a warning. Returns what was removed and the warnings."""
    removed: list[Path] = []
    warnings: list[str] = []
    for location in result.supersedes:
        path = root / location
        if not _is_file(path):
            continue
        if _ours(root, path):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            removed.append(path)
        else:
            warnings.append(
                f"{path} is another page at the same address; the site builds only one of "
                "them: remove it"
            )
    return removed, warnings


def _is_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _ours(root: Path, path: Path) -> bool:
    """Whether `path` is a page a ReviewDesk export wrote: its front matter selects the
    shipped layout (Hugo's `type`, Jekyll's `layout`)."""
    try:
        text = safe_files.read_inside(root, path, _PAGE_BYTES_MAX).decode("utf-8")
        data = front_matter.split(text).data
    except (OSError, safe_files.UnsafeFile, ValueError):  # not a page we can read: not ours
        return False
    return LAYOUT in (data.get("type"), data.get("layout"))
