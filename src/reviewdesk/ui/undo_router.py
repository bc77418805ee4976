"""One undo for the whole window: Undo and Redo pressed in any text field of the window, or
chosen from its context menu, step through the document's history, never the field's own.

A line edit or text box keeps a private history that knows nothing of the review: one Ctrl+Z
there could wipe a field typed long ago, and its change would be recorded as a new edit that
throws the redo history away. Fields that edit something other than the review (the find
box) set OWN_UNDO and keep theirs."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from reviewdesk.ui.commands import SetFieldCommand

OWN_UNDO = "ownUndo"
"""A widget property: this field keeps its own undo history."""

_TEXT_WIDGETS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QComboBox)
_WATCHED = "undoRouted"
_ROUTED_EVENTS = frozenset(
    (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress, QEvent.Type.ContextMenu)
)
_REDO_TOO = (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z"))  # whatever the platform


def undo_keys() -> list[QKeySequence]:
    return [QKeySequence(QKeySequence.StandardKey.Undo)]


def redo_keys() -> list[QKeySequence]:
    keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    return keys + [key for key in _REDO_TOO if key not in keys]


class UndoRouter(QObject):
    """Routes Undo and Redo from the text fields of `window` to `stack`. `stepped` names the
    field an undo or redo changed, so the window can show it."""

    stepped = Signal(str)

    def __init__(self, stack: QUndoStack, window: QWidget) -> None:
        super().__init__(window)
        self._stack, self._window = stack, window
        self._undo, self._redo = undo_keys(), redo_keys()
        # A field claims Ctrl+Z before any shortcut or parent sees it: each field is watched
        # itself, from when it first takes the focus (which a right click gives too). Watching
        # the whole application instead would hand PySide objects still being constructed.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(lambda _old, new: self._watch(new))
        for field in window.findChildren(QWidget):
            self._watch(field)

    def _watch(self, field: QWidget | None) -> None:
        if field is not None and self._routes(field) and not field.property(_WATCHED):
            field.setProperty(_WATCHED, True)
            field.installEventFilter(self)

    def undo(self) -> None:
        if self._stack.canUndo():
            self._stack.undo()
            self._show(self._stack.index())

    def redo(self) -> None:
        if self._stack.canRedo():
            self._stack.redo()
            self._show(self._stack.index() - 1)

    def _show(self, index: int) -> None:
        command = self._stack.command(index)
        if isinstance(command, SetFieldCommand):
            self.stepped.emit(command.path)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        if event.type() not in _ROUTED_EVENTS:
            return False
        if isinstance(event, QKeyEvent):
            return self._key(event)
        if isinstance(event, QContextMenuEvent) and isinstance(watched, QWidget):
            return self._context_menu(watched, event.globalPos())
        return False

    def _routes(self, watched: QObject) -> bool:
        return (
            isinstance(watched, _TEXT_WIDGETS)
            and watched.window() is self._window
            and not watched.property(OWN_UNDO)
        )

    def _key(self, event: QKeyEvent) -> bool:
        pressed = QKeySequence(event.keyCombination())
        undo, redo = pressed in self._undo, pressed in self._redo
        if not (undo or redo):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # the key comes to the field as a key press, and so here
            return True
        self.undo() if undo else self.redo()
        return True

    def _context_menu(self, widget: QWidget, where: QPoint) -> bool:
        if isinstance(widget.parentWidget(), QAbstractSpinBox):
            return False  # the spin box's own menu (steps up and down) holds the edit's
        if isinstance(widget, QLineEdit):
            menu = widget.createStandardContextMenu()
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            menu = widget.createStandardContextMenu(widget.viewport().mapFromGlobal(where))
        else:
            return False  # a spin box's or combo box's own menu: their edit gets the event
        for action in menu.actions():
            if action.objectName() == "edit-undo":
                self._reroute(action, self.undo, self._stack.canUndo())
            elif action.objectName() == "edit-redo":
                self._reroute(action, self.redo, self._stack.canRedo())
        menu.exec(where)
        menu.deleteLater()
        return True

    @staticmethod
    def _reroute(action: QAction, slot: object, enabled: bool) -> None:
        action.triggered.disconnect()
        action.triggered.connect(slot)
        action.setEnabled(enabled)


class _StepAction(QAction):
    """Undo or Redo, named after the step it takes ("Undo Edit title")."""

    def __init__(self, verb: str, keys: list[QKeySequence], parent: QWidget) -> None:
        super().__init__(verb, parent)
        self._verb = verb
        self.setShortcuts(keys)

    def name_step(self, step: str) -> None:
        self.setText(f"{self._verb} {step}".strip())


def history_menu_actions(router: UndoRouter, stack: QUndoStack, parent: QWidget) -> list[QAction]:
    """Edit ▸ Undo and Redo, through `router`."""
    undo = _StepAction("&Undo", undo_keys(), parent)
    undo.triggered.connect(router.undo)
    redo = _StepAction("&Redo", redo_keys(), parent)
    redo.triggered.connect(router.redo)
    # Slots of the actions, from the signals' values: connections that end with the actions,
    # and never ask a stack that may be going when it says so.
    stack.canUndoChanged.connect(undo.setEnabled)
    stack.canRedoChanged.connect(redo.setEnabled)
    stack.undoTextChanged.connect(undo.name_step)
    stack.redoTextChanged.connect(redo.name_step)
    undo.setEnabled(stack.canUndo())
    redo.setEnabled(stack.canRedo())
    undo.name_step(stack.undoText())
    redo.name_step(stack.redoText())
    return [undo, redo]
