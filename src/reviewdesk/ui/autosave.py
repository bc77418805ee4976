"""Autosave: a recovery copy a few seconds after an edit, never over the bundle.

The delay runs from the first edit since the last copy, not from the last one: a writer who
types without a pause still has a copy at most `delay_ms` old.

A copy that cannot be written (a full disk, a read-only data folder) is no longer silent: a
crash would then lose everything since the last save. Each failed try says why (`failed`),
and the first copy written after failures says protection is back (`recovered`). While it
fails it tries again every `delay_ms`, so room made on the disk is noticed without an edit."""

from __future__ import annotations

import errno
import time

from PySide6.QtCore import QObject, QTimer, Signal

from reviewdesk.core import recovery
from reviewdesk.core.problems import BundleError
from reviewdesk.ui.document import ReviewDocument

AUTOSAVE_DELAY_MS = 3000

# Why a copy could not be written, as the status bar says it ("Autosave failed: disk full").
_PLAIN_REASONS = {
    errno.ENOSPC: "disk full",
    errno.EDQUOT: "disk quota exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "read-only disk",
    errno.EIO: "disk error",
    errno.ENOENT: "folder missing",
    errno.ENOTDIR: "a file is in the way",
    errno.EMFILE: "too many open files",
    errno.ENFILE: "too many open files",
}


def failure_reason(error: BaseException) -> str:
    """The reason a copy could not be written, in a few plain words: from the errno of the
    OS error behind it, else from what the error says."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, OSError):
            if cause.errno in _PLAIN_REASONS:
                return _PLAIN_REASONS[cause.errno]
            if cause.strerror:
                return cause.strerror.lower()
        cause = cause.__cause__ or cause.__context__
    if isinstance(error, BundleError) and error.problems:
        return error.problems[0].message
    return str(error) or type(error).__name__


class Autosaver(QObject):
    autosaved = Signal()
    failed = Signal(str)  # a try failed: why, in plain words
    recovered = Signal()  # a copy was written after one or more failed tries
    attempted = Signal()  # after each try, written or not

    def __init__(
        self,
        document: ReviewDocument,
        delay_ms: int = AUTOSAVE_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self.last_autosave: float | None = None
        self._failure: str | None = None
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self.write)
        document.changed.connect(self._edited)
        document.saved.connect(self.discard)

    @property
    def delay_ms(self) -> int:
        return self._timer.interval()

    @delay_ms.setter
    def delay_ms(self, delay: int) -> None:
        self._timer.setInterval(delay)

    @property
    def failure(self) -> str | None:
        """Why the last try failed, while tries fail; None once a copy is written."""
        return self._failure

    def _edited(self, _field: str) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def write(self) -> None:
        if not self._document.modified:
            return
        try:
            recovery.write(self._document.review, self._document.folder)
        except (BundleError, OSError) as error:
            # The bundle itself is untouched and typing goes on; the writer is told.
            self._failure = failure_reason(error)
            self._timer.start()  # again, until it works
            self.failed.emit(self._failure)
        else:
            self.last_autosave = time.monotonic()
            if self._failure is not None:
                self._failure = None
                self.recovered.emit()
            self.autosaved.emit()
        self.attempted.emit()

    def discard(self) -> None:
        self._timer.stop()
        recovery.discard(self._document.folder)
