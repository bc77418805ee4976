"""A field's list of completions never holds on to the writer's keys.

It closes when the focus leaves the field: a key that moves the focus (Alt+letter) left the
list open, and the list kept the keys typed next and handed them to that field ("en-GB" typed in
Language, Alt+D, Backspace took the B off the language instead of a badge). And Ctrl+Tab with
the list open goes to the next pane, as from the field: the list handed the key to the field
alone, where it went no further."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit, QWidget

_PANE_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


class CompletionCloser(QObject):
    """Closes the completion list of the field the focus leaves, in any window, and lets
    Ctrl+Tab pass from a list to the panes."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        popup = _list_of(old)
        if (
            popup is not None
            and popup.isVisible()
            and new is not None
            and not (new is popup or popup.isAncestorOf(new))
        ):
            popup.hide()
        arrived = _list_of(new)
        if arrived is not None:
            arrived.removeEventFilter(self)  # once, however often the field is entered
            arrived.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        if not (
            isinstance(watched, QAbstractItemView)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in _PANE_KEYS
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            return False
        field = QApplication.focusWidget()
        watched.hide()
        if field is not None:  # the key as if typed in the field: it goes up to the panes
            again = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
            QApplication.sendEvent(field, again)
        return True


def _list_of(widget: QWidget | None) -> QAbstractItemView | None:
    completer = widget.completer() if isinstance(widget, (QLineEdit, QComboBox)) else None
    return completer.popup() if completer is not None else None
