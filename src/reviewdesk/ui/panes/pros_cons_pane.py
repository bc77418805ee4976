"""Pros and cons side by side, and under them whom the reviewed thing suits and whom not
(best for, skip if): four short lists a reader scans to decide."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.panes.lists_pane import ListsPane
from reviewdesk.ui.widgets.string_list_editor import StringListEditor


class ProsConsPane(QWidget):
    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = (
            ListsPane(document, [("pros", "Pros"), ("cons", "Cons")]),
            ListsPane(document, [("best_for", "Best for"), ("skip_if", "Skip if")]),
        )
        self.editors: dict[str, StringListEditor] = {}
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        for row in self.rows:
            self.editors |= row.editors
            box.addWidget(row, 1)
