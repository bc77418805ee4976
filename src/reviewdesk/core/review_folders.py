"""Where a new review goes on its first save: a folder of its own, named from its slug, in
the reviews folder (Reviews in the user's documents folder unless the settings name another)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from reviewdesk.core import bundle
from reviewdesk.core.problems import BundleError, Problem

DEFAULT_NAME = "Reviews"
MAX_NAME_CHARS = 80  # a slug may be longer than a file name may be
MAX_TRIES = 1000


def default_reviews_dir() -> Path:
    """`Reviews` in the platform's documents folder (platformdirs: XDG's on Linux, Documents on
    macOS and Windows), or ~/Reviews where an earlier version made it and it holds reviews."""
    earlier = Path.home() / DEFAULT_NAME
    if earlier.is_dir():
        return earlier
    from platformdirs import user_documents_dir  # noqa: PLC0415 (asked once, when needed)

    return Path(user_documents_dir()) / DEFAULT_NAME


def reserve(parent: Path, slug: str) -> Path:
    """Make a new, empty folder in `parent` named `slug`, or `slug-2`, `slug-3`... when that
    is taken: never one that exists, whatever it is (made at once, so no other save takes it
    meanwhile). Raises BundleError naming the folder when none can be made."""
    stem = slug[:MAX_NAME_CHARS].strip("-") or "review"
    for number in range(1, MAX_TRIES + 1):
        folder = parent / (stem if number == 1 else f"{stem}-{number}")
        try:
            folder.mkdir(parents=True)
        except FileExistsError as error:
            if folder.exists() or folder.is_symlink():
                continue  # taken: the next number
            raise _not_a_folder(parent) from error  # a broken link where `parent` should be
        except NotADirectoryError as error:
            raise _not_a_folder(parent) from error  # a file where `parent` should be
        except OSError as error:
            raise _not_made(folder, error) from error
        return folder
    raise BundleError([Problem(parent, None, "", f"has {MAX_TRIES} folders named {stem}-N")])


def release(folder: Path) -> None:
    """Remove a reserved folder again when a save failed, if it holds nothing but the empty
    assets folder a save makes first."""
    with contextlib.suppress(OSError):
        (folder / bundle.ASSETS_DIR).rmdir()
    with contextlib.suppress(OSError):
        folder.rmdir()


def _not_a_folder(parent: Path) -> BundleError:
    return BundleError([Problem(parent, None, "", "is not a folder: no review can go in it")])


def _not_made(folder: Path, error: OSError) -> BundleError:
    reason = error.strerror or str(error)
    return BundleError([Problem(folder, None, "", f"could not be made: {reason}")])
