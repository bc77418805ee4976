"""The row list editor on its own: rows added, moved and removed by mouse and keyboard, named
for their place, in Tab order, kept in view, and reported to its owner once a change. A long
list shows its first rows at once and makes the others a slice at a time: in order, under
their column labels, in Tab order, each made at once when needed."""

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.ui.widgets import row_list_editor
from reviewdesk.ui.widgets.pasted_rows import pasted_rows
from reviewdesk.ui.widgets.row_cells import CheckCell, NumberCell, TextCell
from reviewdesk.ui.widgets.row_list_editor import Column, ItemRow, RowListEditor

COLUMNS = (
    Column("Name", lambda: TextCell("name", "Name"), stretch=2),
    Column("Value", lambda: NumberCell("value", "Value")),
    Column("", lambda: CheckCell("done", "Done"), second_line=True),
)


def editor(qtbot: QtBot, *, limit: int = 10, at_top: bool = False) -> RowListEditor:
    def paste(text: str) -> list[dict[str, Any]]:
        return [{"name": parts[0]} for parts in pasted_rows(text)]

    widget = RowListEditor(
        COLUMNS,
        noun="thing",
        add_text="Add a thing",
        empty_text="No things yet.",
        limit=limit,
        paste=paste,
        at_top=at_top,
    )
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def names(widget: RowListEditor) -> list[str]:
    return [name(row).text() for row in widget.rows()]


def name(row: ItemRow) -> QLineEdit:
    edit = row.inputs()["name"]
    assert isinstance(edit, QLineEdit)
    return edit


def filled(qtbot: QtBot, widget: RowListEditor, *texts: str) -> None:
    for text in texts:
        row = widget.add_row()
        qtbot.keyClicks(name(row), text)


def test_rows_are_named_for_their_place(qtbot: QtBot) -> None:
    widget = editor(qtbot)
    filled(qtbot, widget, "One", "Two", "Three")
    second = widget.rows()[1]
    assert name(second).accessibleName() == "Name of thing 2"
    assert second.inputs()["value"].accessibleName() == "Value of thing 2"
    assert second.remove.accessibleName() == "Remove thing 2"
    first, last = widget.rows()[0], widget.rows()[2]
    assert not first.up.isEnabled() and first.down.isEnabled()
    assert last.up.isEnabled() and not last.down.isEnabled()
    assert not widget.empty.isVisible() and all(h.isVisible() for h in widget.headers)


