"""The updates pane: the change log newest first; a new update starts at the top on today's
date with the note to type."""

from datetime import UTC, date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateEdit
from pytestqt.qtbot import QtBot

from reviewdesk.core.model import Update
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.panes.updates_pane import UpdatesPane
from tests.ui.panes.conftest import UPDATES
from tests.ui.panes.rows import line, shown, shown_active


def pane(qtbot: QtBot, document: ReviewDocument) -> UpdatesPane:
    document.clock = lambda: 0.0
    widget = UpdatesPane(document)
    shown_active(qtbot, widget)
    return widget


def test_a_new_update_is_first_on_today(qtbot: QtBot, blocks: ReviewDocument) -> None:
    updates = pane(qtbot, blocks)
    qtbot.mouseClick(updates.editor.add, Qt.MouseButton.LeftButton)
    row = updates.editor.rows()[0]
    assert line(row, "note").hasFocus()
    qtbot.keyClicks(line(row, "note"), "Prices checked again.")
    assert blocks.review.updates == [
        Update(date=date.today(), note="Prices checked again."),
        *UPDATES,
    ]
    assert blocks.undo_stack.count() == 1
    blocks.undo_stack.undo()
    assert blocks.review.updates == UPDATES
    assert len(updates.editor.rows()) == 2


def test_a_date_is_changed_by_keys(qtbot: QtBot, blocks: ReviewDocument) -> None:
    updates = pane(qtbot, blocks)
    edit = updates.editor.rows()[1].inputs()["date"]
    assert isinstance(edit, QDateEdit)
    edit.setFocus()
    edit.setCurrentSection(QDateEdit.Section.DaySection)
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    assert blocks.review.updates[1].date == date(2026, 3, 26)


def test_a_date_time_keeps_its_time_while_its_note_is_edited(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    when = datetime(2026, 5, 3, 9, 30, tzinfo=UTC)
    document.replace_review(
        document.review.model_copy(update={"updates": [Update(date=when, note="Recolour")]})
    )
    updates = pane(qtbot, document)
    note = line(updates.editor.rows()[0], "note")
    note.setFocus()
    qtbot.keyClick(note, Qt.Key.Key_End)
    qtbot.keyClicks(note, "ed.")
    assert document.review.updates == [Update(date=when, note="Recoloured.")]


def test_a_note_cleared_is_named_and_the_update_kept(qtbot: QtBot, blocks: ReviewDocument) -> None:
    updates = pane(qtbot, blocks)
    row = updates.editor.rows()[0]
    note = line(row, "note")
    note.setFocus()
    qtbot.keyClick(note, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(note, Qt.Key.Key_Delete)
    assert row.hint.text() == "Note must not be empty"
    assert blocks.review.updates == UPDATES
    assert shown(updates.editor)[0]["note"] == ""  # as the writer left it
