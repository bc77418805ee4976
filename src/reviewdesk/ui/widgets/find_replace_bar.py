"""Find and replace over one QPlainTextEdit, shown below it on Ctrl+F."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from reviewdesk.ui.undo_router import OWN_UNDO

_PARAGRAPH_SEPARATOR = "\u2029"  # how QTextCursor.selectedText() spells a line break


def _button(text: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    return button


def keys(standard: QKeySequence.StandardKey, always: str) -> list[QKeySequence]:
    """The platform's keys for `standard`, and `always` whatever the platform: on X11 without
    a desktop theme Qt has no key at all for Replace, and only F3 for Find Next."""
    found = QKeySequence.keyBindings(standard)
    wanted = QKeySequence(always)
    return found if wanted in found else [wanted, *found]


class FindReplaceBar(QWidget):
    """Hidden until Find (Ctrl+F) or Replace (Ctrl+H) is pressed in `edit`. Enter and F3 find
    the next match, Shift+Enter and Shift+F3 the previous one, both wrapping around; Escape
    hides the bar and gives the focus back to `edit`. Replace All is one undo step."""

    def __init__(self, edit: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edit = edit
        self._matches: list[tuple[int, int]] | None = None  # (start, end), None when stale

        self.find_field = QLineEdit(placeholderText="Find")
        self.replace_field = QLineEdit(placeholderText="Replace with")
        for field in (self.find_field, self.replace_field):
            field.setProperty(OWN_UNDO, True)  # what is looked for is not part of the review
        self.case_sensitive_button = _button("Aa")
        self.case_sensitive_button.setCheckable(True)
        self.case_sensitive_button.setToolTip("Match case")
        self.status_label = QLabel()
        previous_button = _button("Previous")
        next_button = _button("Next")
        replace_button = _button("Replace")
        replace_all_button = _button("Replace All")
        close_button = _button("Close")
        self.setFocusProxy(self.find_field)

        find_row = QHBoxLayout()
        for widget in (self.find_field, self.case_sensitive_button, previous_button, next_button):
            find_row.addWidget(widget)
        find_row.addWidget(self.status_label, 1)
        find_row.addWidget(close_button)
        replace_row = QHBoxLayout()
        for widget in (self.replace_field, replace_button, replace_all_button):
            replace_row.addWidget(widget)
        replace_row.addStretch(1)
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.addLayout(find_row, 0, 0)
        grid.addLayout(replace_row, 1, 0)

        # In the text and in the bar alike; the edit lets these through (see MarkdownTextEdit).
        standard = QKeySequence.StandardKey
        self._find = self._action(
            "Find", keys(standard.Find, "Ctrl+F"), self.start_find, edit, self
        )
        self._replace = self._action(
            "Replace", keys(standard.Replace, "Ctrl+H"), self.start_replace, edit, self
        )
        self._action("Find next", keys(standard.FindNext, "F3"), self.find_next, edit, self)
        self._action(
            "Find previous",
            keys(standard.FindPrevious, "Shift+F3"),
            self.find_previous,
            edit,
            self,
        )
        self._action("Close", [QKeySequence(Qt.Key.Key_Escape)], self.close_bar, self)

        self.find_field.textChanged.connect(self._query_edited)
        self.case_sensitive_button.toggled.connect(self._query_edited)
        previous_button.clicked.connect(self.find_previous)
        next_button.clicked.connect(self.find_next)
        replace_button.clicked.connect(self.replace)
        replace_all_button.clicked.connect(self.replace_all)
        close_button.clicked.connect(self.close_bar)
        self.find_field.installEventFilter(self)
        self.replace_field.installEventFilter(self)
        edit.document().contentsChanged.connect(self._text_changed)
        self.hide()

    def _action(
        self,
        name: str,
        shortcuts: list[QKeySequence],
        slot: Callable[[], None],
        *widgets: QWidget,
    ) -> QAction:
        action = QAction(name, self)
        action.setShortcuts(shortcuts)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        for widget in widgets:
            widget.addAction(action)
        return action

    def hand_over_find_keys(self) -> tuple[list[QKeySequence], list[QKeySequence]]:
        """Give up the keys of Find and Replace, and return them, for a window whose own
        actions bring the bar up from anywhere: two actions on one key would both go deaf."""
        taken = self._find.shortcuts(), self._replace.shortcuts()
        self._find.setShortcuts([])
        self._replace.setShortcuts([])
        return taken

    # Showing and hiding

    def start_find(self) -> None:
        """Show the bar with the edit's selection (one line of it) as the query."""
        cursor = self._edit.textCursor()
        selected = cursor.selectedText()
        if selected and _PARAGRAPH_SEPARATOR not in selected:
            self.find_field.setText(selected)
        self.show()
        self.find_field.selectAll()
        self.find_field.setFocus()
        self._show_status()

    def start_replace(self) -> None:
        self.start_find()
        self.replace_field.selectAll()
        self.replace_field.setFocus()

    def close_bar(self) -> None:
        self.hide()
        self._edit.setFocus()

    # Finding

    def find_next(self) -> None:
        self._go(forward=True)

    def find_previous(self) -> None:
        self._go(forward=False)

    def matches(self) -> list[tuple[int, int]]:
        """Every match of the query in the text, as (start, end) positions in the document."""
        if self._matches is None:
            self._matches = []
            query = self.find_field.text()
            if query:
                options = QRegularExpression.PatternOption.NoPatternOption
                if not self.case_sensitive_button.isChecked():
                    options = QRegularExpression.PatternOption.CaseInsensitiveOption
                pattern = QRegularExpression(QRegularExpression.escape(query), options)
                # Raw text positions are document positions (blocks end in U+2029).
                found = pattern.globalMatch(self._edit.document().toRawText())
                while found.hasNext():
                    match = found.next()
                    self._matches.append((match.capturedStart(), match.capturedEnd()))
        return self._matches

    def _go(self, *, forward: bool) -> None:
        matches = self.matches()
        if matches:
            cursor = self._edit.textCursor()
            starts = [start for start, _ in matches]
            if forward:
                index = bisect_left(starts, cursor.selectionEnd()) % len(matches)
            else:
                index = bisect_left(starts, cursor.selectionStart()) - 1  # -1 wraps to the last
            self._select(matches[index])
        self._show_status()

    def _query_edited(self) -> None:
        self._matches = None
        matches = self.matches()
        if matches:
            starts = [start for start, _ in matches]
            # Typing on: from where the selection starts, so "a" then "ab" stays in place.
            start = self._edit.textCursor().selectionStart()
            self._select(matches[bisect_left(starts, start) % len(matches)])
        self._show_status()

    def _select(self, match: tuple[int, int]) -> None:
        cursor = self._edit.textCursor()
        cursor.setPosition(match[0])
        cursor.setPosition(match[1], QTextCursor.MoveMode.KeepAnchor)
        self._edit.setTextCursor(cursor)
        self._edit.ensureCursorVisible()

    def _current(self) -> int | None:
        """The index of the match the edit's selection is on."""
        cursor = self._edit.textCursor()
        selection = (cursor.selectionStart(), cursor.selectionEnd())
        matches = self.matches()
        index = bisect_left(matches, selection)
        return index if index < len(matches) and matches[index] == selection else None

    def _text_changed(self) -> None:
        self._matches = None
        if self.isVisible():
            self._show_status()

    def _show_status(self, message: str | None = None) -> None:
        if message is None:
            count, current = len(self.matches()), self._current()
            if not self.find_field.text():
                message = ""
            elif not count:
                message = "No matches"
            elif current is not None:
                message = f"{current + 1} of {count}"
            else:
                message = f"{count} match" + ("es" if count > 1 else "")
        self.status_label.setText(message)

    # Replacing

    def replace(self) -> None:
        """Replace the match that is selected, then go to the next one."""
        current = self._current()
        if current is not None and not self._edit.isReadOnly():
            cursor = self._edit.textCursor()
            cursor.insertText(self.replace_field.text())
            self._edit.setTextCursor(cursor)
        self.find_next()

    def replace_all(self) -> None:
        matches = self.matches()
        if not matches or self._edit.isReadOnly():
            self._show_status()
            return
        cursor = QTextCursor(self._edit.document())
        cursor.beginEditBlock()  # one undo step
        for start, end in reversed(matches):  # from the end, so earlier positions stay valid
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(self.replace_field.text())
        cursor.endEditBlock()
        self._show_status(f"Replaced {len(matches)}")

    # Enter in the fields

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if watched is self.replace_field:
                self.replace()
            elif event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.find_previous()
            else:
                self.find_next()
            return True
        return super().eventFilter(watched, event)
