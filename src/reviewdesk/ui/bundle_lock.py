"""Two ReviewDesks on one bundle: the second is warned before it opens it, and a lock left by
one that is no longer running is taken over silently (core/locks.py keeps the lock file)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from reviewdesk.core import locks
from reviewdesk.ui.document import ReviewDocument


def may_open(folder: Path, parent: QWidget | None) -> bool:
    """True when the bundle is free, or the writer chose to open it all the same."""
    held = locks.holder(folder)
    if held is None or held.is_this_process or held.is_stale:
        return True  # a mark left by a ReviewDesk that is gone is taken over without a word
    question = (
        f"“{folder.name}” is open in another ReviewDesk: {held.describe()}. Open it here "
        "too? Saving in both places would overwrite one with the other."
    )
    answer = QMessageBox.question(parent, "Review already open", question)
    return answer == QMessageBox.StandardButton.Yes


class LockKeeper(QObject):
    """Holds the lock of the document's bundle while it is open here."""

    def __init__(self, document: ReviewDocument) -> None:
        super().__init__(document)
        self._document = document
        self._held: Path | None = None
        document.folder_changed.connect(self._follow)
        app = QCoreApplication.instance()
        if app is not None:  # however the app ends, the bundle is no longer open here
            app.aboutToQuit.connect(self.release)
        self._follow()

    def release(self) -> None:
        if self._held is not None:
            locks.release(self._held)
            self._held = None

    def _follow(self) -> None:
        self.release()
        folder = self._document.folder
        if folder is not None:
            try:
                locks.take(folder)
            except OSError:
                return  # a read-only folder: nothing can be saved there either
            self._held = folder
