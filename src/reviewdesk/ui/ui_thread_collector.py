"""Python's cycle collector runs in whichever thread allocates when a count passes its
threshold: in the preview's render thread it deleted Qt objects there, which Qt forbids (a
timer deleted in another thread stays registered, and the UI thread crashed on its next tick).
Automatic collection is turned off, and the UI thread collects instead, generation by
generation, when the counts pass Python's own thresholds."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_EVERY_MS = 100  # a look at three counters: nothing to notice


class UiThreadCollector(QObject):
    """Owned by the application; collection stays off for the life of the process."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self, interval=CHECK_EVERY_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> None:
        """What automatic collection would have done by now, as Python decides it."""
        young, middle, old = gc.get_count()
        first, second, third = self._thresholds
        if young <= first:
            return
        generation = 2 if middle > second and old > third else 1 if middle > second else 0
        gc.collect(generation)
