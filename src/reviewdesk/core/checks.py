"""Checks: `validate` (is the bundle sound?) and `check` (is it ready to publish?)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reviewdesk.core import assets, bundle, image_size, safe_files
from reviewdesk.core.block_checks import block_problems
from reviewdesk.core.exports.publication import goes_live
from reviewdesk.core.model import LIST_FIELDS, Review
from reviewdesk.core.problems import BundleError, Problem, Severity

TITLE_MAX = 60
SEO_TITLE_MAX = 60
SEO_DESCRIPTION_RANGE = (50, 160)

ERROR, WARNING = Severity.ERROR, Severity.WARNING

# A well-formed BCP 47 tag (RFC 5646): language, then script, region, variants, extensions and
# private use, each of its own shape. The model takes any letters and digits in subtags: a
# typo like "en-G" loads, but its pages would carry a lang that browsers and checkers refuse.
_WELL_FORMED_TAG = re.compile(
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"
    r"(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"
    r"(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ImageFile:
    """What an image path of the review is in the bundle."""

    leaves: str | None  # why it is not a file inside the bundle
    missing: bool
    oversize: str | None  # why it is too large to publish as it is


@dataclass(frozen=True)
class Locator:
    """Turns a field or a body line into a Problem that names file and line."""

    folder: Path
    line_of: Callable[[str], int | None] = lambda field: None
    _images: dict[str, ImageFile] = field(default_factory=dict, compare=False, repr=False)

    def image(self, src: str) -> ImageFile:
        """The file `src` names, looked at once per check run: a body may show one image
        hundreds of times, and the checks run as the writer pauses."""
        found = self._images.get(src)
        if found is None:
            found = self._images[src] = _image_file(self.folder, src)
        return found

    def field(self, field: str, message: str, severity: Severity = ERROR) -> Problem:
        return Problem(
            self.folder / bundle.REVIEW_FILE, self.line_of(field), field, message, severity
        )

    def body(self, line: int, message: str, severity: Severity = ERROR) -> Problem:
        return Problem(self.folder / bundle.BODY_FILE, line, "body", message, severity)


def validate(path: str | os.PathLike[str]) -> list[Problem]:
    """Errors that make the bundle unsound: unreadable or invalid files, paths that leave it."""
    try:
        source = bundle.read(path)
    except BundleError as error:
        return list(error.problems)
    return [*source.notes, *path_problems(source.review, Locator(source.folder, source.line_of))]


def check(path: str | os.PathLike[str], *, today: date | None = None) -> list[Problem]:
    """`validate`, then the publishing checks (errors and warnings); `today` is the day an
    offer's `checked` date is compared with (default: the computer's)."""
    try:
        source = bundle.read(path)
    except BundleError as error:
        return list(error.problems)
    locator = Locator(source.folder, source.line_of)
    return [
        *source.notes,
        *path_problems(source.review, locator),
        *publishing_problems(source.review, locator, today=today),
    ]


def path_problems(review: Review, at: Locator) -> list[Problem]:
    problems = _assets_folder(at.folder)
    if review.hero and (leaves := at.image(review.hero.image).leaves):
        problems.append(at.field("hero.image", leaves))
    for image in assets.body_images(review.body):
        if assets.is_local(image.src) and (leaves := at.image(image.src).leaves):
            problems.append(at.body(image.line, f"image {leaves}"))
    return problems


def publishing_problems(review: Review, at: Locator, *, today: date | None = None) -> list[Problem]:
    return [
        *_text_lengths(review, at),
        *_language(review, at),
        *_publication_date(review, at),
        *_authors(review, at),
        *_hero(review, at),
        *_lists(review, at),
        *block_problems(review, at, today or date.today()),
        *_body(review, at),
        *_unknown_keys(review, at),
    ]


def _text_lengths(review: Review, at: Locator) -> list[Problem]:
    problems = []
    if len(review.title) > TITLE_MAX:
        problems.append(
            at.field(
                "title",
                f"is {len(review.title)} characters; search results show about {TITLE_MAX}",
                WARNING,
            )
        )
    if not review.summary.strip():
        problems.append(at.field("summary", "is empty; the summary box will be missing", WARNING))
    seo_title = review.seo.title if review.seo else ""
    if len(seo_title) > SEO_TITLE_MAX:
        problems.append(
            at.field(
                "seo.title", f"is {len(seo_title)} characters; keep it to {SEO_TITLE_MAX}", WARNING
            )
        )
    description = review.seo.description if review.seo else ""
    low, high = SEO_DESCRIPTION_RANGE
    if not description:
        problems.append(
            at.field("seo.description", f"is missing; write {low}-{high} characters", WARNING)
        )
    elif not low <= len(description) <= high:
        problems.append(
            at.field(
                "seo.description",
                f"is {len(description)} characters; search results show {low}-{high}",
                WARNING,
            )
        )
    return problems


def _language(review: Review, at: Locator) -> list[Problem]:
    if _WELL_FORMED_TAG.fullmatch(review.language):
        return []
    message = (
        f"'{review.language}' is not a language tag browsers know (such as en, en-GB, de or "
        "pt-BR): each subtag has its own length"
    )
    return [at.field("language", message, WARNING)]


def _publication_date(review: Review, at: Locator) -> list[Problem]:
    """Exports date such a review themselves (exports/publication.py), each export anew.
    The field to fill is the date; the line, which it has not got, is the status's."""
    if not goes_live(review) or review.published is not None:
        return []
    message = (
        "Status is published but there is no publication date; today's date will be used "
        "when exported"
    )
    file = at.folder / bundle.REVIEW_FILE
    return [Problem(file, at.line_of("status"), "published", message, WARNING)]


