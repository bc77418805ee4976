"""What every export produces, and how it is written to disk."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from reviewdesk.core.atomic import write_atomic


@dataclass(frozen=True)
class ExportOptions:
    embed_images: bool = False  # html: images as data: URIs, one self-contained file
    asset_base_url: str | None = None  # CMS payloads: turns relative image paths absolute
    summary_label: str = "Summary"
    show_footer: bool = False
    # The body's own HTML as written, unsanitized (scripts, frames, styles): only by asking.
    raw_html: bool = False


@dataclass(frozen=True)
class Asset:
    """A file of the bundle to copy next to the export, at `target` relative to it."""

    source: Path
    target: str


@dataclass(frozen=True)
class ExportResult:
    text: str
    suffix: str  # of the main file: ".html", ".json", ".md"
    assets: tuple[Asset, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    # For formats written into a site (hugo, jekyll): where the main file goes in the folder
    # given (`wrenfall/index.md`, `_posts/2026-03-18-wrenfall.md`); "" for a file of its own.
    location: str = ""


def write(result: ExportResult, out: Path) -> list[Path]:
    """Write the main file to `out` (atomically) and copy its assets beside it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    written = [out]
    for asset in result.assets:
        target = out.parent / asset.target
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(asset.source, target)
        written.append(target)
    write_atomic(out, result.text.encode("utf-8"))
    return written
