"""`reviewdesk list FOLDER... [--status S] [--tag T] [--json]`: the reviews in reviews folders
(nested at any depth) or bundles, from the library's index in the user's cache, brought up to
date first (only the bundles changed since are read; a progress bar on a terminal meanwhile).

A table of title, status, rating, words and last modified on standard output, or with --json a
list of objects (path, title, slug, status, category, rating, best, tags, words, published,
updated, modified, problem). As `check` does, each bundle that cannot be read is a line on
standard error (its first problem: file:line: message) and makes the exit 1; the others are
listed all the same."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Never

from reviewdesk.core.bundle import folder_of
from reviewdesk.core.model import Status

if TYPE_CHECKING:
    from reviewdesk.core.library_index import Entry

EXIT_OK, EXIT_PROBLEMS = 0, 1
TITLE_CHARS = 50  # a longer title is cut, so that a row fits a terminal
NO_VALUE = "-"


def list_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "folders",
        nargs="+",
        metavar="FOLDER",
        help="reviews folders (bundles in them at any depth) or bundles",
    )
    parser.add_argument(
        "--status",
        choices=[status.value for status in Status],
        help="only reviews with this status",
    )
    parser.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="TAG",
        help="only reviews with this tag (ignoring case); given again, with each",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="a JSON list of objects: path, title, slug, status, category, rating, best, tags, "
        "words, published, updated, modified (seconds since 1970) and problem",
    )


def list_command(options: argparse.Namespace) -> int:
    import sqlite3  # noqa: PLC0415 (for this command only, as the index)

    folders, missing = _folders(options.folders)
    for path in missing:
        print(f"{path}: no such folder", file=sys.stderr)
    try:
        entries = _entries(folders)
    except sqlite3.Error as error:  # busy for long, a full disk: the index, not the reviews
        print(f"reviewdesk: the library's index: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    shown = [entry for entry in entries if _admitted(entry, options.status, options.tag)]
    broken = [entry for entry in shown if entry.problem]
    if options.json:
        print(json.dumps([_plain(entry) for entry in shown], indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(
            "".join(line + "\n" for line in table([e for e in shown if not e.problem]))
        )
    for entry in broken:
        print(entry.problem, file=sys.stderr)
    return EXIT_PROBLEMS if broken or missing else EXIT_OK


def _folders(given: Sequence[str]) -> tuple[list[Path], list[str]]:
    folders: list[Path] = []
    missing: list[str] = []
    for path in given:
        folder = folder_of(path)  # a bundle's review.yaml: the bundle
        if folder.is_dir():
            folders.append(folder)
        else:
            missing.append(path)
    return folders, missing


def _entries(folders: list[Path]) -> list[Entry]:
    if not folders:
        return []
    # Here only: the command line starts the app too, which needs no index yet.
    from reviewdesk.core.library_index import LibraryIndex  # noqa: PLC0415

    with LibraryIndex.open_default() as index, _progress_bar() as progress:
        index.refresh(folders, progress=progress)
        return index.entries(folders)


@contextmanager
def _progress_bar() -> Iterator[Callable[[int, int], None] | None]:
    """A bar on standard error when it is a terminal, once there is something to read; a log
    gets no carriage returns."""
    if not sys.stderr.isatty():
        yield None
        return
    # Here only: a terminal's bar is all tqdm is for.
    from tqdm import tqdm  # noqa: PLC0415

    bars: list[tqdm[Never]] = []  # made at the first bundle to read

    def advance(done: int, total: int) -> None:
        if not bars and total:
            bars.append(tqdm(total=total, unit="review", file=sys.stderr, leave=False))
        if bars:
            bars[0].update(done - bars[0].n)

    try:
        yield advance
    finally:
        for bar in bars:
            bar.close()


def _admitted(entry: Entry, status: str | None, tags: Sequence[str]) -> bool:
    if status is not None and entry.status != status:
        return False
    own = {tag.casefold() for tag in entry.tags}
    return all(tag.casefold() in own for tag in tags)


def _plain(entry: Entry) -> dict[str, object]:
    found = asdict(entry)
    return {**found, "path": str(entry.path), "tags": list(entry.tags)}


def table(entries: Sequence[Entry]) -> list[str]:
    """Title, status, rating, words and last modified (local time), a row per review, and the
    folder of each, shown from the current folder when it is inside it."""
    if not entries:
        return []
    rows = [
        (
            _cut(entry.title),
            entry.status,
            _rating(entry),
            f"{entry.words:,}",
            datetime.fromtimestamp(entry.modified).strftime("%Y-%m-%d %H:%M"),
            _shown_path(entry.path),
        )
        for entry in entries
    ]
    heads = ("TITLE", "STATUS", "RATING", "WORDS", "MODIFIED", "FOLDER")
    widths = [max(len(row[column]) for row in [heads, *rows]) for column in range(len(heads))]
    right = {2, 3}  # numbers

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(width) if column in right else cell.ljust(width)
            for column, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [line(heads), *(line(row) for row in rows)]


def _cut(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1] + "…"


def _rating(entry: Entry) -> str:
    if entry.rating is None:
        return NO_VALUE
    return f"{entry.rating:g}/{entry.best:g}" if entry.best is not None else f"{entry.rating:g}"


def _shown_path(path: Path) -> str:
    here = Path.cwd()
    return os.path.relpath(path, here) if path.is_relative_to(here) else str(path)
