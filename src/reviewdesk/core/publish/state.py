"""`publish.yaml` in the bundle: where the review was published, per site. Readable and
git-friendly (sorted keys, one value a line): the remote post, its link, its modification
time last seen, a hash of what was sent, and the images uploaded, by content hash.

Only publishing writes it; a save of the review never touches it (it is no file a save
commits, nor one of the temporary files it tidies)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

from reviewdesk.core.publish import yaml_file

STATE_FILE: Final = "publish.yaml"
_HEADER = (
    "Where this review was published, written by ReviewDesk when it publishes; no secrets.\n"
    "Delete a site's entry to publish the review there as a new post."
)


@dataclass(frozen=True)
class UploadedImage:
    """An image of the bundle in the site's media library."""

    id: int  # WordPress's media id; 0 on Ghost, whose images are files known by their URL
    url: str
    file: str = ""  # the bundle path it was uploaded from, for the reader of the file


@dataclass(frozen=True)
class SiteState:
    post_id: int | str  # WordPress's number, Ghost's 24-character id
    link: str = ""
    modified_gmt: str = ""  # WordPress: the post's modification time after our last write
    sent_hash: str = ""  # of the request last sent: an unchanged review sends nothing
    # Of the post as the site kept it after our write: an edit on the site within the same
    # second as ours leaves `modified_gmt` as it was, never the post.
    kept_hash: str = ""
    media: dict[str, UploadedImage] = field(default_factory=dict)  # content sha256 -> image
    # Ghost: the post's `updated_at` after our last write, its version: an update sends it,
    # and Ghost refuses the update when the post was saved since (edited in its editor).
    updated_at: str = ""

    def with_media(self, media: dict[str, UploadedImage]) -> SiteState:
        return replace(self, media=media)


@dataclass(frozen=True)
class PublishState:
    sites: dict[str, SiteState] = field(default_factory=dict)


def state_path(folder: Path) -> Path:
    return folder / STATE_FILE


def read(folder: Path) -> PublishState:
    """The state of the bundle `folder`; an absent file is an unpublished review.
    BundleError with one problem naming the file, line and field of a bad value."""
    found = yaml_file.read(state_path(folder), folder)
    if found.document is None:
        return PublishState()
    top = found.mapping(found.document.data, ())
    unknown = sorted(set(top) - {"sites"})
    if unknown:
        raise found.fail((unknown[0],), "is not a known key here (sites)")
    entries = found.mapping(top.get("sites"), ("sites",))
    return PublishState({name: _site(found, name, value) for name, value in entries.items()})


def write(folder: Path, state: PublishState) -> None:
    """Replace `publish.yaml` atomically (never half-written)."""
    sites = {name: _entry(state.sites[name]) for name in sorted(state.sites)}
    yaml_file.write(state_path(folder), _HEADER, {"sites": sites})


def _entry(site: SiteState) -> dict[str, Any]:
    entry: dict[str, Any] = {"post_id": site.post_id, "link": site.link}
    # Each site's own version stamp: WordPress's modification time, Ghost's updated_at.
    if site.modified_gmt:
        entry["modified_gmt"] = site.modified_gmt
    if site.updated_at:
        entry["updated_at"] = site.updated_at
    entry |= {"sent_hash": site.sent_hash, "kept_hash": site.kept_hash}
    if site.media:
        entry["media"] = {
            digest: {**({"id": image.id} if image.id else {}), "url": image.url, "file": image.file}
            for digest, image in sorted(site.media.items())
        }
    return entry


_SITE_KEYS: Final = (
    "post_id",
    "link",
    "modified_gmt",
    "updated_at",
    "sent_hash",
    "kept_hash",
    "media",
)
_GHOST_ID: Final = re.compile(r"[0-9a-f]{24}")  # an ObjectId, as Ghost writes every id
_IMAGE_KEYS: Final = ("id", "url", "file")


def _site(found: yaml_file.Fields, name: str, value: Any) -> SiteState:
    where: tuple[str, ...] = ("sites", name)
    entry = found.mapping(value, where)
    _known(found, entry, where, _SITE_KEYS)
    if "post_id" not in entry:
        raise found.fail(where, "has no post_id")
    post_id = _post_id(found, entry["post_id"], (*where, "post_id"))
    text = {
        key: found.typed(entry.get(key, ""), str, (*where, key), "text")
        for key in ("link", "modified_gmt", "updated_at", "sent_hash", "kept_hash")
    }
    media = found.mapping(entry.get("media"), (*where, "media"))
    images = {digest: _image(found, (*where, "media", digest), media[digest]) for digest in media}
    return SiteState(
        post_id,
        text["link"],
        text["modified_gmt"],
        text["sent_hash"],
        text["kept_hash"],
        images,
        text["updated_at"],
    )


def _post_id(found: yaml_file.Fields, value: Any, where: tuple[str, ...]) -> int | str:
    if isinstance(value, str):
        if not _GHOST_ID.fullmatch(value):
            raise found.fail(
                where, "must be a whole number (WordPress) or 24 hexadecimal digits (Ghost)"
            )
        return value
    return _positive(found, value, where)


def _image(found: yaml_file.Fields, where: tuple[str, ...], value: Any) -> UploadedImage:
    entry = found.mapping(value, where)
    _known(found, entry, where, _IMAGE_KEYS)
    if "url" not in entry:
        raise found.fail(where, "needs a url")
    return UploadedImage(
        _positive(found, entry["id"], (*where, "id")) if "id" in entry else 0,
        found.typed(entry["url"], str, (*where, "url"), "text"),
        found.typed(entry.get("file", ""), str, (*where, "file"), "text"),
    )


def _positive(found: yaml_file.Fields, value: Any, where: tuple[str, ...]) -> int:
    number = found.typed(value, int, where, "a whole number")
    if number <= 0:
        raise found.fail(where, "must be a whole number above 0")
    return number


def _known(
    found: yaml_file.Fields, entry: dict[str, Any], where: tuple[str, ...], keys: tuple[str, ...]
) -> None:
    unknown = sorted(set(entry) - set(keys))
    if unknown:
        raise found.fail((*where, unknown[0]), f"is not a known key here ({', '.join(keys)})")
