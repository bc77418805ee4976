"""The status bar: words, reading time, problems and save state (autosave's too)."""

from __future__ import annotations

import re
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from reviewdesk.ui.autosave import Autosaver
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.first_paint import after_first_paint

WORDS_PER_MINUTE = 230
COUNTED_AFTER_PAINT = 50_000
"""Characters of body from which the first count waits for the bar's first paint: counting
100,000 words takes 20 ms, which the window's first paint need not wait for."""
_WORD = re.compile("[^\\W_]+(?:['\u2019-][^\\W_]+)*")


def count_words(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


class WordCounter:
    """Counts a long body again in a fraction of the time: paragraphs (no word spans a blank
    line) are counted once and remembered while they stay in the text."""

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        known, total = self._counts, 0
        counts: dict[str, int] = {}
        for paragraph in text.split("\n\n"):
            count = counts.get(paragraph)
            if count is None:
                count = known.get(paragraph)
                counts[paragraph] = count = count_words(paragraph) if count is None else count
            total += count
        self._counts = counts  # only what the text still holds
        return total


class ReviewStatusBar(QStatusBar):
    """Shows what `autosaver`, when given, says of the recovery copy."""

    def __init__(
        self,
        document: ReviewDocument,
        autosaver: Autosaver | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._count_words = WordCounter()
        self._saved_at: float | None = None
        self._autosaved_at: float | None = None
        self._autosave_failure: str | None = None
        self.words = QLabel()
        self.problems = QLabel()
        self.state = QLabel()
        for label in (self.words, self.problems, self.state):
            self.addPermanentWidget(label)
        # Counting a long body costs milliseconds: not on every keystroke.
        self._recount = QTimer(self, singleShot=True, interval=300)
        self._recount.timeout.connect(self._count)
        self._clock = QTimer(self, interval=10_000)
        self._clock.timeout.connect(self._show_state)
        self._clock.start()
        document.changed.connect(self._changed)
        document.modified_changed.connect(self._show_state)
        document.saved.connect(self._saved)
        document.checks.checked.connect(self._count_problems)
        if autosaver is not None:
            autosaver.autosaved.connect(self.autosaved)
            autosaver.failed.connect(self.autosave_failed)
            autosaver.recovered.connect(self.autosave_recovered)
        if len(document.review.body) < COUNTED_AFTER_PAINT:
            self._count()
        else:
            after_first_paint(self, self._count)
        self._count_problems()
        self._show_state()

    def _changed(self, field: str) -> None:
        if field in ("", "body", "summary", "title"):
            self._recount.start()

    def _count(self) -> None:
        words = self._count_words(self._document.review.body)
        minutes = max(1, round(words / WORDS_PER_MINUTE)) if words else 0
        self.words.setText(f"{words:,} words · {minutes} min read")

    def _count_problems(self) -> None:
        found = len(self._document.checks.problems)
        self.problems.setText(
            f"{found} problem{'s' if found != 1 else ''}" if found else "No problems"
        )

    def _saved(self) -> None:
        self._saved_at = time.monotonic()
        self._autosaved_at = None
        self._show_state()

    def autosaved(self) -> None:
        self._autosaved_at = time.monotonic()
        self._show_state()

    def autosave_failed(self, reason: str) -> None:
        """The recovery copy could not be written: said for as long as edits are unprotected."""
        self._autosave_failure = reason
        self._show_state()

    def autosave_recovered(self) -> None:
        self._autosave_failure = None
        self.showMessage("Autosave works again", 10_000)
        self._show_state()

    def _show_state(self) -> None:
        failing = self._autosave_failure is not None and self._document.modified
        font = self.state.font()
        if font.bold() != failing:
            font.setBold(failing)
            self.state.setFont(font)
        self.state.setToolTip(
            "Crash protection is off until autosave works again: save to keep your edits"
            if failing
            else ""
        )
        if failing:
            self.state.setText(f"Autosave failed: {self._autosave_failure}")
        elif self._document.modified and self._autosaved_at is not None:
            seconds = int(time.monotonic() - self._autosaved_at)
            self.state.setText(
                "Modified · autosaved " + ("just now" if seconds < 10 else _ago(seconds))
            )
        elif self._document.modified:
            self.state.setText("Modified")
        elif self._saved_at is None:
            self.state.setText("Saved" if self._document.folder else "Not saved yet")
        else:
            seconds = int(time.monotonic() - self._saved_at)
            self.state.setText("Saved" if seconds < 10 else f"Saved {_ago(seconds)}")


def _ago(seconds: int) -> str:
    return f"{seconds} s ago" if seconds < 60 else f"{seconds // 60} min ago"
