"""The reviews library's index: every bundle of the reviews folders with what the library lists
and searches, kept in the user's cache (library_schema) and brought up to date by `refresh`,
which reads again only the bundles whose review.yaml or body.md changed (library_scan).

    index = LibraryIndex.open_default()
    index.refresh([reviews])            # a worker thread: seconds for thousands, the first time
    index.entries([reviews])            # from the index alone, no file read
    index.search("battery life", [reviews])

Each thread opens its own LibraryIndex (its own connection): one may read while another
writes. A damaged index is made anew, never an error."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

from reviewdesk.core import library_scan, library_schema, library_search
from reviewdesk.core.library_entry import Entry, Hit, Refreshed
from reviewdesk.core.library_read import SEARCH_FIELDS, Record, read_record
from reviewdesk.core.library_writer import BatchWriter
from reviewdesk.core.user_files import cache_dir

__all__ = ["INDEX_FILE", "Entry", "Hit", "LibraryIndex", "Refreshed"]

_log = logging.getLogger(__name__)

INDEX_FILE = "library.sqlite3"
# Read bundles are written this often (in a thread of their own, library_writer): a reader
# sees the index grow, and another process's refresh gets its turn in between.
BATCH_SECONDS = 0.25

_T = TypeVar("_T")
Progress = Callable[[int, int], None]

_ENTRY_COLUMNS = (
    "path, title, slug, status, category, rating, best, tags, words, published, updated, "
    "modified, problem"
)
_INSERT_BUNDLE = f"INSERT INTO bundles (signature, {_ENTRY_COLUMNS}) VALUES ({', '.join('?' * 14)})"
_UPDATE_BUNDLE = (
    "UPDATE bundles SET signature = ?, "
    + ", ".join(f"{name} = ?" for name in _ENTRY_COLUMNS.split(", "))
    + " WHERE id = ?"
)
_INSERT_TEXTS = (
    f"INSERT INTO texts (rowid, {', '.join(SEARCH_FIELDS)}) "
    f"VALUES (?, {', '.join('?' * len(SEARCH_FIELDS))})"
)


class LibraryIndex:
    def __init__(self, cache_file: Path) -> None:
        """Open the index at `cache_file`, made when missing; a damaged or foreign file is
        moved aside and made anew (see library_schema), never an exception."""
        self._file = Path(cache_file)
        self._db = library_schema.connect(self._file)
        self._identity = _identity(self._file)

    @classmethod
    def open_default(cls) -> LibraryIndex:
        """The index in the user's cache folder."""
        return cls(cache_dir() / INDEX_FILE)

    @property
    def file(self) -> Path:
        return self._file

    def refresh(
        self,
        folders: Sequence[Path],
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Refreshed:
        """Bring the index up to date with the bundles in `folders` (reviews folders, nested
        any depth, or bundles): read the new and changed ones, drop the ones gone. `progress`
        is called with (bundles read, bundles to read); `cancelled` is asked between bundles,
        and a cancelled refresh leaves the index sound, holding what it read."""
        roots = [library_scan.absolute(folder) for folder in folders]

        def run() -> Refreshed:
            return self._refresh(roots, progress, cancelled or (lambda: False))

        return self._recovering(run, run)

    def entries(self, folders: Sequence[Path]) -> list[Entry]:
        """The bundles in `folders` as the index knows them (no file is read), by path."""
        roots = [library_scan.absolute(folder) for folder in folders]
        return self._recovering(lambda: self._entries(roots), list)

    def search(
        self, query: str, folders: Sequence[Path], limit: int = 500, snippets: int | None = None
    ) -> list[Hit]:
        """The bundles in `folders` whose title, deck (subtitle), summary, pros, cons, key
        features, key insights, verdict or body match `query` (see library_search), best first,
        at most `limit`; the words around the matches for the first `snippets` (None: all),
        the others' field and snippet "". `folders` may name bundles: a search among them
        gives their snippets."""
        where, parameters = _under([library_scan.absolute(folder) for folder in folders])
        return self._recovering(
            lambda: library_search.search(self._db, query, where, parameters, limit, snippets),
            list,
        )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # --- reading and writing ------------------------------------------------------------------

    def _refresh(
        self, roots: list[Path], progress: Progress | None, cancelled: Callable[[], bool]
    ) -> Refreshed:
        walk = library_scan.walk(roots, cancelled)
        if walk.cancelled:
            return Refreshed(broken=self._broken(roots))
        where, parameters = _under(roots)
        stored: dict[str, str] = dict(
            self._db.execute(f"SELECT path, signature FROM bundles WHERE {where}", parameters)
        )
        found = {str(item.folder): item for item in walk.found}
        gone = [path for path in stored if path not in found and not _inside(path, walk.unlisted)]
        todo = [
            item for key, item in found.items() if library_scan.needs_reading(stored.get(key), item)
        ]
        if gone:
            with self._transaction():
                self._remove(gone)
        added = changed = 0
        with BatchWriter(self._write, lambda: BATCH_SECONDS) as writer:
            for done, item in enumerate(todo):
                if cancelled():
                    break
                if progress is not None:
                    progress(done, len(todo))
                writer.put((item.signature, read_record(item.folder, item.modified)))
                if str(item.folder) in stored:
                    changed += 1
                else:
                    added += 1
        if progress is not None and not cancelled():
            progress(len(todo), len(todo))
        return Refreshed(
            added=added,
            changed=changed,
            removed=len(gone),
            unchanged=len(found) - len(todo),
            broken=self._broken(roots),
        )

    def _write(self, batch: list[tuple[str, Record]]) -> None:
        with self._transaction():
            for signature, record in batch:
                self._put(signature, record)

    def _put(self, signature: str, record: Record) -> None:
        entry = record.entry
        values = (
            signature,
            str(entry.path),
            entry.title,
            entry.slug,
            entry.status,
            entry.category,
            entry.rating,
            entry.best,
            json.dumps(list(entry.tags), ensure_ascii=False, allow_nan=False),
            entry.words,
            entry.published,
            entry.updated,
            entry.modified,
            entry.problem,
        )
        row = self._db.execute("SELECT id FROM bundles WHERE path = ?", (str(entry.path),))
        found = row.fetchone()
        if found is None:
            rowid = self._db.execute(_INSERT_BUNDLE, values).lastrowid
        else:
            rowid = found[0]
            self._db.execute(_UPDATE_BUNDLE, (*values, rowid))
            self._db.execute("DELETE FROM texts WHERE rowid = ?", (rowid,))
        self._db.execute(_INSERT_TEXTS, (rowid, *record.texts))

    def _remove(self, paths: list[str]) -> None:
        for path in paths:
            self._db.execute(
                "DELETE FROM texts WHERE rowid IN (SELECT id FROM bundles WHERE path = ?)", (path,)
            )
            self._db.execute("DELETE FROM bundles WHERE path = ?", (path,))

    def _entries(self, roots: list[Path]) -> list[Entry]:
        where, parameters = _under(roots)
        rows = self._db.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM bundles WHERE {where} ORDER BY path", parameters
        )
        return [_entry(row) for row in rows]

    def _broken(self, roots: list[Path]) -> int:
        where, parameters = _under(roots)
        sql = f"SELECT count(*) FROM bundles WHERE problem != '' AND ({where})"
        return int(self._db.execute(sql, parameters).fetchone()[0])

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")  # the write lock at once: no upgrade to fail later
        try:
            yield
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # --- a damaged file ---------------------------------------------------------------------

    def _recovering(self, action: Callable[[], _T], instead: Callable[[], _T]) -> _T:
        """`action`; when the file proves damaged on the way, `instead` on a new index."""
        try:
            return action()
        except sqlite3.DatabaseError as error:
            if not library_schema.is_corruption(error):
                raise
            _log.info("the library's index %s is damaged (%s): made anew", self._file, error)
        self._start_afresh()
        return instead()

    def _start_afresh(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
        with contextlib.suppress(sqlite3.Error):
            self._db.close()
        # Another process may have made it anew already: its new file is no damaged one.
        if str(self._file) != library_schema.MEMORY and _identity(self._file) == self._identity:
            library_schema.move_aside(self._file)
        self._db = library_schema.connect(self._file)
        self._identity = _identity(self._file)


def _entry(row: tuple[Any, ...]) -> Entry:
    path, title, slug, status, category, rating, best, tags, words, *rest = row
    published, updated, modified, problem = rest
    return Entry(
        path=Path(path),
        title=title,
        slug=slug,
        status=status,
        category=category,
        rating=rating,
        best=best,
        tags=tuple(json.loads(tags)),
        words=words,
        published=published,
        updated=updated,
        modified=modified,
        problem=problem,
    )


def _under(roots: Sequence[Path]) -> tuple[str, list[object]]:
    """An SQL condition on bundles.path: the bundle is one of `roots` or inside one. A range
    of the path's index, not LIKE (which ignores case and reads % and _ in names)."""
    if not roots:
        return "0", []
    clauses: list[str] = []
    parameters: list[object] = []
    for root in roots:
        text = str(root)
        inside = text if text.endswith(os.sep) else text + os.sep
        after = inside[:-1] + chr(ord(os.sep) + 1)  # the first path past those inside
        clauses.append("(bundles.path = ? OR (bundles.path > ? AND bundles.path < ?))")
        parameters += [text, inside, after]
    return " OR ".join(clauses), parameters


def _inside(path: str, folders: Sequence[Path]) -> bool:
    return any(path == str(f) or path.startswith(str(f) + os.sep) for f in folders)


def _identity(file: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(file)
    except OSError:
        return None
    return info.st_dev, info.st_ino
