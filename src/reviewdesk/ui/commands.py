"""Undo commands: thin calls into `reviewdesk.core.edits` through the document."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from reviewdesk.core.model import Review
    from reviewdesk.ui.document import ReviewDocument


class SetFieldCommand(QUndoCommand):
    def __init__(
        self, document: ReviewDocument, path: str, old: Any, new: Any, merge: bool
    ) -> None:
        super().__init__(f"Edit {path.replace('_', ' ').replace('.', ' ')}")
        self._document, self.path, self.old, self.new, self._merge = document, path, old, new, merge

    def redo(self) -> None:
        self._document.apply(self.path, self.new)

    def undo(self) -> None:
        self._document.apply(self.path, self.old)

    def continues(self, path: str) -> bool:
        """Whether an edit of `path` extends this step (the document merges it in place)."""
        return self._merge and path == self.path


class ReplaceReviewCommand(QUndoCommand):
    """The whole review at once: restoring a recovery copy, as one undoable step."""

    def __init__(self, document: ReviewDocument, old: Review, new: Review, text: str) -> None:
        super().__init__(text)
        self._document, self._old, self._new = document, old, new

    def redo(self) -> None:
        self._document.apply_review(self._new)

    def undo(self) -> None:
        self._document.apply_review(self._old)
