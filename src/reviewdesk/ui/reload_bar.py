"""A message bar above the editor for changes made to the bundle by other programs."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from reviewdesk.core import bundle
from reviewdesk.core.model import Review
from reviewdesk.core.problems import BundleError
from reviewdesk.ui.commands import ReplaceReviewCommand
from reviewdesk.ui.disk_watcher import WATCHED_FILES, DiskWatcher
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.message_bar import MessageBar

REMOVED_MESSAGE = "The review's files were moved or removed. Save to write them here again."


def _quoted(names: tuple[str, ...]) -> str:
    return " and ".join(f"“{name}”" for name in names)


class ReloadBar(MessageBar):
    """Hidden until the bundle changes on disk. An unmodified document is reloaded at once
    (`reloaded` says so, for the status bar); edits are never dropped without a choice, and a
    reload is one undoable step, so undo brings back what was open before."""

    reloaded = Signal(str)

    def __init__(
        self, document: ReviewDocument, watcher: DiskWatcher, parent: QWidget | None = None
    ) -> None:
        super().__init__("Changes on disk", parent=parent)
        self._document, self._watcher = document, watcher
        self._pending: Review | None = None  # the version on disk, while the bar offers it
        self._changed: tuple[str, ...] = ()

        # Alt+L, K, I: letters no menu or pane uses.
        self.reload_button = self.add_button("Re&load", "Reload from disk")
        self.keep_button = self.add_button("&Keep mine", "Keep my version")
        self.dismiss_button = self.add_button("D&ismiss", "Dismiss")

        self.reload_button.clicked.connect(self.reload)
        self.keep_button.clicked.connect(self.dismiss)
        self.dismiss_button.clicked.connect(self.dismiss)
        watcher.changed_on_disk.connect(self._changed_on_disk)
        # Saving writes our version over theirs; another folder makes the news stale.
        document.saved.connect(self.dismiss)
        document.folder_changed.connect(self.dismiss)

    def reload(self) -> None:
        """Put the version on disk in place as one undoable step, marked clean."""
        review, self._pending = self._pending, None
        self.hide()
        if review is None:
            return
        if review != self._document.review:
            old = self._document.review
            command = ReplaceReviewCommand(self._document, old, review, "Reload from disk")
            self._document.undo_stack.push(command)
        self._document.undo_stack.setClean()
        self.reloaded.emit(f"Reloaded: {' and '.join(self._changed)} changed on disk")

    def dismiss(self) -> None:
        """Keep the open version; the next save writes it over the one on disk."""
        self._pending = None
        self.hide()

    def _changed_on_disk(self) -> None:
        folder = self._document.folder
        if folder is None:
            return
        self._changed = self._watcher.changed_files
        self._pending = None
        if not all((folder / name).is_file() for name in WATCHED_FILES):
            self._show(REMOVED_MESSAGE, self.dismiss_button)
            return
        try:
            self._pending = bundle.load(folder)
        except BundleError as error:
            self._show(f"Cannot reload: {_short(error)}", self.dismiss_button)
            return
        if self._document.modified:
            message = f"{_quoted(self._changed)} changed on disk."
            self._show(message, self.reload_button, self.keep_button)
        else:
            self.reload()

    def _show(self, message: str, *buttons: QPushButton) -> None:
        for button in (self.reload_button, self.keep_button, self.dismiss_button):
            button.setVisible(button in buttons)
        self.say(message)


def _short(error: BundleError) -> str:
    """The first problem, naming the file without its folder: the bar is one line."""
    if not error.problems:
        return str(error)
    first = error.problems[0]
    return str(dataclasses.replace(first, file=Path(first.file.name)))
