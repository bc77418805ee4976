"""Specs: name and value rows (a specs table); pasted lines of "Name: value" or of cells
copied from a spreadsheet add several rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reviewdesk.core.limits import LIST_ITEMS
from reviewdesk.core.model import Spec
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.panes.row_list_field import RowListField
from reviewdesk.ui.widgets.pasted_rows import pasted_rows
from reviewdesk.ui.widgets.row_cells import TextCell
from reviewdesk.ui.widgets.row_list_editor import Column, RowListEditor

COLUMNS = (
    Column("Name", lambda: TextCell("name", "Name", "e.g. Weight"), stretch=2),
    Column("Value", lambda: TextCell("value", "Value", "e.g. 1.2 kg"), stretch=3),
)


def pasted_specs(text: str) -> list[dict[str, Any]]:
    """Specs from lines of "Name: value" or "Name<Tab>value" (more cells join the value)."""
    return [
        {"name": parts[0], "value": " ".join(part for part in parts[1:] if part)}
        for parts in pasted_rows(text)
    ]


class SpecsPane(QWidget):
    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = QLabel(
            "The specs table. Paste lines of \u201cName: value\u201d, or two columns copied "
            "from a spreadsheet, to add a row for each."
        )
        intro.setWordWrap(True)
        self.editor = RowListEditor(
            COLUMNS,
            noun="spec",
            add_text="Add a spec",
            empty_text="No specs yet.",
            limit=LIST_ITEMS,
            paste=pasted_specs,
        )
        self.field = RowListField(
            document, "specs", Spec, self.editor, needed="A spec needs a name and a value"
        )
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addWidget(self.editor, 1)
