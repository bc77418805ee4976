"""Two-way bindings between simple input widgets and one field of the document."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from reviewdesk.core.edits import EditError
from reviewdesk.core.line_breaks import LineBreaks
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_property import FIELD_PROPERTY
from reviewdesk.ui.field_spelling import spell_input

__all__ = ["FIELD_PROPERTY", "FieldBinding", "bind_line_edit", "bind_text_edit", "hint_label"]


class FieldBinding(QObject):
    """Pushes the widget's value into `path` on each user edit (merged into one undo step
    per field) and pulls the model's value back when the field changes elsewhere (undo).
    An invalid value stays in the widget, is refused by the model, and is named in `hint`;
    otherwise `hint` names what the publishing checks say of the field."""

    def __init__(
        self,
        document: ReviewDocument,
        path: str,
        widget: QWidget,
        *,
        read: Callable[[], Any],
        write: Callable[[Any], None],
        hint: QLabel,
    ) -> None:
        super().__init__(widget)  # a child of its widget: its connections end with it
        self._document, self.path, self.widget = document, path, widget
        self._read, self._write, self._hint = read, write, hint
        self._top = path.partition(".")[0]
        self._pushing = False
        self._pulling = False  # showing the model's value: the widget's change signal is ours
        self._refused = ""  # why the model refused the widget's value
        self._seen: Any = None  # the widget's value as last pushed or shown
        widget.setProperty(FIELD_PROPERTY, path)
        spell_input(document.spelling, widget, lambda: path)  # where core checks the field
        document.changed.connect(self._model_changed)
        document.checks.checked.connect(self._show)
        self._model_changed("")
        self._seen = read()

    def push(self) -> None:
        if self._pulling:
            return
        value = self._read()
        if value == self._seen:
            # Not an edit: a box of text says its text changed when its underline is drawn
            # again (QSyntaxHighlighter), with the text as it was.
            return
        self._seen = value
        self._pushing = True
        try:
            self._document.set(self.path, value)
        except EditError as error:
            self._refused = str(error)
        else:
            self._refused = ""
        finally:
            self._pushing = False
        self._show()

    def _model_changed(self, field: str) -> None:
        # While typing, the model may normalise ("A " is stored as "A"): the widget keeps
        # what the writer typed.
        if self._pushing or field not in ("", self._top):
            return
        value = self._document.value(self.path)
        if value != self._read():
            # A text box signals its own setPlainText: pushing that back would store "" for
            # an absent field (seo.description of a review with no seo) as a new edit.
            self._pulling = True
            try:
                self._write(value)
            finally:
                self._pulling = False
            self._seen = self._read()
            self._refused = ""
            self._show()

    def _show(self) -> None:
        checked = self._document.checks.for_field(self.path)
        message = self._refused or (checked[0].message if checked else "")
        self._hint.setText(message)
        self._hint.setVisible(bool(message))
        self.widget.setProperty("invalid", bool(self._refused))
        self.widget.setToolTip(message)


def bind_line_edit(
    document: ReviewDocument, path: str, edit: QLineEdit, hint: QLabel, empty: Any = ""
) -> FieldBinding:
    """`empty` is the value an empty field stands for (None for optional slugs and URLs)."""
    binding = FieldBinding(
        document,
        path,
        edit,
        read=lambda: edit.text() or empty,
        write=lambda value: edit.setText(value or ""),
        hint=hint,
    )
    edit.textEdited.connect(binding.push)
    return binding


def bind_text_edit(
    document: ReviewDocument, path: str, edit: QPlainTextEdit, hint: QLabel
) -> FieldBinding:
    box = _TextBox(edit)
    edit.setUndoRedoEnabled(False)  # the document's history is the only one (ui/undo_router.py)
    binding = FieldBinding(document, path, edit, read=box.read, write=box.write, hint=hint)
    # textChanged also fires on setPlainText: the binding ignores its own writes.
    edit.textChanged.connect(binding.push)
    return binding


class _TextBox(QObject):
    """A text box's value: the text as given, with only the writer's edits in it. Its raw text
    keeps no-break spaces (toPlainText turns them into spaces) and line separators; its line
    breaks are the value's own (LineBreaks). Shift+Enter starts a new line, as Enter does,
    not a line separator (U+2028) that no reader of the review would see."""

    def __init__(self, edit: QPlainTextEdit) -> None:
        super().__init__(edit)
        self._edit = edit
        self._breaks = LineBreaks()
        edit.installEventFilter(self)

    def read(self) -> str:
        return self._breaks.text(self._edit.document().toRawText())

    def write(self, value: Any) -> None:
        breaks = LineBreaks(value or "")
        self._edit.setPlainText(breaks.raw)
        self._breaks = breaks  # after: what the box held is read with its own breaks

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
            plain = QKeyEvent(event.type(), event.key(), modifiers, "\r")
            QCoreApplication.sendEvent(watched, plain)
            return True
        return super().eventFilter(watched, event)


def hint_label() -> QLabel:
    """A small label under a field that names what is wrong with it."""
    label = QLabel()
    label.setObjectName("fieldHint")
    label.setWordWrap(True)
    label.setVisible(False)
    return label
