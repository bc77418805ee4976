"""The library's index file: an SQLite database with FTS5, in WAL mode so that one thread (or
process) reads while another writes. It is a cache: whatever is wrong with it, it is made
anew, never an error. A file that is no index of ours (garbage, a truncated copy, another
program's database) is moved aside as NAME.unreadable; an index of another schema version
is emptied and made again in place."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from pathlib import Path

from reviewdesk.core import folder_lock
from reviewdesk.core.library_read import SEARCH_FIELDS

_log = logging.getLogger(__name__)

APPLICATION_ID = 0x52444C58  # "RDLX": this file is a ReviewDesk library index
SCHEMA_VERSION = 1
MEMORY = ":memory:"
BUSY_MS = 10_000  # another process's refresh commits every fraction of a second
BUSY_RETRY_S = 0.02
# Ranking weights of SEARCH_FIELDS: a match in the title counts most, in the body least.
WEIGHTS = (10.0, 5.0, 4.0, 2.0, 2.0, 2.0, 2.0, 3.0, 1.0)

_SCHEMA = f"""
CREATE TABLE bundles (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    signature TEXT NOT NULL,
    title TEXT NOT NULL,
    slug TEXT NOT NULL,
    status TEXT NOT NULL,
    category TEXT NOT NULL,
    rating REAL,
    best REAL,
    tags TEXT NOT NULL,
    words INTEGER NOT NULL,
    published TEXT NOT NULL,
    updated TEXT NOT NULL,
    modified REAL NOT NULL,
    problem TEXT NOT NULL
);
CREATE VIRTUAL TABLE texts USING fts5(
    {", ".join(SEARCH_FIELDS)},
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO texts (texts, rank) VALUES ('rank', 'bm25({", ".join(map(str, WEIGHTS))})');
"""


class _NotOursError(Exception):
    """The file is a database, but no library index of ours."""


def is_corruption(error: sqlite3.Error) -> bool:
    """Whether `error` says the file is damaged or no database (rather than busy, full...)."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    return code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def connect(file: Path) -> sqlite3.Connection:
    """The index at `file`, made when missing, made anew when unreadable; in memory when no
    file can be had there (a read-only cache folder): the library works, only slower."""
    if str(file) == MEMORY:
        return _opened(MEMORY)
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        _log.warning("the library's index %s cannot be made: %s", file, error)
        return _opened(MEMORY)
    # One opening at a time, among threads and processes: two that found the file damaged
    # each made it anew, the second moving the first's new file aside from under its
    # connection (the window listed nothing; its writes went to NAME.unreadable).
    with folder_lock.locked(file.parent, exclusive=True):
        return _connect(file)


def _connect(file: Path) -> sqlite3.Connection:
    attempts, deadline = 0, time.monotonic() + BUSY_MS / 1000
    while attempts < 2:
        attempts += 1
        try:
            return _opened(str(file))
        except (sqlite3.DatabaseError, _NotOursError) as error:
            if _is_busy(error) and time.monotonic() < deadline:
                # Another process is making the file (WAL's switch takes no busy handler):
                # wait for it, as the busy timeout would.
                attempts -= 1
                time.sleep(BUSY_RETRY_S)
                continue
            if isinstance(error, sqlite3.DatabaseError) and not is_corruption(error):
                _log.warning("the library's index %s cannot be used: %s", file, error)
                break
            _log.info("the library's index %s is unreadable (%s): made anew", file, error)
            move_aside(file)
        except OSError as error:
            _log.warning("the library's index %s cannot be made: %s", file, error)
            break
    return _opened(MEMORY)


def _is_busy(error: Exception) -> bool:
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def move_aside(file: Path) -> None:
    """Keep an unreadable file as NAME.unreadable (one, the latest), for a look if wanted."""
    # A journal of the old file must never meet a new one. Taken away first: once the old
    # file is gone, another connection may make the new one, journal and all, at once.
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(OSError):
            file.with_name(file.name + suffix).unlink()
    try:
        os.replace(file, file.with_name(file.name + ".unreadable"))
    except OSError:
        with contextlib.suppress(OSError):
            file.unlink()


def _opened(name: str) -> sqlite3.Connection:
    db = sqlite3.connect(name, isolation_level=None, check_same_thread=False)
    try:
        _prepare(db)
    except BaseException:
        db.close()
        raise
    return db


def _prepare(db: sqlite3.Connection) -> None:
    db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    # Looked at before anything is written: another program's database is left as it was.
    if not _ours(db):
        raise _NotOursError("another program's database")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")  # a cache: a lost last commit is read again
    if _pragma(db, "user_version") != SCHEMA_VERSION:
        _make_schema(db)


def _ours(db: sqlite3.Connection) -> bool:
    # One read transaction for both reads: another connection making the schema between
    # them made a new file look like another program's (and it was moved aside).
    db.execute("BEGIN")
    try:
        if _pragma(db, "application_id") == APPLICATION_ID:
            return True
        return int(db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]) == 0
    finally:
        if db.in_transaction:  # an error may have ended it: that error is the one to say
            db.execute("COMMIT")


def _pragma(db: sqlite3.Connection, name: str) -> int:
    return int(db.execute(f"PRAGMA {name}").fetchone()[0])


def _make_schema(db: sqlite3.Connection) -> None:
    """Empty the file and make the current schema, once among the processes that try."""
    db.execute("BEGIN IMMEDIATE")
    try:
        if _pragma(db, "user_version") != SCHEMA_VERSION:  # not made meanwhile by another
            _drop_all(db)
            for statement in _SCHEMA.split(";\n"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def _drop_all(db: sqlite3.Connection) -> None:
    """Every table of an older (or newer) schema: virtual tables first, their own go with them."""
    rows = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    for name in virtual:
        db.execute(f'DROP TABLE IF EXISTS "{name}"')
    for name, _sql in rows:
        db.execute(f'DROP TABLE IF EXISTS "{name}"')
