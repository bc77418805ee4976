"""The summary shown in the highlighted box."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import bind_text_edit, hint_label


class SummaryPane(QWidget):
    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QPlainTextEdit()
        self.summary.setPlaceholderText(
            "The review in one paragraph: what it is, the verdict, for whom"
        )
        self.summary.setAccessibleName("Summary")
        hint = hint_label()
        self._binding = bind_text_edit(document, "summary", self.summary, hint)
        box = QVBoxLayout(self)
        label = QLabel("&Summary, shown highlighted above the article")
        label.setBuddy(self.summary)
        box.addWidget(label)
        box.addWidget(self.summary)
        box.addWidget(hint)
