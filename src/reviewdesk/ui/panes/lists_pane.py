"""Structured lists side by side: pros and cons, key features and key insights."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import FIELD_PROPERTY
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
            self.editors[field] = editor
            row.addWidget(editor)
        document.changed.connect(self._refresh)
        self._refresh("")

    def _refresh(self, field: str) -> None:
        for name, editor in self.editors.items():
            if field in ("", name):
                editor.set_items(list(self._document.value(name)))
