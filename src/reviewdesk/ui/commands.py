"""Undo commands: thin calls into `reviewdesk.core.edits` through the document."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from reviewdesk.core.model import Review
    from reviewdesk.ui.document import ReviewDocument

# Edits of the same field in a row merge into one undo step (typing a word, a sentence).
_MERGE_ID = 1


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

    def id(self) -> int:
        return _MERGE_ID if self._merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's API)
        if not isinstance(other, SetFieldCommand) or other.path != self.path or not other._merge:
            return False
        self.new = other.new
        # Qt deletes the merged command, but PySide keeps its Python object alive: let it hold
        # nothing, or every keystroke would keep a copy of the body (a long session grew by
        # 125 MiB a minute).
        other.old = other.new = None
        other._document = None  # type: ignore[assignment]
        return True


class ReplaceReviewCommand(QUndoCommand):
    """The whole review at once: restoring a recovery copy, as one undoable step."""

    def __init__(self, document: ReviewDocument, old: Review, new: Review, text: str) -> None:
        super().__init__(text)
        self._document, self._old, self._new = document, old, new

    def redo(self) -> None:
        self._document.apply_review(self._new)

    def undo(self) -> None:
        self._document.apply_review(self._old)
