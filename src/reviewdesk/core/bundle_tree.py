"""The bundles under the paths a writer gives: each path a bundle (a folder holding
`review.yaml`, or that file) or a folder of bundles, nested to any depth.

Hidden folders (`.git`, `.cache`) and `assets/` folders are not looked into, nor is a bundle's
own folder (a bundle holds no other bundle); links to folders met on the way are not followed
(a link back up would loop), while a path given is followed wherever it leads: it is the
writer's choice. A bundle reached twice (given twice, or given and inside a folder given) is
listed once. The order is the order of the paths given, each folder's bundles by name, so a
batch meets them in the same order every time."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reviewdesk.core import bundle


@dataclass(frozen=True)
class Unfound:
    """A path given that is no bundle and holds none, or a folder that could not be read."""

    path: Path
    message: str  # one line naming the path

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class FoundBundles:
    bundles: list[Path] = field(default_factory=list)
    problems: list[Unfound] = field(default_factory=list)


def is_bundle(path: str | os.PathLike[str]) -> bool:
    """Whether `path` is a bundle's folder: a folder holding `review.yaml`."""
    return os.path.lexists(os.path.join(path, bundle.REVIEW_FILE)) and os.path.isdir(path)


def find_bundles(paths: Iterable[str | os.PathLike[str]]) -> FoundBundles:
    """Every bundle under `paths`, and a problem for each path that leads to none."""
    found = FoundBundles()
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        leads_to_one = False
        for folder in _bundles_under(path, found.problems):
            leads_to_one = True
            real = os.path.realpath(folder)
            if real not in seen:
                seen.add(real)
                found.bundles.append(folder)
        if not leads_to_one and not _reported(path, found.problems):
            found.problems.append(Unfound(path, _why_none(path)))
    return found


def _bundles_under(path: Path, problems: list[Unfound]) -> Iterable[Path]:
    if path.name == bundle.REVIEW_FILE and path.is_file():
        yield path.parent
        return
    if not path.is_dir():
        return
    if is_bundle(path):
        yield path
        return
    yield from _walk(path, problems)


def _walk(top: Path, problems: list[Unfound]) -> Iterable[Path]:
    """The bundles inside the folder `top` (not a bundle itself), depth first by name."""
    try:
        with os.scandir(top) as entries:
            folders = sorted(
                entry.name
                for entry in entries
                if entry.is_dir(follow_symlinks=False)
                and not entry.name.startswith(".")
                and entry.name != bundle.ASSETS_DIR
            )
    except OSError as error:
        problems.append(Unfound(top, f"{top}: cannot be read: {error.strerror or error}"))
        return
    for name in folders:
        folder = top / name
        if is_bundle(folder):
            yield folder
        else:
            yield from _walk(folder, problems)


def _reported(path: Path, problems: list[Unfound]) -> bool:
    return any(problem.path == path for problem in problems)


def _why_none(path: Path) -> str:
    if not os.path.lexists(path):
        return f"{path}: no such bundle or folder"
    if not path.is_dir():
        return f"{path}: is neither a bundle folder nor its {bundle.REVIEW_FILE}"
    return f"{path}: holds no review (no folder in it holds a {bundle.REVIEW_FILE})"
