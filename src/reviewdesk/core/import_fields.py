"""Hugo's and Jekyll's front matter, with the keys of the themes most used with them (Minima,
Chirpy, Minimal Mistakes, PaperMod, Ananke, Congo), as the fields of a review.

Every key is either read into a field or kept under `extra` as written, and the writer is
told which: nothing is dropped, and a value no field can hold (`rating: excellent`) never
refuses the import. Keys match whatever their case, as in Hugo. Where several keys give one
field (`date`, `publishDate`), the first found in the order below wins and the others are
kept under `extra`."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from reviewdesk.core import import_values as values
from reviewdesk.core.import_values import Read, UnreadableError
from reviewdesk.core.model import FORMAT, Status
from reviewdesk.core.site_folder import ImagePlaces
from reviewdesk.core.slug import is_slug, slugify, title_from_name

Reader = Callable[[Any], Read]
FieldPath = tuple[str, ...]  # a path into review.yaml's keys: ("seo", "description")

_PUBLISHED = ("date", "publishdate", "pubdate", "published")
_UPDATED = ("lastmod", "last_modified_at", "updated", "modified", "lastmodified", "last_modified")
_LISTS = ("badges", "pros", "cons", "key_features", "key_insights")
_SEO = {
    "description": ("description",),
    "title": ("seo_title", "meta_title"),
    "canonical_url": ("canonical_url", "canonicalurl", "canonical"),
}
# Keys that name a post's lead image, most specific first: ReviewDesk's own, Jekyll's and
# Chirpy's `image`, PaperMod's `cover`, Ananke's `featured_image`, Minimal Mistakes' `header`,
# Hugo's `images` (its Open Graph images).
_HERO = (
    "hero", "image", "cover", "featured_image", "featuredimage", "feature_image",
    "featureimage", "feature", "header", "hero_image", "images",
)  # fmt: skip
# In an image mapping: the image, its alt text, its caption.
_IMAGE_SRC = ("path", "image", "src", "url", "filename", "overlay_image")
_IMAGE_ALT = ("alt", "alt_text", "image_alt", "image_description")
_IMAGE_CAPTION = ("caption",)
_FEATURE = re.compile(r"(?i).*feature.*\.(?:png|jpe?g|webp|gif|avif|svg)")
_DATED_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})-(.+)")


@dataclass
class Mapped:
    """Front matter as review.yaml's keys, and how each was found."""

    data: dict[str, Any]
    origins: dict[FieldPath, str]  # a path in `data` -> the front-matter key it was read from
    notes: list[tuple[str, str]]  # (front-matter key, "" for the file name; what was done)
    kept: list[str]  # keys kept under extra without a note of their own
    extra_keys: dict[str, str] = field(default_factory=dict)  # extra's key -> front's key


def from_front_matter(front: dict[str, Any], file: Path, places: ImagePlaces) -> Mapped:
    return _Mapper(front, file, places).mapped()


