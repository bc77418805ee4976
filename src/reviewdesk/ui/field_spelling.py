"""Misspellings underlined in the review's text fields (a line or a box of text), with the
spelling's menu (ui/spelling_menu.py): what the body has (ui/body_spelling.py), in every
field that the core checks (core/spelling_checks.is_checked: the title, the summary, an item
of pros, an offer's seller...).

A line edit draws the underline as it draws an input method's formatting: a QInputMethodEvent
with no text to insert and the misspelled words' formats, which Qt keeps in the line's layout
(positions counted from the cursor) until the next one; it is sent again each time the text
changes. A box of text has a highlighter. A field's words are checked again when its text
changes and when the spelling does (a word added, the language changed), and only sent to the
widget when the underlined words differ: a thousand offers' sellers cost a look at each."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import (
    QCoreApplication,
    QDynamicPropertyChangeEvent,
    QEvent,
    QObject,
    QPoint,
    Qt,
)
from PySide6.QtGui import (
    QInputMethodEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QWidget

from reviewdesk.core.spelling_checks import is_checked
from reviewdesk.core.spelling_prose import utf16_spans
from reviewdesk.ui.document_spelling import DocumentSpelling
from reviewdesk.ui.field_property import FIELD_PROPERTY
from reviewdesk.ui.spelling_menu import add_spelling_actions
from reviewdesk.ui.widgets.markdown_highlighter import misspelling_format

Spans = list[tuple[int, int]]  # (start, length) in UTF-16 units, as Qt counts


def spell_input(
    spelling: DocumentSpelling, widget: QWidget, path: Callable[[], str]
) -> FieldSpelling | None:
    """Underline the misspellings of `widget` (a line edit or a box of text) while the field
    it edits is one checked; `path` names that field (`pros.2`) when asked: an item row's
    inputs are renamed when rows move."""
    if isinstance(widget, QLineEdit):
        return LineSpelling(spelling, widget, path)
    if isinstance(widget, QPlainTextEdit):
        return BoxSpelling(spelling, widget, path)
    return None


class FieldSpelling(QObject):
    """The spelling of one input: its menu, and word lists read again when it takes the
    focus (another program may have changed them)."""

    def __init__(
        self, spelling: DocumentSpelling, widget: QWidget, path: Callable[[], str]
    ) -> None:
        super().__init__(widget)
        self.spelling, self._widget, self._path = spelling, widget, path
        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        widget.customContextMenuRequested.connect(self._show_menu)
        widget.installEventFilter(self)
        spelling.changed.connect(self.check)

    @property
    def checked(self) -> bool:
        return self.spelling.active and is_checked(self._path())

    def misspelled(self, text: str) -> Spans:
        """The misspelled words of `text`, as Qt counts positions in it."""
        if not self.checked:
            return []
        return utf16_spans(text, self.spelling.check_field(text))

    def check(self) -> None:
        raise NotImplementedError

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        if event.type() == QEvent.Type.FocusIn:
            self.spelling.reload_word_lists()
        elif event.type() == QEvent.Type.PaletteChange:  # light to dark: a red that reads
            self.restyle(misspelling_format(self._widget.palette()))
        elif (
            isinstance(event, QDynamicPropertyChangeEvent)
            and event.propertyName().data() == FIELD_PROPERTY.encode()
        ):
            self.check()  # a row's input named (after it was filled), or renamed
        return super().eventFilter(watched, event)

    @property
    def underline(self) -> QTextCharFormat:
        """How the underline is drawn now."""
        raise NotImplementedError

    def restyle(self, underline: QTextCharFormat) -> None:
        """Draw the underline so from now on."""
        raise NotImplementedError

    def word_at(self, point: QPoint) -> tuple[int, int, str] | None:
        """The misspelled word at `point` of the widget: start, end and text."""
        raise NotImplementedError

    def replace(self, start: int, end: int, text: str) -> None:
        """Put `text` for [start, end) as the writer's edit."""
        raise NotImplementedError

    def standard_menu(self, point: QPoint) -> QMenu:
        raise NotImplementedError

    def context_menu(self, point: QPoint) -> QMenu:
        """The input's menu at `point` (of the widget the menu event came to), the spelling's
        actions first when a misspelled word is there."""
        menu = self.standard_menu(point)
        found = self.word_at(point)
        if found is not None:
            start, end, word = found
            replace = partial(self.replace, start, end)
            add_spelling_actions(menu, self.spelling, word, replace)
        return menu

    def _show_menu(self, point: QPoint) -> None:
        menu = self.context_menu(point)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self._menu_origin().mapToGlobal(point))

    def _menu_origin(self) -> QWidget:
        return self._widget