def _authors(review: Review, at: Locator) -> list[Problem]:
    if review.authors:
        return []
    return [at.field("authors", "none given; search engines show reviews with an author", WARNING)]


def _hero(review: Review, at: Locator) -> list[Problem]:
    if review.hero is None:
        return []
    problems = []
    if not review.hero.alt.strip():
        problems.append(
            at.field("hero.alt", "is missing; describe the image for readers who cannot see it")
        )
    hero = at.image(review.hero.image)
    if hero.missing:
        problems.append(at.field("hero.image", f"{review.hero.image!r} does not exist"))
    elif hero.oversize:
        problems.append(at.field("hero.image", f"{review.hero.image!r} {hero.oversize}", WARNING))
    return problems


def _lists(review: Review, at: Locator) -> list[Problem]:
    problems = []
    for name in LIST_FIELDS:
        seen: set[str] = set()
        for index, item in enumerate(getattr(review, name)):
            key = item.strip().casefold()
            if not key:
                problems.append(at.field(f"{name}.{index}", "is empty"))
            elif key in seen:
                problems.append(at.field(f"{name}.{index}", f"repeats {item.strip()!r}", WARNING))
            seen.add(key)
    return problems


def _body(review: Review, at: Locator) -> list[Problem]:
    if not review.body.strip():
        return [at.body(1, "is empty", WARNING)]
    problems = []
    for image in assets.body_images(review.body):
        file = at.image(image.src) if assets.is_local(image.src) else None
        if file and file.missing:
            problems.append(at.body(image.line, f"image {image.src!r} does not exist"))
        elif file and file.oversize:
            problems.append(at.body(image.line, f"image {image.src!r} {file.oversize}", WARNING))
        if image.alt is not None and not image.alt.strip():
            problems.append(at.body(image.line, f"image {image.src!r} has no alt text", WARNING))
    return problems


def _unknown_keys(review: Review, at: Locator) -> list[Problem]:
    return [
        at.field(key, "is not a reviewdesk/1 key; it is kept but not shown (use 'extra:')", WARNING)
        for key in review.unknown_keys
    ]


def _image_file(folder: Path, src: str) -> ImageFile:
    try:
        path = assets.resolve(folder, src)
    except assets.AssetMissingError:
        return ImageFile(None, missing=True, oversize=None)
    except assets.AssetError as error:
        return ImageFile(str(error), missing=False, oversize=None)
    return ImageFile(None, missing=False, oversize=image_size.oversize(path))


def _assets_folder(folder: Path) -> list[Problem]:
    """`assets` must be a folder of the bundle, if it is there at all: images are copied
    into it, and a link out would take them elsewhere."""
    path = folder / bundle.ASSETS_DIR
    try:
        safe_files.folder_inside(folder, path)
    except safe_files.UnsafeFile as unsafe:
        return [Problem(path, None, "", unsafe.message)]
    except FileNotFoundError:
        return []
    except OSError as error:
        return [Problem(path, None, "", f"cannot be read: {error.strerror}")]
    return []
