from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.panes.seo_pane import SeoPane
from reviewdesk.ui.panes.summary_pane import SummaryPane


def test_summary_typing_and_undo(qtbot: QtBot, document: ReviewDocument) -> None:
    pane = SummaryPane(document)
    qtbot.addWidget(pane)
    pane.summary.clear()
    qtbot.keyClicks(pane.summary, "Short and sweet.")
    assert document.review.summary == "Short and sweet."
    document.undo_stack.undo()
    assert pane.summary.toPlainText() == "Short and "
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert pane.summary.toPlainText().startswith("Wrenfall 3 Mini is")


def test_seo_counters_follow_typing(qtbot: QtBot, document: ReviewDocument) -> None:
    pane = SeoPane(document)
    qtbot.addWidget(pane)
    pane.title.clear()
    qtbot.keyClicks(pane.title, "x" * 61)
    assert pane.title_count.text() == "61 / 60 characters"
    assert pane.title_count.property("warning") is True
    pane.description.clear()
    qtbot.keyClicks(pane.description, "Too short")
    assert pane.description_count.text() == "9 characters; aim for 50-160"
    assert document.value("seo.description") == "Too short"


def test_canonical_url_is_checked_and_may_be_emptied(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    pane = SeoPane(document)
    qtbot.addWidget(pane)
    pane.canonical.selectAll()
    qtbot.keyClicks(pane.canonical, "example")
    assert pane.canonical.property("invalid") is True
    assert document.value("seo.canonical_url") == "https://example.org/reviews/wrenfall-3-mini"
    pane.canonical.selectAll()
    qtbot.keyClick(pane.canonical, Qt.Key.Key_Delete)
    assert document.value("seo.canonical_url") is None
    assert pane.canonical.property("invalid") is False


def test_verdict_typing_undoes_by_the_word_and_leaves_the_summary(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    pane = SummaryPane(document)
    qtbot.addWidget(pane)
    summary = document.review.summary
    qtbot.keyClicks(pane.verdict, "Worth it for writers.")
    assert document.review.verdict == "Worth it for writers."
    document.undo_stack.undo()
    assert pane.verdict.toPlainText() == "Worth it for "
    assert document.review.summary == summary
