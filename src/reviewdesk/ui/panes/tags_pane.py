"""Tags as chips, completed from the tags of the other reviews in the same folder."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reviewdesk.core.library import sibling_tags
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.widgets.tag_chips import TagChips


class TagsPane(QWidget):
    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.chips = TagChips()
        self.chips.tags_edited.connect(lambda tags: document.set("tags", tags, merge=False))
        box = QVBoxLayout(self)
        box.addWidget(QLabel("Tags, shown as #chips under the deck"))
        box.addWidget(self.chips)
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
        self.chips.set_completions(sibling_tags(folder) if folder else [])
