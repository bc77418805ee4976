"""Structured lists side by side: pros and cons, key features and key insights."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from reviewdesk.core.spelling_prose import utf16_spans
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import FIELD_PROPERTY
from reviewdesk.ui.field_spelling import spell_input
from reviewdesk.ui.widgets.markdown_highlighter import misspelling_format
from reviewdesk.ui.widgets.string_list_editor import StringListEditor


class ListsPane(QWidget):
    def __init__(
        self,
        document: ReviewDocument,
        fields: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self.editors: dict[str, StringListEditor] = {}
        row = QHBoxLayout(self)
        for field, title in fields:
            editor = StringListEditor(title)
            editor.list_widget.setProperty(FIELD_PROPERTY, field)
            editor.items_edited.connect(lambda items, f=field: document.set(f, items, merge=False))
            _spell(document, field, editor)
            self.editors[field] = editor
            row.addWidget(editor)
        document.changed.connect(self._refresh)
        self._refresh("")

    def _refresh(self, field: str) -> None:
        for name, editor in self.editors.items():
            if field in ("", name):
                editor.set_items(list(self._document.value(name)))


def _spell(document: ReviewDocument, field: str, editor: StringListEditor) -> None:
    """Underline the misspellings of the items, shown and edited."""
    spelling, items = document.spelling, editor.list_widget
    delegate = items.delegate
    delegate.misspelled = lambda text: utf16_spans(text, spelling.check_field(text))
    delegate.underline = misspelling_format

    def dress(line: QLineEdit, row: int) -> None:
        spell_input(spelling, line, lambda: f"{field}.{row}")

    delegate.dress_editor = dress
    spelling.changed.connect(items.viewport().update)
