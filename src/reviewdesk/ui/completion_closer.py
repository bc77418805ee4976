"""A field's list of completions closes when the focus leaves the field. A key that moves the
focus (Alt+letter, Ctrl+Tab) left the list of the field before open, and the list kept the
keys typed next and handed them to that field: "en-GB" typed in Language, Alt+D, Backspace
took the B off the language instead of a badge."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget


class CompletionCloser(QObject):
    """Closes the completion list of the field the focus leaves, in any window."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        completer = old.completer() if isinstance(old, (QLineEdit, QComboBox)) else None
        if completer is None:
            return
        popup = completer.popup()
        if (
            popup is not None
            and popup.isVisible()
            and new is not None
            and not (new is popup or popup.isAncestorOf(new))
        ):
            popup.hide()
