"""`reviewdesk import`: a Markdown file with front matter (ReviewDesk's own markdown
export, a Hugo or Jekyll post) becomes a bundle.

A post's front matter is read by `import_fields`: each key goes into a field of the review or,
as written, under `extra`, and each warning says which. Its body keeps what it says: Liquid in
its links that only adds the site's address is resolved (`template_links`), and the images it
shows from its site's folder are copied into the bundle (`site_folder`). A value the review
cannot hold is kept under `extra` rather than refusing the file; what is left to refuse (a
title past its limit, a number that is not finite) names the file, the line and the key."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewdesk.core import (
    assets,
    bundle,
    destination,
    front_matter,
    import_fields,
    import_site_export,
    safe_files,
    site_folder,
    template_links,
)
from reviewdesk.core.exports import markdown as markdown_export
from reviewdesk.core.exports import markdown_blocks
from reviewdesk.core.import_fields import Mapped
from reviewdesk.core.model import FORMAT, Review
from reviewdesk.core.problems import BundleError, Problem

_SOURCE_FOLDER = "the Markdown file's folder"
_SITE_FOLDER = "the site's folder"
KEPT = "kept under extra (not fields of a review): "


# Front matter and body together: what a bundle's two files may hold at most.
MAX_MARKDOWN_BYTES = bundle.MAX_YAML_BYTES + bundle.MAX_BODY_BYTES


@dataclass
class Imported:
    review: Review
    warnings: list[str]
    copies: dict[str, Path] = field(default_factory=dict)  # bundle file -> site file
    site: Path | None = None  # the folder of the post's site, which `copies` lie inside


def import_markdown(file: Path, out: Path) -> tuple[Review, list[str]]:
    """Create the bundle `out` from `file`; return the review and warnings. All or nothing:
    when a file cannot be written, nothing made for the bundle is left."""
    imported = _read(file)
    if kind := destination.special_kind(out):
        raise BundleError([Problem(out, None, "", f"is {kind}, not a folder")])
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BundleError([Problem(out, None, "", "already exists and is not an empty folder")])
    warnings = imported.warnings
    with destination.fresh_folder(out):
        warnings += _copy_images(imported, file.parent, out)
        bundle.save(imported.review, out)
    return imported.review, warnings


def read_markdown(file: Path) -> tuple[Review, list[str]]:
    """The review `file` holds and the warnings of its import, writing nothing."""
    imported = _read(file)
    return imported.review, imported.warnings


def _read(file: Path) -> Imported:
    try:
        text = safe_files.read_regular(file, MAX_MARKDOWN_BYTES).decode("utf-8")
    except safe_files.UnsafeFile as unsafe:
        raise BundleError([Problem(file, None, "", unsafe.message)]) from None
    except OSError as error:
        raise BundleError([Problem(file, None, "", f"cannot be read: {error.strerror}")]) from None
    except UnicodeDecodeError as error:
        raise BundleError(
            [Problem(file, None, "", f"is not valid UTF-8 ({error.reason})")]
        ) from None
    try:
        matter = front_matter.split(text)
    except front_matter.FrontMatterError as error:
        raise BundleError([Problem(file, error.line, "", error.message)]) from None
    if matter.data.get("format") == FORMAT:
        return _from_export(file, matter)
    return _from_post(file, matter)


def _from_export(file: Path, matter: front_matter.FrontMatter) -> Imported:
    """Our own markdown export: the review blocks it shows with the body are taken off (the
    front matter holds them), the images it links in `STEM_files/` go back to the bundle
    paths they had, copied from there."""
    shown = markdown_blocks.split(matter.body)
    page = bundle.from_data(matter.data, shown.body, file, matter.document)
    warnings = [
        _located(matter.body_line + line, "", note)
        for line, note in markdown_blocks.differences(page, shown)
    ]
    copies = {}
    for linked, bundle_path in markdown_export.bundle_paths(page, file.stem).items():
        with contextlib.suppress(assets.AssetError):  # _copy_images says why
            copies[assets.relative(bundle_path)] = file.parent / assets.relative(linked)
    return Imported(
        markdown_export.from_export(page, file.stem), warnings, copies, site=file.parent
    )


def _from_post(file: Path, matter: front_matter.FrontMatter) -> Imported:
    """A Hugo or Jekyll post as a review."""
    lines = matter.key_lines
    textless = [key for key in matter.data if not isinstance(key, str)]
    if textless:
        raise BundleError(
            [Problem(file, lines.get(str(key)), str(key), "keys must be text") for key in textless]
        )
    places = site_folder.ImagePlaces.of(file, matter.data)
    mapped = import_site_export.from_front_matter(matter.data)
    if mapped is None:
        mapped = import_fields.from_front_matter(matter.data, file, places)
    else:
        _hero_from_site(mapped, matter.data, places)
    liquid = not _liquid_off(matter.data)
    body, body_notes = template_links.resolve(matter.body, liquid=liquid)
    body, image_notes = site_folder.rewrite_site_images(body, places)
    review = _validated(mapped, matter.data, body, file, lines)
    notes = [(lines.get(key, 0) if key else 0, key, text) for key, text in mapped.notes]
    notes += [(matter.body_line + line - 1, "", text) for line, text in body_notes + image_notes]
    warnings = [_located(line, key, text) for line, key, text in sorted(notes, key=_line)]
    if mapped.kept:
        warnings.append(KEPT + ", ".join(mapped.kept))
    site = places.site.root if places.site else None
    return Imported(review, warnings, places.copies, site)


def _hero_from_site(mapped: Mapped, front: dict[str, Any], places: site_folder.ImagePlaces) -> None:
    """A Jekyll post of ours names its hero by its path on the site too (`image`): the file
    the hero's bundle path names is copied from there when the site's folder holds it."""
    hero, image = mapped.data.get("hero"), front.get("image")
    if isinstance(hero, dict) and isinstance(hero.get("image"), str) and isinstance(image, str):
        places.copy_from_site(image, hero["image"])


def _line(note: tuple[int, str, str]) -> int:
    return note[0]


def _located(line: int, key: str, text: str) -> str:
    where = f"line {line}: " if line else ""
    return f"{where}{key}: {text}" if key else f"{where}{text}"


def _liquid_off(front: dict[str, Any]) -> bool:
    """Whether the post turns Liquid off (`render_with_liquid: false`): its braces are text."""
    return any(
        key.lower() == "render_with_liquid" and value is False for key, value in front.items()
    )


def _validated(
    mapped: Mapped, front: dict[str, Any], body: str, file: Path, lines: dict[str, int]
) -> Review:
    """The review of `mapped`. A field the model still refuses (a tag past its length, a hero
    path with a backslash) is taken out and its key kept under extra, with a note; only what
    no key can be moved for (the title, extra itself) is refused, naming its line and key."""
    while True:
        try:
            return bundle.from_data(mapped.data, body, file)
        except BundleError as error:
            movable = [p for p in error.problems if _movable(mapped, front, p.field)]
            if len(movable) < len(error.problems):
                raise BundleError([_relocated(mapped, p, lines) for p in error.problems]) from None
            for problem in movable:
                _move_to_extra(mapped, front, problem)


def _origin(mapped: Mapped, dotted: str) -> tuple[str, ...] | None:
    """The longest path of `mapped.data` that `dotted` starts with and that a movable
    front-matter key gave (not the title, which a review needs)."""
    parts = tuple(dotted.split(".")) if dotted else ()
    for end in range(len(parts), 0, -1):
        if parts[:end] in mapped.origins and parts[0] != "title":
            return parts[:end]
    return None


def _movable(mapped: Mapped, front: dict[str, Any], dotted: str) -> bool:
    """Whether the key that gave field `dotted` can be kept under extra instead: not a number
    that is not finite, which extra refuses as well (and the review's message says better)."""
    path = _origin(mapped, dotted)
    if path is None:
        return False
    try:
        json.dumps(front[mapped.origins[path]], allow_nan=False, default=str)
    except ValueError:
        return False
    return True


def _move_to_extra(mapped: Mapped, front: dict[str, Any], problem: Problem) -> None:
    path = _origin(mapped, problem.field)
    if path is None:
        return
    node = mapped.data
    for part in path[:-1]:
        node = node.get(part, {})
    node.pop(path[-1], None)
    for origin in [p for p in mapped.origins if p[: len(path)] == path]:
        key = mapped.origins.pop(origin)
        mapped.data.setdefault("extra", {})[key] = front[key]
        mapped.extra_keys[key] = key
        mapped.notes.append((key, f"{problem.message}; kept under extra"))
    if path[0] in mapped.data and mapped.data[path[0]] in ({}, None):
        mapped.data.pop(path[0])


def _relocated(mapped: Mapped, problem: Problem, lines: dict[str, int]) -> Problem:
    """`problem` of review.yaml's keys at the key and line of the front matter it came from."""
    path = tuple(problem.field.split(".")) if problem.field else ()
    origin = next(
        (path[:end] for end in range(len(path), 0, -1) if path[:end] in mapped.origins), None
    )
    if origin is not None:
        key = mapped.origins[origin]
        # `rating.value` where the key is `rating`; the key alone where it has another name.
        field = ".".join(path) if key == origin[0] else key
        return Problem(problem.file, lines.get(key), field, problem.message, problem.severity)
    if path[:1] == ("extra",):
        inner = path[1] if len(path) > 1 else problem.message.split(" ", 1)[0].split(".")[0]
        key = mapped.extra_keys.get(inner, "")
        if key:
            return Problem(problem.file, lines.get(key), key, problem.message, problem.severity)
    return problem


def _copy_images(imported: Imported, source: Path, out: Path) -> list[str]:
    """Copy the images the review shows into the bundle, at the bundle paths they name, so the
    review's references stay valid: from beside the Markdown file, or from the site's folder
    for those `imported.copies` names. Only regular files inside those folders are read, and
    only the new bundle is written."""
    warnings = []
    with destination.Destination(out) as copies:
        for src in assets.local_paths(imported.review):
            try:
                origin = _origin_of(src, imported, source)
                data = safe_files.read_regular(origin, assets.IMAGE_BYTES_MAX)
            except assets.AssetMissingError:
                warnings.append(f"image {src!r} not found beside the Markdown file; not copied")
            except assets.AssetError as error:
                warnings.append(f"image {error}; not copied")
            except safe_files.UnsafeFile as unsafe:
                warnings.append(f"image {src!r} {unsafe.message}; not copied")
            except OSError as error:
                warnings.append(f"image {src!r} cannot be read: {error.strerror}; not copied")
            else:
                copies.write(out / assets.relative(src), data)
    return warnings


def _origin_of(src: str, imported: Imported, source: Path) -> Path:
    """The file to copy to bundle path `src`: the site's file it was found as, checked again
    (it may have changed since), or the file beside the Markdown file."""
    site_file = imported.copies.get(assets.relative(src))
    if site_file is None or imported.site is None:
        return assets.resolve(source, src, within=_SOURCE_FOLDER)
    try:
        return safe_files.regular_file_inside(imported.site, site_file, within=_SITE_FOLDER)
    except safe_files.UnsafeFile as unsafe:
        raise assets.AssetError(f"{src!r} {unsafe.message}") from None
    except FileNotFoundError:
        raise assets.AssetMissingError(f"{src!r} does not exist") from None
