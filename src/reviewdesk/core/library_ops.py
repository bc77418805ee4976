"""What the reviews library does to whole reviews: copy one as a new draft, rename one (its
slug and its folder together), move some to the trash, set the status or the tags of several.

Each works on bundles on disk, one at a time, and says what it could not do per bundle
(`Outcome`), never stopping at the first failure. A bundle another running ReviewDesk holds
open is left alone: its window would save over the change."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reviewdesk.core import bundle, locks, review_folders
from reviewdesk.core.model import Review, Status
from reviewdesk.core.problems import BundleError, Problem
from reviewdesk.core.slug import is_slug, slugify

__all__ = [
    "Outcome",
    "add_tags",
    "copy_review",
    "remove_tags",
    "rename",
    "set_status",
    "trash",
]


@dataclass
class Outcome:
    """What a command over several bundles did: those changed, and why each other was not."""

    done: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"{path}: {reason}" for path, reason in self.failed]


def copy_review(folder: Path, title: str, parent: Path | None = None) -> Path:
    """A new draft made of the review in `folder`, titled `title`, in a folder of its own named
    from that title in `parent` (default: beside it); returns that folder. It is a new review:
    no slug of the original's (it would publish over the original's page), no publication
    date, no update log, and not where the original was published (no publish.yaml)."""
    review = bundle.load(folder).model_copy(
        update={
            "title": title,
            "slug": None,
            "status": Status.DRAFT,
            "published": None,
            "updated": None,
            "updates": [],
        }
    )
    Review.model_validate(review.model_dump())  # a blank title is refused here, not on save
    target = review_folders.reserve(parent or folder.parent, slugify(title))
    try:
        _copy_assets(folder / bundle.ASSETS_DIR, target / bundle.ASSETS_DIR)
        bundle.save(review, target)
    except (OSError, BundleError):
        shutil.rmtree(target, ignore_errors=True)
        raise
    return target


def _copy_assets(source: Path, target: Path) -> None:
    """The assets folder's files and folders; a link stays a link (it is not followed out of
    the bundle), a FIFO or device is not copied (reading one never ends)."""
    if not source.is_dir():
        return

    def special(folder: str, names: list[str]) -> set[str]:
        return {name for name in names if _is_special(Path(folder) / name)}

    shutil.copytree(source, target, symlinks=True, ignore=special, dirs_exist_ok=True)


def _is_special(path: Path) -> bool:
    mode = path.lstat().st_mode
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode))


def rename(folder: Path, slug: str) -> Path:
    """Give the review in `folder` the slug `slug` and move its folder to that name beside it;
    returns the new folder. Raises BundleError naming what stops it (a bad slug, a folder of
    that name already there, the review open in another window)."""
    if not is_slug(slug):
        raise _error(folder, "slug", f"{slug!r} is not a slug (a-z, 0-9 and -)")
    target = folder.parent / slug
    if target != folder and (target.exists() or target.is_symlink()):
        raise _error(target, "", "already exists: choose another slug")
    _not_held(folder)
    review = bundle.load(folder)
    bundle.save(review.model_copy(update={"slug": slug}), folder)
    if target == folder:
        return folder
    try:
        os.rename(folder, target)
    except OSError as error:
        bundle.save(review, folder)  # the slug as it was: the folder did not move
        reason = error.strerror or str(error)
        raise _error(folder, "", f"could not be moved to {target}: {reason}") from None
    return target


def trash(folders: Iterable[Path]) -> Outcome:
    """Move each folder to the platform's trash (restorable from there)."""
    from send2trash import send2trash  # noqa: PLC0415 (only this command needs it)

    outcome = Outcome()
    for folder in folders:
        try:
            _not_held(folder)
            send2trash(folder)
        except BundleError as error:
            outcome.failed.append((folder, _first(error, folder)))
        except OSError as error:
            outcome.failed.append((folder, f"not moved to the trash: {error.strerror or error}"))
        else:
            outcome.done.append(folder)
    return outcome


def set_status(folders: Iterable[Path], status: Status) -> Outcome:
    return _change_each(folders, lambda review: review.model_copy(update={"status": status}))


def add_tags(folders: Iterable[Path], tags: Sequence[str]) -> Outcome:
    """Each review gains the tags it lacks (compared ignoring case, as the review does)."""

    def add(review: Review) -> Review:
        have = {tag.casefold() for tag in review.tags}
        new = [tag for tag in tags if tag.casefold() not in have]
        return review.model_copy(update={"tags": [*review.tags, *new]})

    return _change_each(folders, add)


def remove_tags(folders: Iterable[Path], tags: Sequence[str]) -> Outcome:
    gone = {tag.casefold() for tag in tags}
    return _change_each(
        folders,
        lambda review: review.model_copy(
            update={"tags": [tag for tag in review.tags if tag.casefold() not in gone]}
        ),
    )


def _change_each(folders: Iterable[Path], change: Callable[[Review], Review]) -> Outcome:
    """Load, change and save each review; only review.yaml is written, and only if it changes."""
    outcome = Outcome()
    for folder in folders:
        try:
            _not_held(folder)
            review = bundle.load(folder)
            changed = change(review)
            Review.model_validate(changed.model_dump())  # e.g. more tags than a review takes
            if changed != review:
                bundle.save(changed, folder)
        except BundleError as error:
            outcome.failed.append((folder, _first(error, folder)))
        except ValueError as error:  # pydantic's ValidationError
            outcome.failed.append((folder, str(error).splitlines()[-1].strip()))
        else:
            outcome.done.append(folder)
    return outcome


def _first(error: BundleError, folder: Path) -> str:
    """The first problem, its file named from the bundle `folder` (the outcome names it)."""
    text = str(error.problems[0])
    for prefix in (f"{folder}/", f"{folder}: "):
        if text.startswith(prefix):
            return text.removeprefix(prefix)
    return text


def _error(path: Path, field: str, message: str) -> BundleError:
    return BundleError([Problem(path, None, field, message)])


def _not_held(folder: Path) -> None:
    """Raise when another running ReviewDesk has the review open."""
    holder = locks.holder(folder)
    if holder is not None and not holder.is_stale and not holder.is_this_process:
        raise _error(folder, "", f"is open in {holder.describe()}")
