"""The open review: one `ReviewDocument` owns the Review, its bundle folder and the undo
history. Widgets edit through it and listen to `changed`; they never talk to each other."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from reviewdesk.core import bundle, edits
from reviewdesk.core.model import Review
from reviewdesk.core.problems import Problem
from reviewdesk.ui.commands import ReplaceReviewCommand, SetFieldCommand
from reviewdesk.ui.document_spelling import DocumentSpelling
from reviewdesk.ui.review_checks import ReviewChecks


class ReviewDocument(QObject):
    """`checks` holds the live publishing checks of the review, `spelling` its spell
    checking."""

    changed = Signal(str)  # the top-level field edited; "" when the whole review was replaced
    modified_changed = Signal(bool)
    saved = Signal()
    folder_changed = Signal()

    def __init__(
        self, review: Review, folder: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._review = review
        self._folder = folder
        # What the last open or save found of a save a crash interrupted, to tell the writer.
        self._notes: tuple[str, ...] = ()
        self._told: set[str] = set()
        self.clock: Callable[[], float] = time.monotonic  # when edits are made: steps end at pauses
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.spelling = DocumentSpelling(self)
        self.checks = ReviewChecks(self)

    def _clean_changed(self, clean: bool) -> None:
        self.modified_changed.emit(not clean)

    @classmethod
    def open(cls, folder: Path, parent: QObject | None = None) -> ReviewDocument:
        """Raises BundleError with the problems when the bundle cannot be read."""
        folder = bundle.folder_of(folder)
        source = bundle.read(folder)
        document = cls(source.review, folder, parent)
        document._notes = _said(source.notes)
        return document

    def take_notes(self) -> tuple[str, ...]:
        """What to tell the writer about how a save interrupted by a crash was settled (see
        `reviewdesk.core.commit`), once."""
        # A save settles what the open said already, in the same words: say it once.
        notes = tuple(note for note in self._notes if note not in self._told)
        self._told.update(notes)
        self._notes = ()
        return notes

    @property
    def review(self) -> Review:
        return self._review

    @property
    def folder(self) -> Path | None:
        return self._folder

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def value(self, path: str) -> Any:
        return edits.get(self._review, path)

    def set(self, path: str, value: Any, *, merge: bool = True, whole: bool = False) -> None:
        """Edit the field at `path` as one undoable step (merged with the previous edit of the
        same field when `merge`). A `whole` text is a choice, not typing: a burst of changes
        is one step however the text changed. Raises EditError, naming the problem, when
        `value` is not valid there; the review is then unchanged."""
        old = self.value(path)
        if old == value:
            return
        review = edits.replaced(self._review, path, value)  # validated before the history
        stack = self.undo_stack
        top = stack.command(stack.index() - 1) if stack.index() > 0 else None
        now = self.clock()
        if (
            merge
            and isinstance(top, SetFieldCommand)
            and top.continues(path, old, value, now)
            and stack.index() != stack.cleanIndex()  # a saved step stays as it was saved
            # After an undo a new edit starts a new branch: extending the step in place would
            # keep the undone steps to redo, onto a text they were not made from.
            and stack.index() == stack.count()
        ):
            # Typing on in a field extends its step in place. Letting Qt merge a new command
            # into it instead leaks: PySide keeps every merged command's Python object alive.
            top.extend(old, value, now)
            self._put(review, path)
            return
        stack.push(SetFieldCommand(self, path, old, value, merge=merge, when=now, whole=whole))

    def apply(self, path: str, value: Any) -> None:
        """Set a field without history: for undo commands only."""
        self._put(edits.replaced(self._review, path, value), path)

    def _put(self, review: Review, path: str) -> None:
        self._review = review
        self.changed.emit(path.partition(".")[0])

    def recover(self, review: Review) -> None:
        """Put a recovered review in place as one undoable, unsaved edit."""
        if review != self._review:
            command = ReplaceReviewCommand(self, self._review, review, "Recover unsaved changes")
            self.undo_stack.push(command)

    def apply_review(self, review: Review) -> None:
        """Set the whole review without history: for undo commands only."""
        self._review = review
        self.changed.emit("")

    def replace_review(self, review: Review) -> None:
        """After a reload or a revert: a new review, a fresh history, unmodified."""
        self._review = review
        self.undo_stack.clear()
        self.changed.emit("")

    def start_new(self, review: Review) -> None:
        """Put `review` in place with no folder yet (File > New, a recovery whose bundle is
        gone): unmodified, a fresh history; the first save asks where it goes."""
        self._folder = None
        self._notes = ()
        self.replace_review(review)
        self.folder_changed.emit()  # last: its listeners see the new review

    def reopen(self, folder: Path) -> None:
        """Open another bundle in place of this one. Raises BundleError, leaving this one."""
        folder = bundle.folder_of(folder)
        source = bundle.read(folder)
        self._folder = folder
        self._notes = _said(source.notes)
        self.replace_review(source.review)
        self.folder_changed.emit()  # last: its listeners see the new review

    def save(self, folder: Path | None = None) -> None:
        """Write the bundle (to `folder`: Save As). Raises BundleError when it cannot."""
        target = folder or self._folder
        if target is None:
            raise ValueError("a review without a folder needs one to be saved")
        self._notes = _said(bundle.save(self._review, target))
        if target != self._folder:
            self._folder = target
            self.folder_changed.emit()
        self.undo_stack.setClean()
        self.saved.emit()


def _said(notes: tuple[Problem, ...]) -> tuple[str, ...]:
    """The notes as a sentence each, for a writer rather than a log: no file name."""
    return tuple(f"{note.message[:1].upper()}{note.message[1:]}." for note in notes)
