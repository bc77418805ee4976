from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from reviewdesk.core.model import Status
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.panes.metadata_pane import MetadataPane


def pane(qtbot: QtBot, document: ReviewDocument) -> MetadataPane:
    widget = MetadataPane(document)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_typing_the_title_edits_the_model_in_one_undo_step(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    widget = pane(qtbot, document)
    widget.title.selectAll()
    qtbot.keyClicks(widget.title, "A new title")
    assert document.review.title == "A new title"
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert widget.title.text() == "Wrenfall 3 Mini Review: A Small Model Worth Keeping Local"


def test_an_invalid_slug_is_named_and_refused(qtbot: QtBot, document: ReviewDocument) -> None:
    widget = pane(qtbot, document)
    widget.slug.clear()
    qtbot.keyClicks(widget.slug, "Bad Slug")
    assert document.review.slug == "wrenfall-3-mini-review"  # the last valid value
    assert widget.slug.property("invalid") is True
    assert "lower-case" in widget.slug.toolTip()
    widget.slug.clear()
    qtbot.keyClick(widget.slug, Qt.Key.Key_Space)
    qtbot.keyClick(widget.slug, Qt.Key.Key_Backspace)
    assert document.review.slug is None
    assert widget.slug.property("invalid") is False


def test_derive_slug_from_title(qtbot: QtBot, document: ReviewDocument) -> None:
    widget = pane(qtbot, document)
    widget.title.setText("Über Café")
    widget.title.textEdited.emit("Über Café")
    derive = next(b for b in widget.findChildren(QPushButton) if b.text() == "Derive from title")
    qtbot.mouseClick(derive, Qt.MouseButton.LeftButton)
    assert (widget.slug.text(), document.review.slug) == ("uber-cafe", "uber-cafe")


def test_status_rating_and_dates(qtbot: QtBot, document: ReviewDocument) -> None:
    widget = pane(qtbot, document)
    widget.status.setCurrentText("published")
    assert document.review.status is Status.PUBLISHED
    widget.rating.enabled.click()
    assert document.review.rating is None
    widget.rating.enabled.click()
    widget.rating.value.setValue(3.5)
    assert document.review.rating is not None and document.review.rating.value == 3.5
    widget.published.enabled.click()
    assert document.review.published is None
    widget.published.enabled.click()
    assert isinstance(document.review.published, date)
    updated_before = document.review.updated
    widget.updated.edit.setDate(widget.updated.edit.date().addDays(1))
    assert document.review.updated is not None and updated_before is not None
    assert document.review.updated.utcoffset() == updated_before.utcoffset()  # time kept
