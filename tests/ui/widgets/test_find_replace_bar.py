"""Find and replace over a plain text edit, driven from the keyboard and the bar's buttons."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QToolButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.ui.widgets.find_replace_bar import FindReplaceBar
from tests.missing_tools import require

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
TEXT = "Cats and dogs.\nA cat, a CAT,\nconcatenated.\n"


class Window(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.edit = QPlainTextEdit(TEXT)
        self.bar = FindReplaceBar(self.edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.bar)


@pytest.fixture
def window(qtbot: QtBot) -> Window:
    widget = Window()
    qtbot.addWidget(widget)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    widget.edit.setFocus()
    return widget


def selection(edit: QPlainTextEdit) -> tuple[int, int]:
    cursor = edit.textCursor()
    return cursor.selectionStart(), cursor.selectionEnd()


def button(bar: FindReplaceBar, text: str) -> QToolButton:
    (found,) = [b for b in bar.findChildren(QToolButton) if b.text() == text]
    return found


def find(qtbot: QtBot, window: Window, query: str) -> None:
    qtbot.keyClick(window.edit, Qt.Key.Key_F, CTRL)
    assert window.bar.isVisible() and window.bar.find_field.hasFocus()
    window.bar.find_field.clear()
    qtbot.keyClicks(window.bar.find_field, query)


def test_ctrl_f_takes_the_selection_as_the_query(window: Window, qtbot: QtBot) -> None:
    cursor = window.edit.textCursor()
    cursor.setPosition(9)
    cursor.setPosition(13, QTextCursor.MoveMode.KeepAnchor)
    window.edit.setTextCursor(cursor)
    qtbot.keyClick(window.edit, Qt.Key.Key_F, CTRL)
    assert window.bar.find_field.text() == "dogs"
    assert window.bar.find_field.selectedText() == "dogs"  # typing replaces it
    assert window.bar.status_label.text() == "1 of 1"


def test_next_previous_and_wrap_around(window: Window, qtbot: QtBot) -> None:
    find(qtbot, window, "cat")
    starts = [0, 17, 24, 32]  # "Cats", "cat", "CAT", "concatenated": case-insensitive
    assert selection(window.edit) == (0, 3)
    assert window.bar.status_label.text() == "1 of 4"
    seen = []
    for _ in range(4):
        qtbot.keyClick(window.bar.find_field, Qt.Key.Key_Return)
        seen.append(selection(window.edit)[0])
    assert seen == [*starts[1:], starts[0]]  # wrapped to the first
    qtbot.keyClick(window.bar.find_field, Qt.Key.Key_Return, SHIFT)
    assert selection(window.edit)[0] == starts[-1]  # and back past the start
    assert window.bar.status_label.text() == "4 of 4"
    window.edit.setFocus()
    qtbot.keyClick(window.edit, Qt.Key.Key_F3, SHIFT)
    qtbot.keyClick(window.edit, Qt.Key.Key_F3, SHIFT)
    assert selection(window.edit) == (17, 20)
    qtbot.keyClick(window.edit, Qt.Key.Key_F3)
    assert window.bar.status_label.text() == "3 of 4"


def test_case_sensitive_and_no_matches(window: Window, qtbot: QtBot) -> None:
    find(qtbot, window, "CAT")
    assert window.bar.status_label.text() == "1 of 4"
    qtbot.mouseClick(window.bar.case_sensitive_button, Qt.MouseButton.LeftButton)
    assert window.bar.status_label.text() == "1 of 1"
    assert selection(window.edit) == (24, 27)
    qtbot.keyClicks(window.bar.find_field, "S")
    assert window.bar.status_label.text() == "No matches"
    qtbot.keyClick(window.bar.find_field, Qt.Key.Key_Return)  # nothing to go to, no error
    assert window.bar.status_label.text() == "No matches"


def test_escape_hides_the_bar_and_gives_the_focus_back(window: Window, qtbot: QtBot) -> None:
    find(qtbot, window, "dog")
    qtbot.keyClick(window.bar.find_field, Qt.Key.Key_Escape)
    assert not window.bar.isVisible()
    assert window.edit.hasFocus()
    assert window.edit.textCursor().selectedText() == "dog"


def test_replace_goes_to_the_next_match(window: Window, qtbot: QtBot) -> None:
    find(qtbot, window, "a cat")
    qtbot.keyClicks(window.bar.replace_field, "one cat")
    qtbot.mouseClick(button(window.bar, "Replace"), Qt.MouseButton.LeftButton)
    assert window.edit.toPlainText() == TEXT.replace("A cat", "one cat")
    assert window.edit.textCursor().selectedText() == "a CAT"
    assert window.bar.status_label.text() == "1 of 1"


def test_replace_all_is_one_undo_step(window: Window, qtbot: QtBot) -> None:
    qtbot.keyClick(window.edit, Qt.Key.Key_H, CTRL)  # Replace: the bar, in the replace field
    assert window.bar.replace_field.hasFocus()
    qtbot.keyClicks(window.bar.find_field, "cat")
    qtbot.keyClicks(window.bar.replace_field, "bird")
    qtbot.mouseClick(button(window.bar, "Replace All"), Qt.MouseButton.LeftButton)
    assert window.edit.toPlainText() == "birds and dogs.\nA bird, a bird,\nconbirdenated.\n"
    assert window.bar.status_label.text() == "Replaced 4"
    window.edit.setFocus()
    qtbot.keyClick(window.edit, Qt.Key.Key_Z, CTRL)
    assert window.edit.toPlainText() == TEXT
    assert not window.edit.document().isUndoAvailable()


# The bar's keys on X11 (the xcb platform, on a real X server), as JSON.
XCB_KEYS = """
import json, sys
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from reviewdesk.ui.widgets.find_replace_bar import FindReplaceBar
app = QApplication(sys.argv)
bar = FindReplaceBar(QPlainTextEdit())
print(json.dumps({a.text(): [k.toString() for k in a.shortcuts()] for a in bar.actions()}))
"""


def test_ctrl_h_replaces_and_f3_finds_on_x11_too() -> None:
    """Without a desktop theme, Qt's table on X11 has no key for Replace at all."""
    require("Xvfb", shutil.which("xvfb-run"))
    run = subprocess.run(
        ["xvfb-run", "-a", sys.executable, "-c", XCB_KEYS],
        env={**os.environ, "QT_QPA_PLATFORM": "xcb"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    keys = json.loads(run.stdout.splitlines()[-1])
    assert "Ctrl+H" in keys["Replace"] and "Ctrl+F" in keys["Find"]
    assert "F3" in keys["Find next"] and "Shift+F3" in keys["Find previous"]
