"""Driving a row list editor as a writer does: the input of a row's key, what the rows show,
what review.yaml holds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QDateEdit, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.core.yaml_text import parse
from reviewdesk.ui.widgets.row_list_editor import ItemRow, RowListEditor


def shown_active(qtbot: QtBot, widget: QWidget) -> None:
    """Shown as the active window: keys like Tab move the focus only in an active window."""
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def line(row: ItemRow, key: str) -> QLineEdit:
    edit = row.inputs()[key]
    assert isinstance(edit, QLineEdit)
    return edit


def retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(edit, text)
    else:
        qtbot.keyClick(edit, Qt.Key.Key_Delete)


def shown(editor: RowListEditor) -> list[dict[str, Any]]:
    """What each row shows, by key: a line's text, a box's tick, a list's or a date's text."""
    rows = []
    for row in editor.rows():
        values: dict[str, Any] = {}
        for key, widget in row.inputs().items():
            if isinstance(widget, QLineEdit):
                values[key] = widget.text()
            elif isinstance(widget, QCheckBox):
                values[key] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                values[key] = widget.currentText()
            elif isinstance(widget, QDateEdit):
                values[key] = widget.text()
            else:  # a box of parts: an optional date
                tick, edit = widget.findChild(QCheckBox), widget.findChild(QDateEdit)
                assert tick is not None and edit is not None
                values[key] = edit.text() if tick.isChecked() else None
        rows.append(values)
    return rows


def saved(folder: Path) -> dict[str, Any]:
    data = parse((folder / "review.yaml").read_text(encoding="utf-8")).data
    assert isinstance(data, dict)
    return data
