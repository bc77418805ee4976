"""The specs pane: name and value rows typed as in a spreadsheet (Tab, Enter) and pasted as
"Name: value" lines or copied cells, several rows at once."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reviewdesk.core.model import Spec
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.panes.specs_pane import SpecsPane, pasted_specs
from tests.ui.panes.conftest import SPECS
from tests.ui.panes.rows import line, shown, shown_active


def pane(qtbot: QtBot, document: ReviewDocument) -> SpecsPane:
    document.clock = lambda: 0.0
    widget = SpecsPane(document)
    shown_active(qtbot, widget)
    return widget


def paste(qtbot: QtBot, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_lines_of_name_and_value_pasted_are_rows(qtbot: QtBot, document: ReviewDocument) -> None:
    specs = pane(qtbot, document)
    specs.editor.add_row()
    paste(qtbot, "Weight: 1.2 kg\n\u2022 Ports: USB-C, HDMI: 2.1\n\nBattery\t4,500\tmAh\n")
    assert document.review.specs == [
        Spec(name="Weight", value="1.2 kg"),
        Spec(name="Ports", value="USB-C, HDMI: 2.1"),
        Spec(name="Battery", value="4,500 mAh"),
    ]
    assert len(specs.editor.rows()) == 3  # the empty row gave its place to the lines
    assert line(specs.editor.rows()[2], "name").hasFocus()
    document.undo_stack.undo()
    assert document.review.specs == [] and shown(specs.editor) == []


def test_pasting_after_a_filled_row_adds_rows_under_it(
    qtbot: QtBot, blocks: ReviewDocument
) -> None:
    specs = pane(qtbot, blocks)
    line(specs.editor.rows()[0], "value").setFocus()
    paste(qtbot, "RAM: 8 GB\nDisk: 256 GB")
    assert [spec.name for spec in blocks.review.specs] == ["Parameters", "RAM", "Disk", "Context"]


def test_one_line_pastes_into_the_field_as_typed(qtbot: QtBot, blocks: ReviewDocument) -> None:
    specs = pane(qtbot, blocks)
    value = line(specs.editor.rows()[1], "value")
    value.setFocus()
    qtbot.keyClick(value, Qt.Key.Key_End)
    paste(qtbot, " tokens")
    assert blocks.review.specs[1] == Spec(name="Context", value="64k tokens")
    assert pasted_specs("Weight") == []  # one line with nothing to split: no row of its own


def test_tab_and_enter_go_on_as_in_a_spreadsheet(qtbot: QtBot, document: ReviewDocument) -> None:
    specs = pane(qtbot, document)
    qtbot.mouseClick(specs.editor.add, Qt.MouseButton.LeftButton)
    for text in ("Weight", "182 g", "Screen", "6.1 in"):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClicks(focused, text)
        key = Qt.Key.Key_Tab if text in ("Weight", "Screen") else Qt.Key.Key_Return
        qtbot.keyClick(focused, key)
    assert document.review.specs == [
        Spec(name="Weight", value="182 g"),
        Spec(name="Screen", value="6.1 in"),
    ]
    rows = specs.editor.rows()
    assert len(rows) == 3 and line(rows[2], "name").hasFocus()  # the next row, empty
    qtbot.keyClick(line(rows[2], "name"), Qt.Key.Key_Return)
    assert len(specs.editor.rows()) == 3  # Enter on an empty row adds none


def test_a_row_lacking_a_part_says_so_and_is_not_kept(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    specs = pane(qtbot, document)
    row = specs.editor.add_row()
    assert row.hint.text() == ""  # nothing said before the writer types
    qtbot.keyClicks(line(row, "value"), "182 g")
    assert row.hint.text() == "A spec needs a name and a value"
    assert document.review.specs == []
    qtbot.keyClicks(line(row, "name"), "Weight")
    assert row.hint.text() == "" and document.review.specs == [Spec(name="Weight", value="182 g")]


def test_opening_and_undoing_keep_the_rows_as_the_review_has_them(
    qtbot: QtBot, blocks: ReviewDocument
) -> None:
    specs = pane(qtbot, blocks)
    assert shown(specs.editor) == [{"name": s.name, "value": s.value} for s in SPECS]
    assert not blocks.modified
    qtbot.mouseClick(specs.editor.rows()[0].remove, Qt.MouseButton.LeftButton)
    blocks.undo_stack.undo()
    assert blocks.review.specs == SPECS and not blocks.modified
