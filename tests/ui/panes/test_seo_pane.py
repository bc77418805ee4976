"""The SEO pane's layout: each counter under its box, the rows one after another at the top,
the description shown whole as it grows."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.panes.seo_pane import SeoPane

PANE_HEIGHT = 760  # the SEO tab in a 1440x874 window, above the problems list
NEAR = 6  # px: a counter or the next row sits this close to what it follows


def seo_pane(qtbot: QtBot, document: ReviewDocument, width: int = 820) -> SeoPane:
    pane = SeoPane(document)
    qtbot.addWidget(pane)
    pane.resize(width, PANE_HEIGHT)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def bottom(widget: QWidget) -> int:
    return widget.geometry().bottom()


def test_counters_sit_under_their_boxes_and_the_rows_follow_at_the_top(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    pane = seo_pane(qtbot, document)
    assert pane.title_count.y() - bottom(pane.title) <= NEAR
    assert pane.description.y() - bottom(pane.title_count) <= 2 * NEAR
    assert pane.description_count.y() - bottom(pane.description) <= NEAR
    # The counter was stretched to 582 px, its text floating in the middle of the pane.
    assert pane.description_count.height() < 2 * pane.fontMetrics().lineSpacing()
    assert pane.canonical.y() - bottom(pane.description_count) <= 2 * NEAR
    assert bottom(pane.canonical) < PANE_HEIGHT // 3  # was at the bottom, 748 of 760 px
    assert pane.description.verticalScrollBar().maximum() == 0  # shown whole


def test_a_long_description_grows_its_box_and_the_rows_below_move_down(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    pane = seo_pane(qtbot, document, width=560)
    before = pane.description.height()
    pane.description.setFocus()
    qtbot.keyClick(pane.description, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(pane.description, " Plus what it costs to run for a year." * 3)
    qtbot.waitUntil(lambda: pane.description.height() > before)
    qtbot.waitUntil(lambda: pane.description_count.y() - bottom(pane.description) <= NEAR)
    assert pane.description.verticalScrollBar().maximum() == 0
    assert pane.description_count.height() < 2 * pane.fontMetrics().lineSpacing()
    assert pane.canonical.y() - bottom(pane.description_count) <= 2 * NEAR
    assert pane.description_count.text().startswith(f"{len(pane.description.toPlainText())} ")
