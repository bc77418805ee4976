"""Tags as chips, completed from the tags of the other reviews in the same folder."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reviewdesk.core.library import SiblingTags, sibling_tags
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.widgets.tag_chips import TagChips


class TagsPane(QWidget):
    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.chips = TagChips()
        self.chips.tags_edited.connect(lambda tags: document.set("tags", tags, merge=False))
        # Why some reviews beside this one lend no tags (a typo in their review.yaml, say).
        self.notes = QLabel(wordWrap=True)
        self.notes.setAccessibleName("Tags not offered")
        self.notes.hide()
        box = QVBoxLayout(self)
        box.addWidget(QLabel("Tags, shown as #chips under the deck"))
        box.addWidget(self.chips)
        box.addWidget(self.notes)
        box.addStretch()
        document.changed.connect(self._refresh)
        document.folder_changed.connect(self._complete)
        self._refresh("")
        self._complete()

    def _refresh(self, field: str) -> None:
        if field in ("", "tags"):
            self.chips.set_tags(list(self._document.review.tags))

    def _complete(self) -> None:
        folder = self._document.folder
        found = sibling_tags(folder) if folder else SiblingTags([], [])
        self.chips.set_completions(found.tags)
        self.notes.setText("\n".join(found.notes))
        self.notes.setVisible(bool(found.notes))
