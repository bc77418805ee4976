"""A text field as tall as its wrapped text, within its limits."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.ui.widgets.growing_text_edit import GrowingTextEdit

SENTENCE = "A chat window with a question bubble and a reply. "


def in_a_form(qtbot: QtBot, edit: GrowingTextEdit, width: int = 400) -> QWidget:
    form = QWidget()
    column = QVBoxLayout(form)
    column.addWidget(edit)
    column.addStretch()
    qtbot.addWidget(form)
    form.resize(width, 600)
    form.show()
    qtbot.waitExposed(form)
    return form


def lines_shown(edit: GrowingTextEdit) -> float:
    return edit.viewport().height() / edit.fontMetrics().lineSpacing()


def all_in_view(edit: GrowingTextEdit) -> bool:
    return edit.verticalScrollBar().maximum() == 0


def test_it_grows_as_text_is_typed_and_shrinks_as_it_is_deleted(qtbot: QtBot) -> None:
    edit = GrowingTextEdit(min_lines=2, max_lines=8)
    form = in_a_form(qtbot, edit)
    empty = edit.height()
    assert 2 <= lines_shown(edit) < 3
    edit.setFocus()
    qtbot.keyClicks(edit, SENTENCE * 4)
    qtbot.waitUntil(lambda: edit.height() > empty and all_in_view(edit))
    grown = edit.height()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: edit.height() == empty)
    assert grown > empty and form.isVisible()


def test_past_its_last_line_it_scrolls(qtbot: QtBot) -> None:
    edit = GrowingTextEdit(min_lines=1, max_lines=4)
    form = in_a_form(qtbot, edit)
    edit.setPlainText(SENTENCE * 30)
    qtbot.waitUntil(lambda: 4 <= lines_shown(edit) < 5)
    assert edit.verticalScrollBar().maximum() > 0 and form.isVisible()


def test_narrower_it_wraps_into_more_lines_and_stays_all_in_view(qtbot: QtBot) -> None:
    edit = GrowingTextEdit(min_lines=1, max_lines=20)
    form = in_a_form(qtbot, edit, width=700)
    edit.setPlainText(SENTENCE * 3)
    qtbot.waitUntil(lambda: all_in_view(edit))
    wide = edit.height()
    form.resize(300, 600)
    qtbot.waitUntil(lambda: edit.height() > wide and all_in_view(edit))
