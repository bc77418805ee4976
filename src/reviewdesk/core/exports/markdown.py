"""`--to markdown`: one Markdown file with the review as YAML front matter, its images
copied into a folder of their own beside it, `STEM_files/` (as the html export does), which
the hero and the body's image links point to. Two reviews exported into one folder each keep
their `assets/hero.png`: `a.md` shows `a_files/assets/hero.png`, `b.md` `b_files/...`.
The review blocks are shown with the body too, in the layout's order (markdown_blocks.py).

`reviewdesk import` reads it back: `from_export` gives the review its bundle paths again, and
`bundle_paths` says where the page has each of those images; `markdown_blocks.split` takes
the blocks shown off the body again."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from reviewdesk.core import assets, bundle, front_matter, render
from reviewdesk.core.exports import image_links, markdown_blocks
from reviewdesk.core.exports.base import Asset, ExportOptions, ExportResult
from reviewdesk.core.model import Review

_HERE = "./"


def images_folder(stem: str) -> str:
    """The folder beside `STEM.md` that holds its images."""
    return f"{stem}_files"


def export(review: Review, folder: Path, options: ExportOptions, stem: str) -> ExportResult:
    files, warnings = render.local_assets(review, folder)
    page = image_links.relinked(review, {f.target: linked(f.target, stem) for f in files})
    text = front_matter.join(bundle.yaml_mapping(page), markdown_blocks.shown(page))
    # Keyed by where each copy goes: `assets/a.png` and `./assets/a.png` are one file.
    copies = {f.path: Asset(f.source, f"{images_folder(stem)}/{f.path}") for f in files}
    return ExportResult(text, ".md", tuple(copies.values()), tuple(warnings))


def from_export(review: Review, stem: str) -> Review:
    """The review that `export` wrote as `STEM.md`, `review` as read from that file: its
    image sources under `STEM_files/` back to the bundle paths they were."""
    return image_links.relinked(review, bundle_paths(review, stem))


def bundle_paths(review: Review, stem: str) -> dict[str, str]:
    """Image source in the page `STEM.md` -> the bundle path it was, for those in the page's
    images folder: where an import finds each file, and where it puts it."""
    prefix = _prefix(stem)
    return {
        src: bundle_path
        for src in assets.local_paths(review)
        if (bundle_path := _outside(prefix, src)) is not None
    }


def _prefix(stem: str) -> str:
    """The images folder as links write it: a name with spaces or brackets stays one link."""
    return quote(images_folder(stem)) + "/"


def linked(src: str, stem: str) -> str:
    """Where the page `STEM.md` links the image `src` (a bundle path as the review writes
    it): inside the images folder, its `./` kept in front so that `from_export` gives back
    the very text."""
    prefix = _prefix(stem)
    if src.startswith(_HERE):
        return _HERE + prefix + src.removeprefix(_HERE)
    return prefix + src


def _outside(prefix: str, src: str) -> str | None:
    """The reverse of `linked`; None for a source outside the images folder."""
    if src.startswith(_HERE + prefix):
        return _HERE + src.removeprefix(_HERE + prefix)
    if src.startswith(prefix):
        return src.removeprefix(prefix)
    return None
