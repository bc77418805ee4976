"""Where to buy: the offers (seller, link, price in a currency, the day it was checked,
whether the link is sponsored) and the affiliate disclosure shown before the first link."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reviewdesk.core.limits import LIST_ITEMS
from reviewdesk.core.model import Offer
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import bind_text_edit, hint_label
from reviewdesk.ui.panes.row_list_field import RowListField
from reviewdesk.ui.widgets.currency_box import own_currency
from reviewdesk.ui.widgets.growing_text_edit import GrowingTextEdit
from reviewdesk.ui.widgets.locale_number import format_number
from reviewdesk.ui.widgets.row_cells import CheckCell, OptionalDateCell, PriceCell, TextCell
from reviewdesk.ui.widgets.row_list_editor import Column, ItemRow, RowListEditor

SPONSORED_TIP = 'A paid or affiliate link: marked rel="sponsored" on the page'
COLUMNS = (
    Column("Seller", lambda: TextCell("seller", "Seller", "e.g. Example Store"), stretch=2),
    Column("Link", lambda: TextCell("url", "Link", "https://\N{HORIZONTAL ELLIPSIS}"), stretch=3),
    Column("Price", lambda: PriceCell(format_number(19.99, money=True)), second_line=True),
    Column("Checked", lambda: OptionalDateCell("checked", "Checked"), second_line=True),
    Column("", lambda: CheckCell("sponsored", "Sponsored", SPONSORED_TIP), second_line=True),
)


def _heading(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    label.setBuddy(buddy)
    return label


class OffersPane(QWidget):
    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = RowListEditor(
            COLUMNS,
            noun="offer",
            add_text="Add an offer",
            empty_text=(
                "No offers yet. Each offer is a seller's link, with its price and currency "
                "when known, the day you checked them, and whether the link is sponsored."
            ),
            limit=LIST_ITEMS,
            new_row=self._ready,
        )
        self.field = RowListField(
            document, "offers", Offer, self.editor, needed="An offer needs a seller and a link"
        )
        self.disclosure = GrowingTextEdit(min_lines=2, max_lines=6)
        self.disclosure.setPlaceholderText(
            "e.g. We earn a commission when you buy through these links."
        )
        self.disclosure.setAccessibleName("Disclosure")
        hint = hint_label()
        self._binding = bind_text_edit(document, "disclosure", self.disclosure, hint)
        # As the page has them: the disclosure comes before the first link.
        box = QVBoxLayout(self)
        box.addWidget(_heading("&Disclosure, shown before the first link", self.disclosure))
        box.addWidget(self.disclosure)
        box.addWidget(hint)
        box.addWidget(_heading("Where to buy", self.editor.add))
        box.addWidget(self.editor, 1)

    def _ready(self, row: ItemRow) -> None:
        """A new offer is priced in the last offer's currency, else the writer's own."""
        others = (_currency(r) for r in reversed(self.editor.rows()) if r is not row)
        last = next((code for code in others if code), None)
        for cell in row.cells:
            if isinstance(cell, PriceCell):
                cell.preset(last or own_currency() or None)


def _currency(row: ItemRow) -> str | None:
    """The currency the row shows; its offer's while its inputs are not yet made."""
    if not row.made:
        return row.item.currency if isinstance(row.item, Offer) else None
    prices = (cell for cell in row.cells if isinstance(cell, PriceCell))
    return next((cell.currency.currency() for cell in prices), None)
