"""The summary shown in the highlighted box, and the verdict: the bottom line beside the
rating. Both are the short paragraphs a reader meets first."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import FieldBinding, bind_text_edit, hint_label
from reviewdesk.ui.widgets.growing_text_edit import GrowingTextEdit


class SummaryPane(QWidget):
    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Each as tall as its paragraph: the verdict follows the summary, not the pane's foot.
        self.summary = GrowingTextEdit(min_lines=4, max_lines=16)
        self.summary.setPlaceholderText(
            "The review in one paragraph: what it is, the verdict, for whom"
        )
        self.summary.setAccessibleName("Summary")
        self.verdict = GrowingTextEdit(min_lines=3, max_lines=10)
        self.verdict.setPlaceholderText(
            "The bottom line in a short paragraph: is it worth it, and for whom?"
        )
        self.verdict.setAccessibleName("Verdict")
        box = QVBoxLayout(self)
        self._bindings: list[FieldBinding] = []
        for text, path, edit in (
            ("&Summary, shown highlighted above the article", "summary", self.summary),
            ("Ve&rdict, the bottom line shown beside the rating", "verdict", self.verdict),
        ):
            hint = hint_label()
            self._bindings.append(bind_text_edit(document, path, edit, hint))
            label = QLabel(text)
            label.setBuddy(edit)
            box.addWidget(label)
            box.addWidget(edit)
            box.addWidget(hint)
        box.addStretch()
