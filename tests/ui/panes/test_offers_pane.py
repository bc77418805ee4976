"""The offers pane: where to buy, each offer's seller, link, price in a currency (a number in
the writer's locale), the day it was checked and whether it is sponsored; and the disclosure."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot

from reviewdesk.core.model import Offer
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.panes.offers_pane import OffersPane
from reviewdesk.ui.widgets import row_list_editor
from reviewdesk.ui.widgets.currency_box import COMMON, CurrencyBox, offered_codes
from reviewdesk.ui.widgets.row_cells import OptionalDateCell, PriceCell
from reviewdesk.ui.widgets.row_list_editor import ItemRow
from tests.ui.panes.conftest import OFFERS
from tests.ui.panes.rows import line, retype, saved, shown_active

STORE, HUB = OFFERS


def pane(qtbot: QtBot, document: ReviewDocument) -> OffersPane:
    document.clock = lambda: 0.0
    widget = OffersPane(document)
    shown_active(qtbot, widget)
    return widget


def price(row: ItemRow) -> PriceCell:
    return next(cell for cell in row.cells if isinstance(cell, PriceCell))


def checked(row: ItemRow) -> OptionalDateCell:
    return next(cell for cell in row.cells if isinstance(cell, OptionalDateCell))


@pytest.fixture
def german() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(before)


def test_an_offer_typed_takes_the_currency_of_the_last(
    qtbot: QtBot, blocks: ReviewDocument
) -> None:
    offers = pane(qtbot, blocks)
    qtbot.mouseClick(offers.editor.add, Qt.MouseButton.LeftButton)
    row = offers.editor.rows()[2]
    qtbot.keyClicks(line(row, "seller"), "Corner shop")
    qtbot.keyClick(line(row, "seller"), Qt.Key.Key_Tab)
    qtbot.keyClicks(line(row, "url"), "https://example.org/corner")
    assert blocks.review.offers[2] == Offer(seller="Corner shop", url="https://example.org/corner")
    qtbot.keyClicks(line(row, "price"), "12.5")
    assert blocks.review.offers[2].price == 12.5 and blocks.review.offers[2].currency == "USD"
    assert blocks.undo_stack.count() == 1  # typing the offer was one step
    qtbot.keyClicks(price(row).currency, "GBP")  # a letter picks a code, as in any list
    assert blocks.review.offers[2].currency == "GBP"
    assert blocks.undo_stack.count() == 2


def test_a_price_is_read_as_the_locale_writes_it(
    german: None, qtbot: QtBot, blocks: ReviewDocument
) -> None:
    offers = pane(qtbot, blocks)
    amount = line(offers.editor.rows()[0], "price")
    assert amount.text() == "19,99"
    retype(qtbot, amount, "1.234,5")
    assert blocks.review.offers[0].price == 1234.5
    retype(qtbot, amount, "")
    assert blocks.review.offers[0].price is None and blocks.review.offers[0].currency == "USD"


def test_a_price_refused_is_named_and_the_offer_keeps_its_own(
    qtbot: QtBot, blocks: ReviewDocument
) -> None:
    offers = pane(qtbot, blocks)
    row = offers.editor.rows()[0]
    retype(qtbot, line(row, "price"), "-3")
    assert row.hint.text() == "Price must be 0 or more"
    assert line(row, "price").property("invalid") is True
    retype(qtbot, line(row, "price"), "cheap")
    assert row.hint.text() == "Price must be a number, like 4.5"
    assert blocks.review.offers[0] == STORE
    retype(qtbot, line(row, "price"), "19.99")
    retype(qtbot, line(row, "url"), "shop.example.org")
    assert row.hint.text().startswith("Link must be an http:// or https:// URL")
    assert blocks.review.offers[0] == STORE


def test_a_price_without_its_currency_is_refused(qtbot: QtBot, blocks: ReviewDocument) -> None:
    offers = pane(qtbot, blocks)
    row = offers.editor.rows()[1]
    qtbot.keyClicks(line(row, "price"), "9")
    assert row.hint.text().startswith("A price needs its currency")
    assert blocks.review.offers[1] == HUB
    qtbot.keyClicks(price(row).currency, "EUR")
    assert blocks.review.offers[1] == HUB.model_copy(update={"price": 9.0, "currency": "EUR"})
    assert row.hint.text() == ""


def test_today_ticks_the_checked_day_and_sponsored_is_a_tick(
    qtbot: QtBot, blocks: ReviewDocument
) -> None:
    offers = pane(qtbot, blocks)
    row = offers.editor.rows()[1]
    day = checked(row)
    assert not day.edit.isEnabled()
    qtbot.mouseClick(day.today, Qt.MouseButton.LeftButton)
    assert blocks.review.offers[1].checked == date.today() and day.edit.isEnabled()
    qtbot.mouseClick(day.enabled, Qt.MouseButton.LeftButton)
    assert blocks.review.offers[1].checked is None
    sponsored = row.inputs()["sponsored"]
    qtbot.mouseClick(sponsored, Qt.MouseButton.LeftButton)
    assert blocks.review.offers[1].sponsored
    assert blocks.undo_stack.count() == 3  # a click, a step
    for _ in range(3):
        blocks.undo_stack.undo()
    assert blocks.review.offers == OFFERS
    assert isinstance(sponsored, QCheckBox)
    assert not day.enabled.isChecked() and not sponsored.isChecked()


def test_the_disclosure_is_typed_undone_by_the_word_and_saved(
    qtbot: QtBot, document: ReviewDocument, sample_bundle: Path
) -> None:
    offers = pane(qtbot, document)
    qtbot.keyClicks(offers.disclosure, "We earn a commission.")
    assert document.review.disclosure == "We earn a commission."
    document.undo_stack.undo()
    assert offers.disclosure.toPlainText() == "We earn a "
    document.undo_stack.redo()
    document.save()
    assert saved(sample_bundle)["disclosure"] == "We earn a commission."
    assert "offers" not in saved(sample_bundle)


def test_the_currencies_offered_start_with_the_common_ones(qtbot: QtBot) -> None:
    first, rest = offered_codes()
    assert set(COMMON) <= set(first) and len(rest) > 100
    assert all(len(code) == 3 and code.isupper() for code in first + rest)
    box = CurrencyBox()
    qtbot.addWidget(box)
    box.show_currency("XTS")  # a code a hand-written file may hold
    assert box.currency() == "XTS"
    box.show_currency(None)
    assert box.currency() is None


def test_a_new_offer_takes_the_currency_of_the_last_before_its_row_is_made(
    qtbot: QtBot, document: ReviewDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(row_list_editor, "_SLICE_MS", 0)  # a row a slice after the first ten
    many = [Offer(seller=f"Shop {n}", url=f"https://example.org/{n}") for n in range(299)]
    last = Offer(seller="Last", url="https://example.org/last", price=2, currency="GBP")
    document.set("offers", [*many, last], merge=False)
    offers = pane(qtbot, document)
    assert not offers.editor.rows()[-1].made
    row = offers.editor.add_row()
    assert price(row).currency.currency() == "GBP"