class _Mapper:
    def __init__(self, front: dict[str, Any], file: Path, places: ImagePlaces) -> None:
        self.front = front
        self.file = file
        self.places = places
        self.keys: dict[str, str] = {}  # lower-case name -> the key as written (the first)
        for key in front:
            self.keys.setdefault(key.lower(), key)
        self.used: set[str] = set()
        self.noted: set[str] = set()
        self.data: dict[str, Any] = {"format": FORMAT}
        self.origins: dict[FieldPath, str] = {}
        self.notes: list[tuple[str, str]] = []
        self.extra: dict[str, Any] = {}
        self.kept_parts: list[str] = []  # parts of a hero key that are no part of the hero

    def mapped(self) -> Mapped:
        day, name = _file_name(self.file)
        self._title(name)
        self.take(("subtitle",), ["subtitle"], values.text)
        self._slug(name)
        self._status()
        if not self.take(("published",), _PUBLISHED, values.when) and day is not None:
            self.data["published"] = day
        self.take(("updated",), _UPDATED, values.when)
        self._category()
        self.take(("authors",), ["authors", "author"], values.authors)
        self.take(("subject",), ["subject"], _mapping)
        self.take(("rating",), ["rating"], values.rating)
        self._tags()
        self._hero()
        if "hero" not in self.data:
            self._bundle_feature()
        self.take(("summary",), ["summary", "excerpt"], values.text)
        for list_name in _LISTS:
            self.take((list_name,), [list_name], values.text_list)
        self._blocks()
        self._seo()
        return self._with_extra()

    # --- reading one field -----------------------------------------------------------------

    def take(self, path: FieldPath, names: Sequence[str], reader: Reader) -> bool:
        """Read the first of `names` that `reader` can read into `path` of the review; one
        it cannot read is noted and kept under extra."""
        for name in names:
            key = self.keys.get(name)
            if key is None or key in self.used or key in self.noted:
                continue
            try:
                read = reader(self.front[key])
            except UnreadableError as why:
                self.note(key, f"{why}; kept under extra")
                continue
            self.put(path, key, read.value)
            if read.note:
                self.note(key, read.note)
            return True
        return False

    def put(self, path: FieldPath, key: str, value: Any) -> None:
        node = self.data
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
        self.origins[path] = key
        self.used.add(key)

    def note(self, key: str, text: str) -> None:
        self.notes.append((key, text))
        if key:
            self.noted.add(key)

    def present(self, name: str) -> str | None:
        key = self.keys.get(name)
        return key if key is not None and key not in self.used | self.noted else None

    # --- fields read in their own way -----------------------------------------------------

    def _title(self, name: str) -> None:
        if not self.take(("title",), ["title"], _nonblank):
            self.data["title"] = title_from_name(name)

    def _slug(self, name: str) -> None:
        if self.take(("slug",), ["slug"], _slug):
            return
        slug = slugify(name)  # both generators take the address from the file's name
        if slug and slug != name:
            self.note("", f"the file name {name!r} is not a slug; the review's is {slug!r}")
        if slug:
            self.data["slug"] = slug

    def _status(self) -> None:
        if self.take(("status",), ["status"], _status):
            return
        for name, live_when in (("draft", False), ("published", True)):
            key = self.present(name)
            if key is None or not _is_flag(self.front[key]):
                continue
            live = values.flag(self.front[key]) == live_when
            self.put(("status",), key, "published" if live else "draft")
            return
        self.data["status"] = "published" if _on_a_site(self.file, self.places) else "draft"

    def _category(self) -> None:
        for name in ("categories", "category"):
            key = self.present(name)
            if key is None:
                continue
            try:
                items = values.text_list(self.front[key], split=True).value
            except UnreadableError as why:
                self.note(key, f"{why}; kept under extra")
                continue
            if not items:
                self.used.add(key)
                continue
            self.put(("category",), key, items[0])
            if len(items) > 1:
                self.extra[key] = self.front[key]
                self.note(
                    key,
                    f"{len(items)} categories; the first, {items[0]!r}, is the review's, "
                    "and all are kept under extra",
                )
            return

    def _tags(self) -> None:
        if not self.take(("tags",), ["tags", "tag"], _split_list):
            return
        key = self.origins[("tags",)]
        unique: dict[str, str] = {}
        for tag in self.data["tags"]:
            if tag.casefold() in unique:
                first = unique[tag.casefold()]
                self.note(key, f"{tag!r} repeats {first!r} (tags ignore case); left out")
            else:
                unique[tag.casefold()] = tag
        self.data["tags"] = list(unique.values())

    def _hero(self) -> None:
        for name in _HERO:
            key = self.present(name)
            if key is None:
                continue
            try:
                image = _image(self.front[key])
            except UnreadableError as why:
                self.note(key, f"{why}; kept under extra")
                continue
            if image is None:
                continue  # no image in it (a header of colours only): kept under extra
            bundle, why_not = self.places.bundle_path(image.src)
            if bundle is None:
                self.note(key, f"{why_not}; kept under extra")
                continue
            self.put(("hero", "image"), key, bundle)
            self.origins[("hero",)] = key
            alt = image.alt or self._flat(name, "alt", ("image_alt",))
            caption = image.caption or self._flat(name, "caption", ("image_caption",))
            self.data["hero"] |= {"alt": alt, "caption": caption}
            if isinstance(image.rest, dict):
                self.kept_parts.extend(f"{key}.{part}" for part in image.rest)
            elif image.rest:
                self.kept_parts.append(f"{key} (all but the first)")
            if image.rest:
                self.extra[key] = image.rest
            return

    def _bundle_feature(self) -> None:
        """A Hugo page bundle's `feature*` image, which Congo shows as the page's hero."""
        if self.file.stem.lower() not in ("index", "_index"):
            return
        try:
            names = sorted(
                entry.name
                for entry in os.scandir(self.file.parent)
                if entry.is_file(follow_symlinks=False) and _FEATURE.fullmatch(entry.name)
            )
        except OSError:
            return
        if names and self.places.bundle_path(names[0])[0] is not None:
            self.data["hero"] = {"image": names[0], "alt": "", "caption": ""}
            self.note("", f"{names[0]!r} beside the page is the hero, as Congo shows it")

    def _flat(self, name: str, what: str, others: Sequence[str]) -> str:
        """The hero's alt text or caption from a key of its own: `coverAlt`, `image_alt`."""
        for candidate in (f"{name}_{what}", f"{name}{what}", *others):
            key = self.present(candidate)
            if key is not None and isinstance(self.front[key], str):
                self.used.add(key)
                return str(self.front[key])
        return ""

    def _blocks(self) -> None:
        """The review blocks, as review.yaml (and the Hugo and Jekyll exports) write them."""
        self.take(("language",), ["language", "lang"], values.text)
        for name in ("verdict", "disclosure"):
            self.take((name,), [name], values.text)
        for name in ("best_for", "skip_if"):
            self.take((name,), [name], values.text_list)
        for name in ("scores", "specs", "offers", "updates"):
            self.take((name,), [name], _mappings)

    def _seo(self) -> None:
        key = self.present("seo")
        if key is not None:
            if isinstance(self.front[key], dict):
                self.put(("seo",), key, dict(self.front[key]))
            else:
                self.note(
                    key, f"{values.shown(self.front[key])} is not a mapping; kept under extra"
                )
        for part, names in _SEO.items():
            if part not in self.data.get("seo", {}):
                self.take(("seo", part), names, values.text)

    def _with_extra(self) -> Mapped:
        kept: list[str] = list(self.kept_parts)
        extra_keys = {key: key for key in self.extra}
        for key, value in self.front.items():
            if key in self.used and key not in self.extra:
                continue
            if key.lower() == "extra" and isinstance(value, dict) and key not in self.noted:
                for inner, item in value.items():
                    self.extra.setdefault(str(inner), item)
                    extra_keys.setdefault(str(inner), key)
                continue
            if key not in self.used:
                self.extra[key] = value
                extra_keys[key] = key
                if key not in self.noted:
                    kept.append(key)
        if self.extra:
            self.data["extra"] = self.extra
        return Mapped(self.data, self.origins, self.notes, kept, extra_keys)


