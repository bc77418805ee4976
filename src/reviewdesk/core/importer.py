"""`reviewdesk import`: a Markdown file with front matter (ReviewDesk's own markdown
export, Hugo or Jekyll) becomes a bundle. Keys with no place in a review go to `extra`."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from reviewdesk.core import assets, bundle, destination, front_matter, safe_files
from reviewdesk.core.model import FORMAT, KEY_ORDER, Review
from reviewdesk.core.problems import BundleError, Problem
from reviewdesk.core.slug import is_slug, slugify, title_from_name

# Static-site keys and where they go in a review.
_DATES = {
    "date": "published",
    "publishdate": "published",
    "lastmod": "updated",
    "last_modified_at": "updated",
}
_HERO_KEYS = ("image", "featured_image", "cover", "images", "hero_image")
_SOURCE_FOLDER = "the Markdown file's folder"


# Front matter and body together: what a bundle's two files may hold at most.
MAX_MARKDOWN_BYTES = bundle.MAX_YAML_BYTES + bundle.MAX_BODY_BYTES


def import_markdown(file: Path, out: Path) -> tuple[Review, list[str]]:
    """Create the bundle `out` from `file`; return the review and warnings. All or nothing:
    when a file cannot be written, nothing made for the bundle is left."""
    review, warnings = read_markdown(file)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BundleError([Problem(out, None, "", "already exists and is not an empty folder")])
    with destination.fresh_folder(out):
        warnings += _copy_images(review, file.parent, out)
        bundle.save(review, out)
    return review, warnings


def read_markdown(file: Path) -> tuple[Review, list[str]]:
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
        return bundle.from_data(matter.data, matter.body, file, matter.document), []
    data, warnings = from_static_site(matter.data, file.stem)
    return bundle.from_data(data, matter.body, file), warnings


def from_static_site(front: dict[str, Any], file_stem: str) -> tuple[dict[str, Any], list[str]]:
    """Hugo and Jekyll front matter as the keys of a review."""
    data: dict[str, Any] = {"format": FORMAT}
    extra: dict[str, Any] = {}
    warnings: list[str] = []
    for key, value in front.items():
        name = key.lower()
        if name in KEY_ORDER and name not in ("format", "extra", "published", "updated"):
            data[name] = value
        elif name in _DATES:
            data[_DATES[name]] = _aware(value)
        elif name in ("published", "updated"):
            # Jekyll's `published: false` is a flag, not a date.
            if isinstance(value, bool):
                data["status"] = "published" if value else "draft"
            else:
                data[name] = _aware(value)
        elif name == "draft":
            data["status"] = "draft" if value else "published"
        elif name == "description":
            data.setdefault("seo", {})["description"] = value
        elif name in ("categories", "category") and isinstance(value, list) and value:
            data["category"] = str(value[0])
            if len(value) > 1:
                extra[key] = value
        elif name in ("author", "authors"):
            data["authors"] = value if isinstance(value, list) else [value]
        elif name in _HERO_KEYS and _bundle_path(value):
            data["hero"] = {"image": _bundle_path(value), "alt": str(front.get("image_alt", ""))}
        elif name == "extra" and isinstance(value, dict):
            extra.update(value)
        else:
            extra[key] = value
    if extra:
        data["extra"] = extra
    data.setdefault("title", title_from_name(file_stem))
    if "slug" in data and not is_slug(str(data["slug"])):
        warnings.append(
            f"slug {data['slug']!r} is not a slug; using {slugify(str(data['slug']))!r}"
        )
        data["slug"] = slugify(str(data["slug"])) or None
    return data, warnings


def _bundle_path(value: Any) -> str | None:
    """The first image of `value` when it is a relative path (a site's `/images/x.png`
    or a URL stays in `extra`)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, str) or not value or not assets.is_local(value):
        return None
    path = value.removeprefix("./")
    return None if ".." in path.split("/") else path


def _aware(value: Any) -> Any:
    """Static sites take a date-time without an offset as UTC; a review says so."""
    if isinstance(value, datetime) and value.utcoffset() is None:
        return value.replace(tzinfo=UTC)
    if isinstance(value, date) or not isinstance(value, str):
        return value
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return value  # validation names it
    return parsed.replace(tzinfo=UTC) if parsed.utcoffset() is None and len(value) > 10 else value


def _copy_images(review: Review, source: Path, out: Path) -> list[str]:
    """Copy the images the review shows from beside the Markdown file into the bundle, at the
    bundle paths they name, so the review's references stay valid. Only regular files inside
    the Markdown file's folder are read, and only the new bundle is written."""
    warnings = []
    with destination.Destination(out) as copies:
        for src in assets.local_paths(review):
            try:
                origin = assets.resolve(source, src, within=_SOURCE_FOLDER)
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
