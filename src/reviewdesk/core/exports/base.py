"""What every export produces, and how it is written to disk."""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from reviewdesk.core import safe_files
from reviewdesk.core.assets import IMAGE_BYTES_MAX
from reviewdesk.core.destination import Destination, WriteError


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
    """A file of the bundle to copy next to the export, at `target` relative to it.

    From `render.local_assets`, `target` is the image source as the review writes it
    (`./a%20b.png`, what links to it) and `path` the bundle path that names (`a b.png`):
    copies go at `path`, never at the text as written."""

    source: Path
    target: str
    path: str = ""


@dataclass(frozen=True)
class ExportResult:
    text: str
    suffix: str  # of the main file: ".html", ".json", ".md"
    assets: tuple[Asset, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    # For formats written into a site (hugo, jekyll): where the main file goes in the folder
    # given (`wrenfall/index.html`, `_posts/2026-03-18-wrenfall.html`); "" for a file of its
    # own.
    location: str = ""
    # Other pages of the review at the same address of the site, which this one replaces
    # (the Markdown page of a `--raw-html` export, or the reverse): see exports/superseded.py.
    supersedes: tuple[str, ...] = ()


def write(
    result: ExportResult, out: Path, *, root: Path | None = None, durable: bool = True
) -> list[Path]:
    """Write the main file to `out` and copy its assets beside it, every file inside the
    folder `root`, all or none (see Destination); WriteError names the file that could not be
    written. `root` is by default the folder given for a site's formats (`out` without
    `result.location`), else `out`'s folder. Not `durable`: not flushed to the disk file by
    file (a batch flushes once at its end)."""
    written = [out]
    folder = _root_of(result, out) if root is None else root
    with Destination(folder, durable=durable) as destination:
        for asset in result.assets:
            target = out.parent / asset.target
            destination.write(target, _read(asset.source, target))
            written.append(target)
        destination.write(out, result.text.encode("utf-8"))
    return written


def _root_of(result: ExportResult, out: Path) -> Path:
    depth = len(PurePosixPath(result.location).parts)
    if depth and out.parts[-depth:] == PurePosixPath(result.location).parts:
        return out.parents[depth - 1]
    return out.parent


def _read(source: Path, target: Path) -> bytes:
    """The bytes of a bundle file to copy, read as safely as when it was chosen."""
    try:
        return safe_files.read_regular(source, IMAGE_BYTES_MAX)
    except safe_files.UnsafeFile as unsafe:
        why, code = unsafe.message, errno.EINVAL
    except OSError as error:
        why, code = f"cannot be read: {error.strerror}", error.errno or errno.EIO
    raise WriteError(code, f"could not be written: {source} {why}", str(target))