# --- readers of single values --------------------------------------------------------------


def _nonblank(value: Any) -> Read:
    read = values.text(value)
    if not read.value.strip():
        raise UnreadableError("an empty title")
    return read


def _slug(value: Any) -> Read:
    written = values.text(value).value
    if is_slug(written):
        return Read(written)
    slug = slugify(written)
    if not slug:
        raise UnreadableError(f"{written!r} has no letters or digits for a slug")
    return Read(slug, f"{written!r} is not a slug; using {slug!r}")


def _status(value: Any) -> Read:
    if isinstance(value, str) and value.strip().lower() in {s.value for s in Status}:
        return Read(value.strip().lower())
    raise UnreadableError(f"{values.shown(value)} is not draft, ready or published")


def _mapping(value: Any) -> Read:
    if not isinstance(value, dict):
        raise UnreadableError(f"{values.shown(value)} is not a mapping")
    return Read(value)


def _mappings(value: Any) -> Read:
    """A list of mappings (scores, specs, offers, updates), which the review then reads."""
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise UnreadableError(f"{values.shown(value)} is not a list of mappings")
    return Read(value)


def _split_list(value: Any) -> Read:
    return values.text_list(value, split=True)


def _is_flag(value: Any) -> bool:
    try:
        values.flag(value)
    except UnreadableError:
        return False
    return True


@dataclass(frozen=True)
class _Image:
    src: str
    alt: str = ""
    caption: str = ""
    rest: dict[str, Any] | list[Any] | None = None  # what else the key held


def _image(value: Any) -> _Image | None:
    """The image a hero key names: a path, a list of paths (the first), or a mapping with the
    path, alt text and caption under the names themes give them; None when it names none."""
    if isinstance(value, str):
        return _Image(value) if value.strip() else None
    if isinstance(value, list):
        if not value:
            return None
        first = _image(value[0])
        if first is None or first.rest:
            raise UnreadableError("a list whose first item is not an image path")
        return _Image(first.src, first.alt, first.caption, value[1:] or None)
    if not isinstance(value, dict):
        raise UnreadableError(f"{values.shown(value)} is not an image")
    src_key = _text_key(value, _IMAGE_SRC)
    if src_key is None or not value[src_key].strip():
        return None
    alt_key, caption_key = _text_key(value, _IMAGE_ALT), _text_key(value, _IMAGE_CAPTION)
    alt = value[alt_key] if alt_key is not None else ""
    caption = value[caption_key] if caption_key is not None else ""
    rest = {key: item for key, item in value.items() if key not in (src_key, alt_key, caption_key)}
    return _Image(value[src_key], alt, caption, rest or None)


def _text_key(mapping: dict[Any, Any], names: Sequence[str]) -> Any:
    """The key of `mapping` (whatever its case) first in `names` whose value is text."""
    by_name = {str(key).lower(): key for key in mapping}
    for name in names:
        key = by_name.get(name)
        if key is not None and isinstance(mapping[key], str):
            return key
    return None


def _file_name(file: Path) -> tuple[date | None, str]:
    """The day and the name a post's file name gives: `2024-03-05-quiet-keyboards.md` (Jekyll),
    `desk-lamp/index.md` (a Hugo page bundle: the folder's name)."""
    stem = file.stem
    if stem.lower() in ("index", "_index") and file.parent.name:
        stem = file.parent.name
    match = _DATED_NAME.fullmatch(stem)
    if match is None:
        return None, stem
    try:
        return date.fromisoformat(match[1]), match[2]
    except ValueError:
        return None, stem


def _on_a_site(file: Path, places: ImagePlaces) -> bool:
    """Whether the post is live on a site when no flag says otherwise: a post without `draft`
    (Hugo) or `published` (Jekyll) is, unless it is one of Jekyll's `_drafts`."""
    parts = {part.lower() for part in Path(file).absolute().parts[:-1]}
    if "_drafts" in parts:
        return False
    dated = _file_name(file)[0] is not None
    return places.site is not None or dated or bool(parts & {"_posts", "content"})
