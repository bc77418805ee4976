"""The reviews around a bundle: the other bundles in the same parent folder."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from reviewdesk.core import bundle
from reviewdesk.core.problems import BundleError

# A folder of thousands of reviews must not stall opening one: look at this many at most.
MAX_SIBLINGS = 500


@dataclass(frozen=True)
class SiblingTags:
    """The tags to offer, and a note for each sibling bundle whose tags are not offered
    because it cannot be read (`tags of ../other not offered: its review.yaml:3: ...`)."""

    tags: list[str]
    notes: list[str]


def sibling_tags(folder: Path) -> SiblingTags:
    """The tags of the other bundles beside `folder`, unique ignoring case (the first
    spelling wins, siblings taken in name order) and sorted ignoring case. A broken
    neighbour is not this review's problem: it is skipped, with a note saying why."""
    seen: dict[str, str] = {}
    notes: list[str] = []
    for sibling in _siblings(folder):
        try:
            review = bundle.load(sibling)
        except BundleError as error:
            notes.append(_note(sibling, _first_problem(error, sibling)))
            continue
        except OSError as error:
            notes.append(_note(sibling, error.strerror or str(error)))
            continue
        for tag in review.tags:
            seen.setdefault(tag.casefold(), tag)
    return SiblingTags(sorted(seen.values(), key=str.casefold), notes)


def _note(sibling: Path, why: str) -> str:
    return f"tags of ../{sibling.name} not offered: {why}"


def _first_problem(error: BundleError, sibling: Path) -> str:
    """The first problem, its file named inside the sibling (`its review.yaml:3: ...`)."""
    if not error.problems:
        return str(error)
    first = error.problems[0]
    try:
        name = first.file.relative_to(sibling)
    except ValueError:
        return str(first)
    if name == Path():
        return first.message  # the folder itself: "no such bundle folder", say
    return "its " + str(dataclasses.replace(first, file=name))


def _siblings(folder: Path) -> list[Path]:
    """The bundle folders beside `folder`, in name order, without `folder` itself."""
    folder = Path(os.path.abspath(folder))
    try:
        own = folder.stat()
    except OSError:
        own = None
    try:
        with os.scandir(folder.parent) as entries:
            folders = list(islice((e for e in entries if _is_dir(e)), MAX_SIBLINGS))
    except OSError:
        return []
    siblings = []
    for entry in sorted(folders, key=lambda e: e.name):
        if entry.name == folder.name or (own is not None and _same_file(entry, own)):
            continue  # itself, or a link to itself
        path = Path(entry.path)
        if (path / bundle.REVIEW_FILE).is_file():
            siblings.append(path)
    return siblings


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _same_file(entry: os.DirEntry[str], own: os.stat_result) -> bool:
    try:
        found = entry.stat()
    except OSError:
        return False
    return (found.st_dev, found.st_ino) == (own.st_dev, own.st_ino)
