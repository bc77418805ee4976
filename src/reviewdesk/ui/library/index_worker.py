"""The library's index, kept off the UI thread: one thread refreshes it (walks the reviews
folders, re-reads changed bundles) and lists the entries; another answers searches, so a search
typed while a large library is indexed still comes back at once (SQLite's WAL lets one read
while the other writes). Each thread opens its own `LibraryIndex`.

Nothing is emitted on an object the UI thread may delete: results travel through couriers only
the threads use, and the threads stop (and are joined) when their `IndexWorker` goes."""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from reviewdesk.core.library_index import Entry, Hit, LibraryIndex

_log = logging.getLogger(__name__)

OpenIndex = Callable[[], LibraryIndex]
FIRST_SNIPPETS = 60  # more rows than a window shows at once


@dataclass(frozen=True)
class Listed:
    """The entries of the folders, and whether the files were looked at (`refreshed`: the
    first listing of a start comes from the index alone, at once)."""

    entries: tuple[Entry, ...]
    refreshed: bool


@dataclass(frozen=True)
class Found:
    generation: int
    query: str
    hits: tuple[Hit, ...]
    complete: bool = True  # False: only the first hits have their snippets; the rest follow


class _Courier(QObject):
    listed = Signal(object)  # Listed
    progress = Signal(int, int)  # done, total
    found = Signal(object)  # Found
    failed = Signal(str)


class IndexWorker(QObject):
    """Ask with `refresh(folders)` and `search(generation, query, folders)`; answers come as
    signals in the UI thread. The latest request of each kind wins over those still waiting."""

    listed = Signal(object)  # Listed
    progress = Signal(int, int)
    found = Signal(object)  # Found
    failed = Signal(str)  # the index could not be opened or read: say so, keep the window

    def __init__(self, open_index: OpenIndex, parent: QObject | None = None) -> None:
        super().__init__(parent)
        courier = _Courier()
        for name in ("listed", "progress", "found", "failed"):
            getattr(courier, name).connect(getattr(self, name))  # queued: emitted in a worker
        self._stop = threading.Event()
        self._refreshes: queue.SimpleQueue[tuple[Path, ...] | None] = queue.SimpleQueue()
        self._searches: queue.SimpleQueue[tuple[int, str, tuple[Path, ...]] | None] = (
            queue.SimpleQueue()
        )
        threads = [
            threading.Thread(
                target=_refresh_loop,
                args=(open_index, self._refreshes, courier, self._stop),
                name="library-index",
                daemon=True,
            ),
            threading.Thread(
                target=_search_loop,
                args=(open_index, self._searches, courier),
                name="library-search",
                daemon=True,
            ),
        ]
        for thread in threads:
            thread.start()
        stop, refreshes, searches = self._stop, self._refreshes, self._searches
        self.destroyed.connect(lambda: _stop(stop, refreshes, searches, threads, courier))

    def refresh(self, folders: Sequence[Path]) -> None:
        self._refreshes.put(tuple(folders))

    def search(self, generation: int, query: str, folders: Sequence[Path]) -> None:
        self._searches.put((generation, query, tuple(folders)))


def _stop(
    stop: threading.Event,
    refreshes: queue.SimpleQueue[tuple[Path, ...] | None],
    searches: queue.SimpleQueue[tuple[int, str, tuple[Path, ...]] | None],
    threads: list[threading.Thread],
    courier: _Courier,
) -> None:
    """Cancel a refresh under way (it stops between two bundles) and wait for both threads.
    The courier is held here so that it goes only once nothing emits on it."""
    stop.set()
    refreshes.put(None)
    searches.put(None)
    for thread in threads:
        thread.join()


_Job = TypeVar("_Job")


def _latest(inbox: queue.SimpleQueue[_Job | None], job: _Job) -> _Job | None:
    """The newest job waiting behind `job` (None: stop)."""
    while True:
        try:
            newer = inbox.get_nowait()
        except queue.Empty:
            return job
        if newer is None:
            return None
        job = newer


def _refresh_loop(
    open_index: OpenIndex,
    inbox: queue.SimpleQueue[tuple[Path, ...] | None],
    courier: _Courier,
    stop: threading.Event,
) -> None:
    index = _opened(open_index, courier)
    if index is None:
        return
    listed_once = False
    try:
        while (job := inbox.get()) is not None:
            if (folders := _latest(inbox, job)) is None:
                return
            if not listed_once:  # what the index knows, before any file is looked at
                listed_once = True
                courier.listed.emit(Listed(tuple(index.entries(folders)), refreshed=False))
            try:
                index.refresh(folders, progress=courier.progress.emit, cancelled=stop.is_set)
                if stop.is_set():
                    return
                entries = tuple(index.entries(folders))
            except Exception as error:  # a bug or a broken cache must not end the library
                _log.exception("refreshing the library failed")
                courier.failed.emit(f"The library could not be read: {error}")
                continue
            courier.listed.emit(Listed(entries, refreshed=True))
    except RuntimeError:  # the application went first and took the courier
        return
    finally:
        index.close()


def _search_loop(
    open_index: OpenIndex,
    inbox: queue.SimpleQueue[tuple[int, str, tuple[Path, ...]] | None],
    courier: _Courier,
) -> None:
    index = _opened(open_index, courier)
    if index is None:
        return
    try:
        while (job := inbox.get()) is not None:
            if (latest := _latest(inbox, job)) is None:
                return
            generation, query, folders = latest
            try:
                # The rows a window shows first, with their snippets, then every hit's
                # (unless another query came meanwhile): a search of 500 hits reads 500 texts.
                hits = tuple(index.search(query, folders, snippets=FIRST_SNIPPETS))
                complete = len(hits) <= FIRST_SNIPPETS
                courier.found.emit(Found(generation, query, hits, complete))
                if not complete and inbox.empty():
                    hits = tuple(index.search(query, folders))
                    courier.found.emit(Found(generation, query, hits))
            except Exception as error:
                _log.exception("searching the library failed")
                courier.failed.emit(f"The search failed: {error}")
                continue
    except RuntimeError:
        return
    finally:
        index.close()


def _opened(open_index: OpenIndex, courier: _Courier) -> LibraryIndex | None:
    try:
        return open_index()
    except Exception as error:
        _log.exception("opening the library's index failed")
        with contextlib.suppress(RuntimeError):  # the application went first
            courier.failed.emit(f"The library's index could not be opened: {error}")
        return None