def test_alt_arrows_move_a_row_and_tab_follows_the_rows_as_shown(qtbot: QtBot) -> None:
    widget = editor(qtbot)
    filled(qtbot, widget, "One", "Two")
    moved: list[bool] = []
    widget.rows_changed.connect(lambda: moved.append(True))
    one = name(widget.rows()[0])
    one.setFocus()
    qtbot.keyClick(one, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert names(widget) == ["Two", "One"] and one.hasFocus() and moved == [True]
    qtbot.keyClick(one, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # already last
    assert moved == [True]
    two = name(widget.rows()[0])
    two.setFocus()
    visited = []
    for _ in range(7):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is not None
        visited.append(focused.accessibleName() or focused.text())  # type: ignore[attr-defined]
    assert visited == [
        "Value of thing 1", "Done of thing 1", "Remove thing 1",
        "Name of thing 2", "Value of thing 2", "Done of thing 2", "Remove thing 2",
    ]  # fmt: skip
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert widget.add.hasFocus()


def test_removing_a_row_focuses_the_next_then_the_add_button(qtbot: QtBot) -> None:
    widget = editor(qtbot)
    filled(qtbot, widget, "One", "Two")
    qtbot.mouseClick(widget.rows()[0].remove, Qt.MouseButton.LeftButton)
    assert names(widget) == ["Two"] and name(widget.rows()[0]).hasFocus()
    qtbot.mouseClick(widget.rows()[0].remove, Qt.MouseButton.LeftButton)
    assert widget.rows() == [] and widget.add.hasFocus() and widget.empty.isVisible()


def test_edits_are_reported_typing_as_merging_and_ticks_as_steps(qtbot: QtBot) -> None:
    widget = editor(qtbot)
    row = widget.add_row()
    edits: list[bool] = []
    widget.row_edited.connect(lambda _row, merge: edits.append(merge))
    qtbot.keyClicks(name(row), "ab")
    qtbot.mouseClick(row.inputs()["done"], Qt.MouseButton.LeftButton)
    assert edits == [True, True, False] and row.touched
    assert row.read() == ({"name": "ab", "done": True}, {})


def test_new_rows_go_on_top_when_asked_under_the_button(qtbot: QtBot) -> None:
    widget = editor(qtbot, at_top=True)
    filled(qtbot, widget, "Old", "New")
    assert names(widget) == ["New", "Old"]
    assert widget.add.geometry().bottom() < widget.table.geometry().top()


def test_no_more_rows_than_the_limit(qtbot: QtBot) -> None:
    widget = editor(qtbot, limit=3)
    row = widget.add_row()
    QGuiApplication.clipboard().setText("A\nB\nC\nD\nE")
    qtbot.keyClick(name(row), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert names(widget) == ["A", "B", "C"]
    assert not widget.add.isEnabled()


def test_the_row_in_focus_is_scrolled_into_view(qtbot: QtBot) -> None:
    widget = editor(qtbot, limit=100)
    widget.resize(400, 200)
    filled(qtbot, widget, *(f"Thing {n}" for n in range(30)))
    name(widget.rows()[0]).setFocus()
    qtbot.waitUntil(lambda: widget.area.verticalScrollBar().value() == 0)
    last = name(widget.rows()[-1])
    last.setFocus()
    viewport = widget.area.viewport()
    qtbot.waitUntil(lambda: viewport.rect().contains(last.mapTo(viewport, last.rect().center())))


def test_pasted_rows_split_at_tabs_or_the_first_colon() -> None:
    assert pasted_rows("- Weight: 1.2 kg\n\n2) Ports\tUSB-C\tHDMI\n") == [
        ["Weight", "1.2 kg"],
        ["Ports", "USB-C", "HDMI"],
    ]
    assert pasted_rows("https://example.org") == []  # one line, nothing to split
    assert pasted_rows("A\nB") == [["A"], ["B"]]


FIRST_ROWS = 10  # made when the list is shown


def in_slices(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, count: int) -> RowListEditor:
    """`count` rows shown at once, the first ten made now and the others one a slice (each
    slice in a block of its own): as a thousand offers are, at a size a test can go through."""
    monkeypatch.setattr(row_list_editor, "_SLICE_MS", 0)
    widget = editor(qtbot, limit=100)
    widget.show_items([{"name": f"Thing {n}", "value": n} for n in range(count)])
    return widget


def all_made(widget: RowListEditor) -> bool:
    return all(row.made for row in widget.rows())


def top(widget: RowListEditor, input_: QWidget) -> QPoint:
    return input_.mapTo(widget.table, QPoint(0, 0))


def in_order_on_screen(widget: RowListEditor) -> bool:
    """Each row under the one before it (once laid out)."""
    heights = [top(widget, name(row)).y() for row in widget.rows()]
    return heights == sorted(set(heights))


def in_tab_order(widget: RowListEditor, start: QWidget, stops: int) -> list[str]:
    """The accessible names of the inputs Tab goes through from `start`."""
    start.setFocus()
    visited = []
    for _ in range(stops):
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is not None
        visited.append(focused.accessibleName() or focused.text())  # type: ignore[attr-defined]
    return visited


def stops(first: int, last: int) -> list[str]:
    """The Tab stops of the rows from thing `first` to thing `last`, one-based."""
    parts = ("Name of thing {}", "Value of thing {}", "Done of thing {}", "Remove thing {}")
    return [part.format(n) for n in range(first, last + 1) for part in parts]


def test_a_long_list_shows_its_first_rows_at_once_and_the_others_after(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    widget = in_slices(qtbot, monkeypatch, 30)
    assert len(widget.rows()) == 30
    assert [row.made for row in widget.rows()] == [True] * FIRST_ROWS + [False] * 20
    qtbot.waitUntil(lambda: all_made(widget))
    assert names(widget) == [f"Thing {n}" for n in range(30)]
    qtbot.waitUntil(lambda: in_order_on_screen(widget))
    # Every row's inputs under their column's label, whichever block holds them.
    labels = [top(widget, label).x() for label in widget.headers]

    def aligned() -> bool:
        rows = widget.rows()
        return all(
            [top(widget, name(row)).x(), top(widget, row.inputs()["value"]).x()] == labels
            for row in rows
        )

    qtbot.waitUntil(aligned)
    assert name(widget.rows()[29]).width() == name(widget.rows()[0]).width()


def test_tab_goes_through_rows_made_in_slices_in_order(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    widget = in_slices(qtbot, monkeypatch, 14)
    qtbot.waitUntil(lambda: all_made(widget))
    visited = in_tab_order(widget, name(widget.rows()[0]), 14 * 4)
    assert visited == [*stops(1, 14)[1:], "Add a thing"]


def test_a_row_not_yet_made_is_made_when_needed_where_it_belongs(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    widget = in_slices(qtbot, monkeypatch, 30)
    far = widget.rows()[25]
    assert not far.made
    name(far).setFocus()  # as going to a problem of thing 26 does
    assert far.made and name(far).accessibleName() == "Name of thing 26"
    assert in_tab_order(widget, name(far), 4) == [*stops(26, 26)[1:], "Add a thing"]
    qtbot.waitUntil(lambda: all_made(widget))
    qtbot.waitUntil(lambda: in_order_on_screen(widget))
    assert in_tab_order(widget, widget.rows()[24].remove, 8) == stops(26, 27)


def test_a_row_moves_past_rows_made_apart_with_its_focus(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    widget = in_slices(qtbot, monkeypatch, 14)
    tenth = name(widget.rows()[FIRST_ROWS - 1])
    tenth.setFocus()
    qtbot.keyClick(tenth, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # not yet made
    qtbot.keyClick(tenth, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert names(widget)[9:12] == ["Thing 10", "Thing 11", "Thing 9"] and tenth.hasFocus()
    qtbot.waitUntil(lambda: all_made(widget))
    qtbot.keyClick(tenth, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # made apart
    qtbot.keyClick(tenth, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(tenth, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    order = [*range(9), 10, 11, 12, 9, 13]
    assert names(widget) == [f"Thing {n}" for n in order] and tenth.hasFocus()
    qtbot.waitUntil(lambda: in_order_on_screen(widget))
    assert in_tab_order(widget, name(widget.rows()[0]), 14 * 4) == [
        *stops(1, 14)[1:],
        "Add a thing",
    ]