def _word_in(spans: Spans, text: str, at: int) -> tuple[int, int, str] | None:
    for start, length in spans:
        if start <= at <= start + length:
            return start, start + length, text[start : start + length]
    return None


class LineSpelling(FieldSpelling):
    def __init__(
        self, spelling: DocumentSpelling, edit: QLineEdit, path: Callable[[], str]
    ) -> None:
        super().__init__(spelling, edit, path)
        self._edit = edit
        self._shown: Spans = []
        self._format = misspelling_format(edit.palette())
        edit.textChanged.connect(lambda _text: self.check(changed=True))
        self.check()

    @property
    def underlined(self) -> Spans:
        return list(self._shown)

    @property
    def underline(self) -> QTextCharFormat:
        return self._format

    def restyle(self, underline: QTextCharFormat) -> None:
        self._format = underline
        self.check(changed=True)

    def check(self, *, changed: bool = False) -> None:
        spans = self.misspelled(self._edit.text())
        if spans == self._shown and not changed:
            return
        if not spans and not self._shown:
            return  # nothing was drawn, nothing to draw: no event
        self._shown = spans
        cursor = self._edit.cursorPosition()
        attributes = [
            QInputMethodEvent.Attribute(
                QInputMethodEvent.AttributeType.TextFormat, start - cursor, length, self._format
            )
            for start, length in spans
        ]
        QCoreApplication.sendEvent(self._edit, QInputMethodEvent("", attributes))

    def word_at(self, point: QPoint) -> tuple[int, int, str] | None:
        text = self._edit.text()
        return _word_in(self._shown, text, self._edit.cursorPositionAt(point))

    def replace(self, start: int, end: int, text: str) -> None:
        self._edit.setSelection(start, end - start)
        self._edit.insert(text)  # an edit as typing is: textEdited follows

    def standard_menu(self, point: QPoint) -> QMenu:
        return self._edit.createStandardContextMenu()


class _BoxHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, spelling: BoxSpelling) -> None:
        super().__init__(document)
        self._spelling = spelling

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's API)
        for start, length in self._spelling.misspelled(text):
            self.setFormat(start, length, self._spelling.format)


class BoxSpelling(FieldSpelling):
    def __init__(
        self, spelling: DocumentSpelling, edit: QPlainTextEdit, path: Callable[[], str]
    ) -> None:
        super().__init__(spelling, edit, path)
        self._edit = edit
        self.format = misspelling_format(edit.palette())
        self._active = self.checked
        self._highlighter = _BoxHighlighter(edit.document(), self)

    @property
    def underlined(self) -> Spans:
        """(start, length) of each underlined word in the whole text."""
        found: Spans = []
        block = self._edit.document().firstBlock()
        while block.isValid():
            found += [
                (block.position() + r.start, r.length)
                for r in block.layout().formats()
                if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline
            ]
            block = block.next()
        return found

    @property
    def underline(self) -> QTextCharFormat:
        return self.format

    def restyle(self, underline: QTextCharFormat) -> None:
        self.format = underline
        if self._active:
            self._highlighter.rehighlight()

    def check(self) -> None:
        # Qt highlights a block again as it changes; the rest when the spelling changes.
        if self.checked or self._active:
            self._active = self.checked
            self._highlighter.rehighlight()

    def word_at(self, point: QPoint) -> tuple[int, int, str] | None:
        cursor = self._edit.cursorForPosition(point)
        block = cursor.block()
        found = _word_in(self.misspelled(block.text()), block.text(), cursor.positionInBlock())
        if found is None:
            return None
        start, end, word = found
        return block.position() + start, block.position() + end, word

    def replace(self, start: int, end: int, text: str) -> None:
        cursor = QTextCursor(self._edit.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)  # the box says its text changed: the binding keeps the step
        self._edit.setTextCursor(cursor)

    def standard_menu(self, point: QPoint) -> QMenu:
        return self._edit.createStandardContextMenu(point)

    def _menu_origin(self) -> QWidget:
        return self._edit.viewport()
