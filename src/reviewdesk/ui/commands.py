"""Undo commands: thin calls into `reviewdesk.core.edits` through the document."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from reviewdesk.core.text_change import TextChange

if TYPE_CHECKING:
    from reviewdesk.core.model import Review
    from reviewdesk.ui.document import ReviewDocument


class SetFieldCommand(QUndoCommand):
    """A field from one value to another. A text keeps only the span edited, not two copies
    of itself: a long session's history would otherwise hold two bodies per step."""

    def __init__(
        self, document: ReviewDocument, path: str, old: Any, new: Any, merge: bool
    ) -> None:
        super().__init__(f"Edit {path.replace('_', ' ').replace('.', ' ')}")
        self._document, self.path, self._merge = document, path, merge
        self._change: TextChange | None = None
        self._old, self._new = old, new
        if isinstance(old, str) and isinstance(new, str):
            self._change, self._old, self._new = TextChange.between(old, new), None, None

    def redo(self) -> None:
        self._document.apply(self.path, self._value(self._change, self._new))

    def undo(self) -> None:
        change = self._change.inverse() if self._change else None
        self._document.apply(self.path, self._value(change, self._old))

    def _value(self, change: TextChange | None, value: Any) -> Any:
        return change.apply(self._document.value(self.path)) if change else value

    def continues(self, path: str) -> bool:
        """Whether an edit of `path` extends this step (the document merges it in place)."""
        return self._merge and path == self.path

    def extend(self, current: Any, new: Any) -> None:
        """Typing on: the step now ends at `new`; `current` is the field's value before it."""
        if self._change and isinstance(new, str):
            self._change = self._change.then(TextChange.between(current, new), current)
            return
        if self._change:  # a text becoming None: whole values from here on
            self._old, self._change = self._change.inverse().apply(current), None
        self._new = new


class ReplaceReviewCommand(QUndoCommand):
    """The whole review at once: restoring a recovery copy, as one undoable step."""

    def __init__(self, document: ReviewDocument, old: Review, new: Review, text: str) -> None:
        super().__init__(text)
        self._document, self._old, self._new = document, old, new

    def redo(self) -> None:
        self._document.apply_review(self._new)

    def undo(self) -> None:
        self._document.apply_review(self._old)
