"""Spell checking of the body as the writer types: the document's checker
(ui/document_spelling.py) for the body editor's highlighter (ui/widgets/markdown_highlighter.py),
and the menu a misspelled word gets.

Time: a line is checked where the highlighter reaches it, within its time slices, so a long
body is underlined over a few turns of the event loop and never holds the window up; a word's
verdict is looked up once (the core caches it, for every dictionary of the language), so a
keystroke costs the line's scan. The spelling thread's search of the whole review, which starts
with the checker, looks most words up first, off the UI thread; of the 170 ms the UI thread
spends checking a 100,000-word body (bench/generate.py's, 2,500 distinct words), the look-ups
are 6 ms, the scan the rest.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu

from reviewdesk.core.spelling_dictionary import Missing
from reviewdesk.core.spelling_prose import utf16_spans
from reviewdesk.core.spelling_state import LineState
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.spelling_menu import add_spelling_actions
from reviewdesk.ui.widgets.markdown_editor import MarkdownEditor
from reviewdesk.ui.widgets.markdown_highlighter import MAX_INLINE_CHARS, spelling_state_before


class BodySpelling(QObject):
    """The spelling of one document's body in its editor."""

    def __init__(self, document: ReviewDocument, editor: MarkdownEditor) -> None:
        super().__init__(editor)
        self._spelling = document.spelling
        self._editor = editor
        editor.plain_text_edit.extend_context_menu = self._extend_menu
        self._spelling.changed.connect(self._checker_changed)
        editor.plain_text_edit.installEventFilter(self)
        self._checker_changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        # Back in the body: another program (git, a second ReviewDesk) may have changed the
        # word lists.
        if event.type() == QEvent.Type.FocusIn:
            self._spelling.reload_word_lists()
        return super().eventFilter(watched, event)

    @property
    def ready(self) -> bool:
        """Whether the dictionary of the review's language is open (or known missing)."""
        return self._spelling.ready

    @property
    def missing(self) -> Missing | None:
        """The dictionary the review's language lacks, if it does."""
        return self._spelling.missing

    def _checker_changed(self) -> None:
        """Every line checked again: the checker, or the words it accepts, changed."""
        highlighter = self._editor.plain_text_edit.highlighter
        highlighter.set_spelling(self if self._spelling.active else None)

    # The highlighter's side

    def check_line(self, text: str, state: int) -> tuple[list[tuple[int, int]], int]:
        """The misspelled words of a line of the body in UTF-16 units, and its state."""
        checker = self._spelling.checker
        if checker is None:
            return [], 0
        # Only so far into a line, as the highlighter's inline spans: a line of megabytes
        # would hold a keystroke up (the state it leaves is then that of its start).
        text = text[:MAX_INLINE_CHARS]
        words, after = checker.check_line(text, LineState.unpack(state))
        ignored = self._spelling.ignored
        if ignored:
            words = [word for word in words if word.text not in ignored]
        return utf16_spans(text, words), after.pack()

    def next_misspelling(self, cursor: QTextCursor) -> QTextCursor | None:
        """The first misspelled word after `cursor` (its selection), else the first of the
        body (round again from the top), selected; None when there is none. The lines are
        checked from the top, each from the state the line before left, as the highlighter
        does: lines it has not reached yet are checked all the same."""
        if not self._spelling.active:
            return None
        after = max(cursor.position(), cursor.anchor())
        block = self._editor.plain_text_edit.document().firstBlock()
        state, first = 0, None
        while block.isValid():
            spans, state = self.check_line(block.text(), state)
            for start, length in spans:
                word = QTextCursor(block)
                word.setPosition(block.position() + start)
                word.setPosition(block.position() + start + length, QTextCursor.MoveMode.KeepAnchor)
                if word.selectionStart() >= after:
                    return word
                first = first or word
            block = block.next()
        return first

    # The menu

    def misspelling_at(self, cursor: QTextCursor) -> QTextCursor | None:
        """The misspelled word at `cursor`, selected, or None."""
        if not self._spelling.active:
            return None
        block = cursor.block()
        spans, _ = self.check_line(block.text(), spelling_state_before(block))
        at = cursor.positionInBlock()
        for start, length in spans:
            if start <= at <= start + length:
                word = QTextCursor(block)
                word.setPosition(block.position() + start)
                word.setPosition(block.position() + start + length, QTextCursor.MoveMode.KeepAnchor)
                return word
        return None

    def _extend_menu(self, menu: QMenu, cursor: QTextCursor) -> None:
        word = self.misspelling_at(cursor)
        if word is not None:
            add_spelling_actions(
                menu, self._spelling, word.selectedText(), lambda new: self._replace(word, new)
            )

    def _replace(self, word: QTextCursor, replacement: str) -> None:
        # An edit as typing is: the editor says the text changed, the document keeps the step.
        word.insertText(replacement)
        self._editor.plain_text_edit.setTextCursor(word)
