"""Writing the bundles a refresh reads, in a thread of its own: SQLite lets go of Python's lock
while FTS5 tokenizes, so the index grows on one core while the next bundles are read on another
(a third of the work of a first index is the writing)."""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Generic, Self, TypeVar

_T = TypeVar("_T")
QUEUED = 64  # bundles read ahead of the writing at most: their bodies are in memory
_DONE = object()  # no more items
_DUE = object()  # the batch's time is up


class BatchWriter(Generic[_T]):
    """Hands items to `write` in batches, each at most `seconds` after its first item came (so
    that readers see the index grow); `close` waits for the last. An error of `write` is raised
    by the next `put` or by `close`, and nothing more is written."""

    def __init__(self, write: Callable[[list[_T]], None], seconds: Callable[[], float]) -> None:
        self._write = write
        self._seconds = seconds
        self._queue: queue.Queue[object] = queue.Queue(maxsize=QUEUED)
        self._error: BaseException | None = None  # to raise, once
        self._failed = False
        self._thread = threading.Thread(target=self._run, name="library-writer", daemon=True)
        self._thread.start()

    def put(self, item: _T) -> None:
        self._raise_error()
        self._queue.put(item)

    def close(self) -> None:
        """Write what is left and wait for it; raise the writing's error, if any."""
        if self._thread.is_alive():
            self._queue.put(_DONE)
            self._thread.join()
        self._raise_error()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if error is None:
            self.close()
            return
        with contextlib.suppress(Exception):  # the error on its way out says more
            self.close()

    def _raise_error(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _run(self) -> None:
        batch: list[_T] = []
        due = 0.0
        while True:
            try:
                item = self._queue.get(timeout=max(0.0, due - time.monotonic()) if batch else None)
            except queue.Empty:
                item = _DUE
            if item is not _DUE and item is not _DONE:
                if not batch:
                    due = time.monotonic() + self._seconds()
                batch.append(item)  # type: ignore[arg-type]
            if batch and (item is _DUE or item is _DONE or time.monotonic() >= due):
                self._flush(batch)
                batch = []
            if item is _DONE:
                return

    def _flush(self, batch: list[_T]) -> None:
        if self._failed:
            return  # after an error, the items are only taken off the queue
        try:
            self._write(batch)
        except BaseException as error:  # raised in the thread that puts
            self._error, self._failed = error, True
