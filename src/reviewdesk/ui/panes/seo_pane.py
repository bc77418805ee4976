"""SEO: what search results show, with live length counters against their limits."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from reviewdesk.core.checks import SEO_DESCRIPTION_RANGE, SEO_TITLE_MAX
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import FieldBinding, bind_line_edit, bind_text_edit, hint_label
from reviewdesk.ui.widgets.growing_text_edit import GrowingTextEdit


class SeoPane(QWidget):
    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        form = QFormLayout()
        self.title = QLineEdit()
        self.title.setPlaceholderText("defaults to the review's title")
        self.title_count = QLabel()
        # A description of 160 characters takes 2 to 4 lines: shown whole, grown as typed.
        self.description = GrowingTextEdit(min_lines=3, max_lines=8)
        self.description.setPlaceholderText("What the search result shows under the title")
        self.description_count = QLabel()
        self.canonical = QLineEdit()
        self.canonical.setPlaceholderText("https://example.org/reviews/my-review")
        self._bindings: list[FieldBinding] = []
        for label, path, edit, counter in (
            ("SEO &title", "seo.title", self.title, self.title_count),
            ("&Description", "seo.description", self.description, self.description_count),
            ("Canonical &URL", "seo.canonical_url", self.canonical, None),
        ):
            hint = hint_label()
            if isinstance(edit, QLineEdit):
                empty = None if path == "seo.canonical_url" else ""
                self._bindings.append(bind_line_edit(document, path, edit, hint, empty))
            else:
                self._bindings.append(bind_text_edit(document, path, edit, hint))
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(edit)
            if counter is not None:
                box.addWidget(counter)
            box.addWidget(hint)
            caption = QLabel(label)
            caption.setBuddy(edit)
            form.addRow(caption, box)
        # The rows keep their heights at the top; the pane's spare height stays below them.
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addStretch()
        document.changed.connect(self._count)
        self._count("")

    def _count(self, field: str) -> None:
        if field not in ("", "seo", "title"):
            return
        title = len(self.title.text())
        self.title_count.setText(f"{title} / {SEO_TITLE_MAX} characters")
        self.title_count.setProperty("warning", title > SEO_TITLE_MAX)
        low, high = SEO_DESCRIPTION_RANGE
        described = len(self.description.toPlainText())
        self.description_count.setText(f"{described} characters; aim for {low}-{high}")
        self.description_count.setProperty("warning", not low <= described <= high)
