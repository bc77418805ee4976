"""F7, Edit ▸ Next Misspelling: from where the writer is, the next misspelled word of the
review, selected in its input, in the review's order (core/spelling_checks.checked_fields:
the title, the summary, the lists, the rows... then the body), round again from the top;
and a misspelling of the problems list selected in its input."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit, QListWidget, QPlainTextEdit, QWidget

from reviewdesk.core.spelling_checks import checked_fields
from reviewdesk.ui.field_binding import FIELD_PROPERTY

if TYPE_CHECKING:
    from reviewdesk.ui.main_window import MainWindow

BODY = "body"
_Found = tuple[str, int, int, str]  # field, start, end (in the field's text), word


def next_misspelling(window: MainWindow) -> bool:
    """Select the next misspelled word after the focus, in its input; False when the review
    has none (the status bar says so)."""
    field, at = _where(window)
    fields = _field_misspellings(window)
    order = [path for path, _text in _paths(window)]
    rank = {path: index for index, path in enumerate(order)}
    if field == BODY:
        if _select_in_body(window, after=True) or _first_of(window, fields):
            return True
        return _select_in_body(window, after=False) or _none(window)
    here = rank.get(field)  # None: not in a checked field, so from the top
    later = [
        f
        for f in fields
        if here is None or rank[f[0]] > here or (rank[f[0]] == here and f[1] >= at)
    ]
    if later and _select(window, later[0]):
        return True
    if _select_in_body(window, after=False):
        return True
    return _first_of(window, fields) or _none(window)


def select_misspelling(window: MainWindow, field: str, span: tuple[int, int]) -> None:
    """Select the word at `span` of `field`'s text (a problem of the list), in its input."""
    text = _text_of(window, field)
    start, end = span
    if field == BODY:
        editor = window.body.editor.plain_text_edit
        cursor = QTextCursor(editor.document())
        cursor.setPosition(_utf16(text, start))
        cursor.setPosition(_utf16(text, end), QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        editor.ensureCursorVisible()
        return
    _select(window, (field, start, end, text[start:end]))


def _none(window: MainWindow) -> bool:
    window.statusBar().showMessage("No misspelling in the review", 5000)
    return False


def _paths(window: MainWindow) -> list[tuple[str, str]]:
    return [
        (".".join(str(part) for part in path), text)
        for path, text in checked_fields(window.document.review)
    ]


def _text_of(window: MainWindow, field: str) -> str:
    if field == BODY:
        return window.document.review.body
    return next((text for path, text in _paths(window) if path == field), "")


def _field_misspellings(window: MainWindow) -> list[_Found]:
    spelling = window.document.spelling
    return [
        (path, word.start, word.end, word.text)
        for path, text in _paths(window)
        for word in spelling.check_field(text)
    ]


def _where(window: MainWindow) -> tuple[str, int]:
    """The field the focus is in (`pros.2`, `body`, "" when none) and the cursor's place."""
    widget: QWidget | None = QApplication.focusWidget()
    if widget is None or widget.window() is not window:
        widget = window.focusWidget()
    body = window.body.editor.plain_text_edit
    if widget is body:
        return BODY, max(body.textCursor().position(), body.textCursor().anchor())
    at = 0
    if isinstance(widget, QLineEdit):
        at = max(widget.cursorPosition(), widget.selectionEnd())
    elif isinstance(widget, QPlainTextEdit):
        cursor = widget.textCursor()
        at = max(cursor.position(), cursor.anchor())
    while widget is not None:
        name = widget.property(FIELD_PROPERTY)
        if name is not None:
            if isinstance(widget, QListWidget):  # editing an item of a list: its row
                return f"{name}.{max(widget.currentRow(), 0)}", at
            return str(name), at
        widget = widget.parentWidget()
    return "", 0


def _first_of(window: MainWindow, fields: list[_Found]) -> bool:
    return bool(fields) and _select(window, fields[0])


def _select_in_body(window: MainWindow, *, after: bool) -> bool:
    """The body's next misspelling after its cursor (`after`), or its first."""
    editor = window.body.editor.plain_text_edit
    cursor = editor.textCursor()
    if not after:
        cursor = QTextCursor(editor.document())
    word = window.body.spelling.next_misspelling(cursor)
    if word is None or (after and word.selectionStart() < cursor.position()):
        return False  # round to the top: the fields come first
    window.show_field(BODY)
    editor.setTextCursor(word)
    editor.ensureCursorVisible()
    editor.setFocus(Qt.FocusReason.ShortcutFocusReason)
    return True


def _select(window: MainWindow, found: _Found) -> bool:
    """Focus the input of the field and select the word in it: the same occurrence of the
    word as in the field's text (an input may show it with spaces the review trims)."""
    field, start, _end, word = found
    window.focus_field(field)
    model_text = _text_of(window, field)
    nth = _occurrences_before(model_text, word, start)
    widget = window.focusWidget() or QApplication.focusWidget()
    if isinstance(widget, QListWidget):  # an item of pros: edit it
        item = widget.item(widget.currentRow())
        if item is None:
            return False
        widget.editItem(item)
        widget = widget.indexWidget(widget.currentIndex())
    if isinstance(widget, QLineEdit):
        shown = _nth(widget.text(), word, nth)
        if shown < 0:
            return False
        widget.setSelection(_utf16(widget.text(), shown), _utf16(word, len(word)))
        return True
    if isinstance(widget, QPlainTextEdit):
        text = widget.document().toRawText()
        shown = _nth(text, word, nth)
        if shown < 0:
            return False
        cursor = QTextCursor(widget.document())
        cursor.setPosition(_utf16(text, shown))
        cursor.setPosition(_utf16(text, shown + len(word)), QTextCursor.MoveMode.KeepAnchor)
        widget.setTextCursor(cursor)
        widget.ensureCursorVisible()
        return True
    return False


def _occurrences_before(text: str, word: str, start: int) -> int:
    count, at = 0, text.find(word)
    while 0 <= at < start:
        count += 1
        at = text.find(word, at + len(word))
    return count


def _nth(text: str, word: str, nth: int) -> int:
    at = text.find(word)
    for _ in range(nth):
        if at < 0:
            break
        at = text.find(word, at + len(word))
    return at


def _utf16(text: str, index: int) -> int:
    """Qt's position of the character at `index` of `text` (an emoji counts two)."""
    prefix = text[:index]
    return len(prefix) if prefix.isascii() else len(prefix.encode("utf-16-le")) // 2
