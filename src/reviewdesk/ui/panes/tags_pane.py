"""Tags as chips, completed from the tags of the other reviews in the same folder."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reviewdesk.core.edits import EditError
from reviewdesk.core.library import SiblingTags, sibling_tags
from reviewdesk.core.limits import TAG_CHARS, TAGS
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import FIELD_PROPERTY
from reviewdesk.ui.widgets.tag_chips import TagChips


class _Delivery(QObject):
    done = Signal(int, object)  # generation, SiblingTags; emitted from a pool thread


class TagsPane(QWidget):
    """The tags of the reviews beside this one are read off the UI thread: there may be
    hundreds, each up to a megabyte of YAML (100,000 tags in one took 0.7 s to read), and the
    window must not wait for them. `completions_found` says when they are offered."""

    completions_found = Signal()

    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.chips = TagChips(max_items=TAGS, max_length=TAG_CHARS)
        self.chips.tags_edited.connect(self._edited)
        self.chips.setProperty(FIELD_PROPERTY, "tags")
        # Why some reviews beside this one lend no tags (a typo in their review.yaml, say).
        self.notes = QLabel(wordWrap=True)
        self.notes.setAccessibleName("Tags not offered")
        self.notes.hide()
        box = QVBoxLayout(self)
        box.addWidget(QLabel("Tags, shown as #chips under the deck"))
        box.addWidget(self.chips)
        box.addWidget(self.notes)
        box.addStretch()
        self._generation = 0
        # Its own pool, owned: destroyed with the pane, it waits for a scan under way, so none
        # runs on while Python shuts down. One at a time; another folder drops a queued one.
        # Made before the delivery, so destroyed before it: no scan emits on a deleted one.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._delivery = _Delivery(self)
        self._delivery.done.connect(self._found)
        document.changed.connect(self._refresh)
        document.folder_changed.connect(self._complete)
        self._refresh("")
        self._complete()

    def _edited(self, tags: list[str]) -> None:
        try:
            self._document.set("tags", tags, merge=False)
        except EditError as error:  # the chips refuse what they can; the model says the rest
            self.chips.say(str(error))
            self._refresh("tags")

    def _refresh(self, field: str) -> None:
        if field in ("", "tags"):
            self.chips.set_tags(list(self._document.review.tags))

    def _complete(self) -> None:
        self._generation += 1
        folder = self._document.folder
        if folder is None:
            self._found(self._generation, SiblingTags([], []))
            return
        generation, delivery = self._generation, self._delivery

        def work() -> None:
            found = sibling_tags(folder)
            delivery.done.emit(generation, found)

        self._pool.clear()
        self._pool.start(work)

    def _found(self, generation: int, found: SiblingTags) -> None:
        if generation != self._generation:
            return  # of a folder this review has left
        self.chips.set_completions(found.tags)
        self.notes.setText("\n".join(found.notes))
        self.notes.setVisible(bool(found.notes))
        self.completions_found.emit()
