"""Spell checking of the body as the writer types: the checker of the open review for the body
editor's highlighter (ui/widgets/markdown_highlighter.py), and the menu a misspelled word gets.

One checker per document, made for the review's language (a new language makes a new one and
checks the body again) and told the review's own names (subject, tags...) as they change. A
missing dictionary underlines nothing (the problems list names it: ui/review_checks.py).

Words added to the writer's or the site's list are in the list's one copy of this process
(core/spelling_words.py) at once: every open body is highlighted again (`word_lists().added`),
and a document opened later reads them with its list; changed by another program, they are
read again when the body has the focus back. "Ignore" holds for the document while it
is open.

Time: a line is checked where the highlighter reaches it, within its time slices, so a long
body is underlined over a few turns of the event loop and never holds the window up; a word's
verdict is looked up once (the core caches it), so a keystroke costs the line's scan. There is
no worker thread warming the cache first: of the 170 ms the UI thread spends checking a
100,000-word body (bench/generate.py's, 2,500 distinct words), the dictionary's look-ups are
6 ms, and the scan, most of it, would still be done here; a worker would add a second
highlighting pass for them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QMenu, QMessageBox

from reviewdesk.core.spelling import SpellChecker, review_words
from reviewdesk.core.spelling_dictionary import Missing
from reviewdesk.core.spelling_prose import utf16_spans
from reviewdesk.core.spelling_state import LineState
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.widgets.markdown_editor import MarkdownEditor
from reviewdesk.ui.widgets.markdown_highlighter import MAX_INLINE_CHARS, spelling_state_before


class _WordLists(QObject):
    """Says that a word went into the writer's or a site's list, to every open body."""

    added = Signal()


@cache
def word_lists() -> _WordLists:
    """The one announcer of this process (made on the UI thread, at first use)."""
    return _WordLists()


class BodySpelling(QObject):
    """The spelling of one document's body in its editor."""

    def __init__(self, document: ReviewDocument, editor: MarkdownEditor) -> None:
        super().__init__(editor)
        self._document = document
        self._editor = editor
        self._language = ""
        self._names: frozenset[str] = frozenset()  # the review's own names, as last taken
        self.checker: SpellChecker | None = None
        self.ignored: set[str] = set()  # "Ignore": for this document while it is open
        editor.plain_text_edit.extend_context_menu = self._extend_menu
        document.changed.connect(self._review_changed)
        document.folder_changed.connect(self._new_checker)  # saved elsewhere: another site
        word_lists().added.connect(self._refresh)
        editor.plain_text_edit.installEventFilter(self)
        self._review_changed("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        # Back in the body: another program (git, a second ReviewDesk) may have changed the
        # word lists; a look at their files' times.
        checker = self.checker
        if event.type() == QEvent.Type.FocusIn and checker and checker.reload_word_lists():
            self._refresh()
        return super().eventFilter(watched, event)

    @property
    def missing(self) -> Missing | None:
        """The dictionary the review's language lacks, if it does."""
        return self.checker.missing if self.checker is not None else None

    def _review_changed(self, field: str) -> None:
        review = self._document.review
        if self.checker is None or review.language != self._language:
            self._new_checker()
        elif field != "body" and review_words(review) != self._names:
            # Its own names (subject, tags...: the core says which) are words to accept.
            self._names = review_words(review)
            self.checker.set_review(review)
            self._refresh()

    def _new_checker(self) -> None:
        """A checker for the review's language and folder (its site's list), the body
        checked again with it."""
        review = self._document.review
        self._language = review.language
        self._names = review_words(review)
        self.checker = SpellChecker.for_review(review, self._document.folder)
        highlighter = self._editor.plain_text_edit.highlighter
        highlighter.set_spelling(self if self.checker.dictionary is not None else None)

    def _refresh(self) -> None:
        """Check every line again (the words accepted changed)."""
        highlighter = self._editor.plain_text_edit.highlighter
        if highlighter.spelling is not None:
            highlighter.refresh()

    # The highlighter's side

    def check_line(self, text: str, state: int) -> tuple[list[tuple[int, int]], int]:
        """The misspelled words of a line of the body in UTF-16 units, and its state."""
        checker = self.checker
        if checker is None:
            return [], 0
        # Only so far into a line, as the highlighter's inline spans: a line of megabytes
        # would hold a keystroke up (the state it leaves is then that of its start).
        text = text[:MAX_INLINE_CHARS]
        words, after = checker.check_line(text, LineState.unpack(state))
        if self.ignored:
            words = [word for word in words if word.text not in self.ignored]
        return utf16_spans(text, words), after.pack()

    def next_misspelling(self, cursor: QTextCursor) -> QTextCursor | None:
        """The first misspelled word after `cursor` (its selection), else the first of the
        body (round again from the top), selected; None when there is none. The lines are
        checked from the top, each from the state the line before left, as the highlighter
        does: lines it has not reached yet are checked all the same."""
        if self.checker is None or self.checker.dictionary is None:
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
        if self.checker is None or self.checker.dictionary is None:
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
        if word is None or self.checker is None:
            return
        text = word.selectedText()
        first = menu.actions()[0] if menu.actions() else None
        added: list[QAction] = []

        def action(label: str, slot: Callable[[], None] | None) -> None:
            made = QAction(label, menu)
            if slot is None:
                made.setEnabled(False)
            else:
                made.triggered.connect(slot)
            added.append(made)

        suggestions = self.checker.suggest(text)
        for suggestion in suggestions:
            action(suggestion, partial(self._replace, word, suggestion))
        if not suggestions:
            action("No suggestions", None)
        added.append(_separator(menu))
        action("Add to My Dictionary", lambda: self._add(text, site=False))
        to_site = partial(self._add, text, site=True) if self.checker.site is not None else None
        action("Add to This Site's Dictionary", to_site)
        action("Ignore", lambda: self._ignore(text))
        added.append(_separator(menu))
        for made in added[: len(suggestions)]:
            made.setObjectName("spelling_suggestion")
        if first is None:
            menu.addActions(added)
        else:
            menu.insertActions(first, added)

    def _replace(self, word: QTextCursor, replacement: str) -> None:
        # An edit as typing is: the editor says the text changed, the document keeps the step.
        word.insertText(replacement)
        self._editor.plain_text_edit.setTextCursor(word)

    def _add(self, text: str, *, site: bool) -> None:
        if self.checker is None:
            return
        try:
            if site:
                self.checker.add_to_site(text)
            else:
                self.checker.add_to_personal(text)
        except (OSError, ValueError) as error:
            QMessageBox.warning(self._editor, "Word not added", f"The word list: {error}")
            return
        word_lists().added.emit()

    def _ignore(self, text: str) -> None:
        self.ignored.add(text)
        self._refresh()


def _separator(menu: QMenu) -> QAction:
    separator = QAction(menu)
    separator.setSeparator(True)
    return separator
