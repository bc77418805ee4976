"""Undo commands: thin calls into `reviewdesk.core.edits` through the document."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from reviewdesk.core.text_change import TextChange

if TYPE_CHECKING:
    from reviewdesk.core.model import Review
    from reviewdesk.ui.document import ReviewDocument


_KEY = 2  # the most one keystroke adds to a field (see _types_on)
_WORD_START = re.compile(r"\s\S")
PAUSE_SECONDS = 1.0
"""Typing after a pause this long starts a new undo step."""


class SetFieldCommand(QUndoCommand):
    """A field from one value to another. A text keeps only the span edited, not two copies
    of itself: a long session's history would otherwise hold two bodies per step.

    Typing on extends the step (the document merges it in place) as far as a writer expects
    one Undo to go back: to the start of the word, of a run of deletions, or of a burst of
    typing after a pause; a paste, a replace or a jump elsewhere in the text is a step of its
    own."""

    def __init__(
        self,
        document: ReviewDocument,
        path: str,
        old: Any,
        new: Any,
        *,
        merge: bool,
        when: float,
        whole: bool = False,
    ) -> None:
        """`whole`: `old` and `new` are kept as values, and edits within a pause extend the
        step, as for a date (a choice typed in a combo box that completes it inline: each
        key made two or three changes, and as many steps)."""
        super().__init__(f"Edit {path.replace('_', ' ').replace('.', ' ')}")
        self._document, self.path, self._merge, self._when = document, path, merge, when
        self._change: TextChange | None = None
        self._last: TextChange | None = None  # the latest keystroke's change, to go on from
        self._old, self._new = old, new
        if isinstance(old, str) and isinstance(new, str) and not whole:
            self._change, self._old, self._new = TextChange.between(old, new), None, None
            self._last = self._change

    def redo(self) -> None:
        self._document.apply(self.path, self._value(self._change, self._new))

    def undo(self) -> None:
        change = self._change.inverse() if self._change else None
        self._document.apply(self.path, self._value(change, self._old))

    def _value(self, change: TextChange | None, value: Any) -> Any:
        return change.apply(self._document.value(self.path)) if change else value

    @property
    def change(self) -> TextChange | None:
        """The span of text the step changed (None for a whole value)."""
        return self._change

    def continues(self, path: str, current: Any, new: Any, when: float) -> bool:
        """Whether an edit of `path` from `current` to `new` at `when` extends this step."""
        if not self._merge or path != self.path or when - self._when > PAUSE_SECONDS:
            return False
        if self._last is None or not isinstance(current, str) or not isinstance(new, str):
            return True  # whole values (a date, a list): a burst of edits is one step
        return _types_on(self._last, TextChange.between(current, new))

    def extend(self, current: Any, new: Any, when: float) -> None:
        """Typing on: the step now ends at `new`; `current` is the field's value before it."""
        self._when = when
        if self._change and isinstance(new, str):
            self._last = TextChange.between(current, new)
            self._change = self._change.then(self._last, current)
            return
        if self._change:  # a text becoming None: whole values from here on
            self._old, self._change, self._last = self._change.inverse().apply(current), None, None
        self._new = new


def _types_on(last: TextChange, change: TextChange) -> bool:
    """Whether `change` is the next keystroke after `last` in the same word or deletion."""
    typed, was_typed = change.inserted, last.inserted
    # A key may come with a space the model dropped before it ("A " is stored as "A"), and
    # the last key may have typed over a selection: what it typed is still the word begun.
    if not change.removed and 0 < len(typed) <= _KEY and 0 < len(was_typed) <= _KEY:
        starts_word = (was_typed[-1].isspace() and not typed[0].isspace()) or bool(
            _WORD_START.search(typed)
        )
        return change.start == last.start + len(was_typed) and not starts_word
    if not typed and not was_typed and len(change.removed) == len(last.removed) == 1:
        return change.start in (last.start - 1, last.start)  # Backspace, or Delete
    return False


class ReplaceReviewCommand(QUndoCommand):
    """The whole review at once: restoring a recovery copy, as one undoable step."""

    def __init__(self, document: ReviewDocument, old: Review, new: Review, text: str) -> None:
        super().__init__(text)
        self._document, self._old, self._new = document, old, new

    def redo(self) -> None:
        self._document.apply_review(self._new)

    def undo(self) -> None:
        self._document.apply_review(self._old)
