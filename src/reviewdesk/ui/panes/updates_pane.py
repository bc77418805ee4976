"""Updates: the review's change log, a dated note a row, newest first; a new update starts
on today's date."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reviewdesk.core.limits import LIST_ITEMS
from reviewdesk.core.model import Update
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.panes.row_list_field import RowListField
from reviewdesk.ui.widgets.row_cells import DateCell, TextCell
from reviewdesk.ui.widgets.row_list_editor import Column, RowListEditor

COLUMNS = (
    Column("Date", lambda: DateCell("date", "Date")),
    Column("Note", lambda: TextCell("note", "Note", "What changed and why"), stretch=1),
)


class UpdatesPane(QWidget):
    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = QLabel(
            "What changed since the review was published, newest first. The page lists them "
            "as its update log, and the latest is its last change."
        )
        intro.setWordWrap(True)
        self.editor = RowListEditor(
            COLUMNS,
            noun="update",
            add_text="Add an update",
            empty_text="No updates yet.",
            limit=LIST_ITEMS,
            at_top=True,
            focus_column=1,
        )
        self.field = RowListField(
            document, "updates", Update, self.editor, needed="An update needs a note"
        )
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addWidget(self.editor, 1)
