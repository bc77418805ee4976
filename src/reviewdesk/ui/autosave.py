"""Autosave: a recovery copy a few seconds after an edit, never over the bundle.

The delay runs from the first edit since the last copy, not from the last one: a writer who
types without a pause still has a copy at most `delay_ms` old."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal

from reviewdesk.core import recovery
from reviewdesk.core.problems import BundleError
from reviewdesk.ui.document import ReviewDocument

AUTOSAVE_DELAY_MS = 3000


class Autosaver(QObject):
    autosaved = Signal()

    def __init__(
        self,
        document: ReviewDocument,
        delay_ms: int = AUTOSAVE_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self.last_autosave: float | None = None
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self.write)
        document.changed.connect(self._edited)
        document.saved.connect(self.discard)

    def _edited(self, _field: str) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def write(self) -> None:
        if not self._document.modified:
            return
        try:
            recovery.write(self._document.review, self._document.folder)
        except (BundleError, OSError):
            return  # a full data disk must not disturb typing; the bundle itself is untouched
        self.last_autosave = time.monotonic()
        self.autosaved.emit()

    def discard(self) -> None:
        self._timer.stop()
        recovery.discard(self._document.folder)
