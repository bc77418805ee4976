"""The list editor of pros, cons, key features and key insights, driven as a writer drives it."""

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QToolButton
from pytestqt.qtbot import QtBot

from reviewdesk.ui.widgets.string_list_editor import StringListEditor, pasted_items


def list_editor(qtbot: QtBot, items: list[str] | None = None) -> StringListEditor:
    widget = StringListEditor("Pros")
    qtbot.addWidget(widget)
    widget.set_items(items or [])
    widget.resize(320, 300)
    widget.show()
    qtbot.waitExposed(widget)
    widget.list_widget.setFocus()
    return widget


def recorded(widget: StringListEditor) -> list[list[str]]:
    emitted: list[list[str]] = []
    widget.items_edited.connect(emitted.append)
    return emitted


def rows(widget: StringListEditor) -> list[str]:
    """Every row as shown, empty ones included."""
    view = widget.list_widget
    return [view.item(row).text() for row in range(view.count())]


def item_editor(widget: StringListEditor) -> QLineEdit:
    view = widget.list_widget
    editor = view.indexWidget(view.currentIndex())
    assert isinstance(editor, QLineEdit), "no item is being edited"
    return editor


def is_editing(widget: StringListEditor) -> bool:
    view = widget.list_widget
    return view.indexWidget(view.currentIndex()) is not None


def item_center(widget: StringListEditor, row: int) -> QPoint:
    view = widget.list_widget
    return view.visualItemRect(view.item(row)).center()


def test_heading_list_and_buttons_are_named_for_assistive_technology(qtbot: QtBot) -> None:
    widget = list_editor(qtbot)
    assert widget.heading.text() == "Pros"
    assert widget.heading.buddy() is widget.list_widget
    assert widget.list_widget.accessibleName() == "Pros"
    assert widget.list_widget.accessibleDescription()
    qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)
    assert item_editor(widget).accessibleName() == "Item in Pros"
    names = {button.accessibleName() for button in widget.findChildren(QToolButton)}
    assert names == {"Add to Pros", "Remove from Pros", "Move up in Pros", "Move down in Pros"}
    assert all(button.toolTip() for button in widget.findChildren(QToolButton))


def test_set_items_shows_the_items_as_they_are_without_emitting(qtbot: QtBot) -> None:
    widget = list_editor(qtbot)
    with qtbot.assertNotEmitted(widget.items_edited):
        widget.set_items([" Quiet ", "", "Light"])
    assert widget.items() == [" Quiet ", "", "Light"]
    assert rows(widget) == [" Quiet ", "", "Light"]  # a blank item is an empty row
    with qtbot.assertNotEmitted(widget.items_edited):
        widget.set_items(["Quiet", "Light", ""])
    assert widget.items() == rows(widget) == ["Quiet", "Light", ""]


def test_a_blank_item_given_stays_while_the_others_are_edited(qtbot: QtBot) -> None:
    widget = list_editor(qtbot, ["Fast", "", "Cheap"])
    view = widget.list_widget
    view.setCurrentRow(2)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    qtbot.keyClick(item_editor(widget), Qt.Key.Key_End)
    qtbot.keyClicks(item_editor(widget), "er")
    with qtbot.waitSignal(widget.items_edited) as blocker:
        qtbot.keyClick(item_editor(widget), Qt.Key.Key_Return)
    assert blocker.args == [["Fast", "", "Cheaper"]]
    qtbot.keyClick(item_editor(widget), Qt.Key.Key_Escape)  # the next item, left empty
    view.setCurrentRow(0)
    with qtbot.waitSignal(widget.items_edited) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert blocker.args == [["", "Fast", "Cheaper"]]
    with qtbot.waitSignal(widget.items_edited) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert blocker.args == [["", "Cheaper"]]
    assert rows(widget) == ["", "Cheaper"]


def test_a_blank_item_given_goes_only_once_filled_and_cleared(qtbot: QtBot) -> None:
    widget = list_editor(qtbot, ["a", ""])
    emitted = recorded(widget)
    view = widget.list_widget
    viewport = view.viewport()
    assert viewport is not None
    view.setCurrentRow(1)
    qtbot.keyClick(view, Qt.Key.Key_F2)  # opened and left: still there
    qtbot.keyClick(item_editor(widget), Qt.Key.Key_Escape)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=item_center(widget, 0))
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    qtbot.keyClicks(item_editor(widget), "  ")  # spaces only: still blank
    qtbot.keyClick(item_editor(widget), Qt.Key.Key_Return)
    qtbot.keyClick(item_editor(widget), Qt.Key.Key_Escape)
    assert rows(widget) == ["a", ""] and emitted == []
    view.setCurrentRow(1)
    qtbot.keyClicks(view, "b")
    qtbot.keyClick(item_editor(widget), Qt.Key.Key_Return)
    qtbot.keyClick(item_editor(widget), Qt.Key.Key_Escape)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    item_editor(widget).selectAll()
    qtbot.keyClick(item_editor(widget), Qt.Key.Key_Backspace)
    qtbot.keyClick(item_editor(widget), Qt.Key.Key_Return)
    assert emitted == [["a", "b"], ["a"]]
    assert rows(widget) == ["a"]


def test_an_item_opened_and_left_unchanged_keeps_its_spaces(qtbot: QtBot) -> None:
    widget = list_editor(qtbot, [" Quiet ", "Light"])
    widget.list_widget.setCurrentRow(0)
    with qtbot.assertNotEmitted(widget.items_edited):
        qtbot.keyClick(widget.list_widget, Qt.Key.Key_F2)
        qtbot.keyClick(item_editor(widget), Qt.Key.Key_Return)
        qtbot.keyClick(item_editor(widget), Qt.Key.Key_Escape)
    assert widget.items() == [" Quiet ", "Light"]
    widget.list_widget.setCurrentRow(0)
    qtbot.keyClick(widget.list_widget, Qt.Key.Key_F2)
    qtbot.keyClick(item_editor(widget), Qt.Key.Key_End)
    qtbot.keyClicks(item_editor(widget), "!")
    with qtbot.waitSignal(widget.items_edited) as blocker:
        qtbot.keyClick(item_editor(widget), Qt.Key.Key_Return)
    assert blocker.args == [["Quiet !", "Light"]]  # edited: trimmed as typed


def test_set_items_keeps_the_current_row(qtbot: QtBot) -> None:
    widget = list_editor(qtbot, ["a", "b", "c"])
    widget.list_widget.setCurrentRow(2)
    with qtbot.assertNotEmitted(widget.items_edited):
        widget.set_items(["a", "B", "c"])
    assert rows(widget) == ["a", "B", "c"]
    assert widget.list_widget.currentRow() == 2


def test_set_items_with_equal_items_leaves_an_edit_in_progress(qtbot: QtBot) -> None:
    widget = list_editor(qtbot, ["a"])
    qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(item_editor(widget), "half-typed")
    widget.set_items(["a"])  # the owner echoing the model back
    assert item_editor(widget).text() == "half-typed"


def test_add_appends_an_item_and_edits_it(qtbot: QtBot) -> None:
    widget = list_editor(qtbot, ["Quiet"])
    qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)
    assert widget.list_widget.currentRow() == 1
    editor = item_editor(widget)
    assert editor.placeholderText() == "Add an item"
    with qtbot.assertNotEmitted(widget.items_edited):  # nothing while typing
        qtbot.keyClicks(editor, "Long battery life")
    with qtbot.waitSignal(widget.items_edited) as blocker:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert blocker.args == [["Quiet", "Long battery life"]]


def test_enter_starts_a_new_item_right_after_and_enter_on_it_empty_ends(qtbot: QtBot) -> None:
    widget = list_editor(qtbot, ["a", "c"])
    emitted = recorded(widget)
    widget.list_widget.setCurrentRow(0)
    qtbot.keyClick(widget.list_widget, Qt.Key.Key_F2)
    qtbot.keyClick(item_editor(widget), Qt.Key.Key_Return)  # unchanged: nothing to tell
    assert rows(widget) == ["a", "", "c"]
    assert widget.list_widget.currentRow() == 1
    with qtbot.waitSignal(widget.items_edited) as blocker:
        qtbot.keyClicks(item_editor(widget), "b")
        qtbot.keyClick(item_editor(widget), Qt.Key.Key_Enter)
    assert blocker.args == [["a", "b", "c"]]
    assert rows(widget) == ["a", "b", "", "c"]
    qtbot.keyClick(item_editor(widget), Qt.Key.Key_Return)
    assert rows(widget) == ["a", "b", "c"]
    assert not is_editing(widget)
    assert widget.list_widget.currentRow() == 1
    assert emitted == [["a", "b", "c"]]


def test_leaving_an_item_commits_it_and_drops_it_if_empty(qtbot: QtBot) -> None:
    widget = list_editor(qtbot, ["a", "b"])
    viewport = widget.list_widget.viewport()
    assert viewport is not None
    widget.list_widget.setCurrentRow(0)
    qtbot.keyClick(widget.list_widget, Qt.Key.Key_F2)
    qtbot.keyClicks(item_editor(widget), "A")
    with qtbot.waitSignal(widget.items_edited) as blocker:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=item_center(widget, 1))
    assert blocker.args == [["A", "b"]]
    qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)
    assert rows(widget) == ["A", "b", ""]
    with qtbot.assertNotEmitted(widget.items_edited):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=item_center(widget, 0))
        qtbot.waitUntil(lambda: rows(widget) == ["A", "b"])


def test_insert_starts_a_new_item_after_the_current_one(qtbot: QtBot) -> None:
    widget = list_editor(qtbot, ["a", "c"])
    widget.list_widget.setCurrentRow(0)
    qtbot.keyClick(widget.list_widget, Qt.Key.Key_Insert)
    qtbot.keyClicks(item_editor(widget), "b")
    with qtbot.waitSignal(widget.items_edited) as blocker:
        qtbot.keyClick(item_editor(widget), Qt.Key.Key_Return)
    assert blocker.args == [["a", "b", "c"]]


def test_escape_cancels_the_edit_and_drops_a_new_item(qtbot: QtBot) -> None:
    widget = list_editor(qtbot, ["a"])
    widget.list_widget.setCurrentRow(0)
    with qtbot.assertNotEmitted(widget.items_edited):
        qtbot.keyClick(widget.list_widget, Qt.Key.Key_F2)
        qtbot.keyClicks(item_editor(widget), "changed")
        qtbot.keyClick(item_editor(widget), Qt.Key.Key_Escape)
        assert rows(widget) == ["a"]
        qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(item_editor(widget), "never mind")
        qtbot.keyClick(item_editor(widget), Qt.Key.Key_Escape)
    assert rows(widget) == ["a"]
    assert not is_editing(widget)


def test_double_click_edits_an_item(qtbot: QtBot) -> None:
    widget = list_editor(qtbot, ["a", "b"])
    viewport = widget.list_widget.viewport()
    assert viewport is not None
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=item_center(widget, 1))
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=item_center(widget, 1))
    editor = item_editor(widget)
    assert widget.list_widget.currentRow() == 1
    editor.selectAll()
    qtbot.keyClicks(editor, "B")
    with qtbot.waitSignal(widget.items_edited) as blocker:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert blocker.args == [["a", "B"]]


def test_typing_on_an_item_starts_editing_it(qtbot: QtBot) -> None:
    widget = list_editor(qtbot, ["a", "b"])
    widget.list_widget.setCurrentRow(0)
    qtbot.keyClicks(widget.list_widget, "Z")
    editor = item_editor(widget)
    qtbot.keyClicks(editor, "ippy")
    with qtbot.waitSignal(widget.items_edited) as blocker:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert blocker.args == [["Zippy", "b"]]


def test_empty_items_are_never_emitted(qtbot: QtBot) -> None:
    widget = list_editor(qtbot, ["a", "b"])
    emitted = recorded(widget)
    qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(item_editor(widget), "   ")
    qtbot.keyClick(item_editor(widget), Qt.Key.Key_Return)
    assert rows(widget) == ["a", "b"]
    assert emitted == []
    # Clearing an item removes it.
    widget.list_widget.setCurrentRow(0)
    qtbot.keyClick(widget.list_widget, Qt.Key.Key_F2)
    item_editor(widget).selectAll()
    qtbot.keyClick(item_editor(widget), Qt.Key.Key_Backspace)
    qtbot.keyClick(item_editor(widget), Qt.Key.Key_Return)
    assert emitted == [["b"]]
    assert rows(widget) == ["b"]


def test_delete_removes_the_current_item_but_not_while_editing(qtbot: QtBot) -> None:
    widget = list_editor(qtbot, ["a", "b", "c"])
    widget.list_widget.setCurrentRow(1)
    with qtbot.waitSignal(widget.items_edited) as blocker:
        qtbot.keyClick(widget.list_widget, Qt.Key.Key_Delete)
    assert blocker.args == [["a", "c"]]
    assert widget.list_widget.currentItem().text() == "c"  # the next one takes its place
    qtbot.keyClick(widget.list_widget, Qt.Key.Key_F2)
    editor = item_editor(widget)
    editor.setCursorPosition(0)
    with qtbot.assertNotEmitted(widget.items_edited):
        qtbot.keyClick(editor, Qt.Key.Key_Delete)  # deletes a character, not the item
    assert editor.text() == ""
    assert widget.list_widget.count() == 2


def test_alt_up_and_down_move_the_current_item_and_the_selection_follows(qtbot: QtBot) -> None:
    widget = list_editor(qtbot, ["a", "b", "c"])
    emitted = recorded(widget)
    view = widget.list_widget
    view.setCurrentRow(0)
    with qtbot.waitSignal(widget.items_edited) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert blocker.args == [["b", "a", "c"]]
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert widget.items() == ["b", "c", "a"]
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # already last
    assert [item.text() for item in view.selectedItems()] == ["a"]
    assert view.currentRow() == 2
    with qtbot.waitSignal(widget.items_edited) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert blocker.args == [["b", "a", "c"]]
    assert view.currentItem().text() == "a"
    assert len(emitted) == 3


def test_tool_buttons_move_and_remove_the_current_item(qtbot: QtBot) -> None:
    widget = list_editor(qtbot, ["a", "b", "c"])
    view = widget.list_widget
    view.setCurrentRow(0)
    assert not widget.up_button.isEnabled()
    assert widget.down_button.isEnabled()
    with qtbot.waitSignal(widget.items_edited) as blocker:
        qtbot.mouseClick(widget.down_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [["b", "a", "c"]]
    assert view.currentRow() == 1
    with qtbot.waitSignal(widget.items_edited) as blocker:
        qtbot.mouseClick(widget.up_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [["a", "b", "c"]]
    with qtbot.waitSignal(widget.items_edited) as blocker:
        qtbot.mouseClick(widget.remove_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [["b", "c"]]
    view.setCurrentRow(1)
    assert not widget.down_button.isEnabled()


def test_a_drag_moves_the_item_and_tells_the_new_order(qtbot: QtBot) -> None:
    widget = list_editor(qtbot, ["a", "b", "c", "d"])
    view = widget.list_widget
    assert view.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove
    assert view.defaultDropAction() == Qt.DropAction.MoveAction
    assert view.item(0).flags() & Qt.ItemFlag.ItemIsDragEnabled
    assert not view.item(0).flags() & Qt.ItemFlag.ItemIsDropEnabled  # drops go between items
    view.setCurrentRow(0)
    # Offscreen there is no drag-and-drop session to run; a drop within the list ends in the
    # model's moveRows, exactly as QListWidget's dropEvent calls it.
    with qtbot.waitSignal(widget.items_edited) as blocker:
        assert view.model().moveRows(QModelIndex(), 0, 1, QModelIndex(), 3)
    assert blocker.args == [["b", "c", "a", "d"]]
    assert view.currentItem().text() == "a"


def test_ctrl_v_pastes_one_item_per_line_after_the_current_one(qtbot: QtBot) -> None:
    widget = list_editor(qtbot, ["a", "b"])
    emitted = recorded(widget)
    widget.list_widget.setCurrentRow(0)
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("- Quiet fans\n\n* Solid hinge\n3. Bright screen\n")
    with qtbot.waitSignal(widget.items_edited) as blocker:
        qtbot.keyClick(widget.list_widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [["a", "Quiet fans", "Solid hinge", "Bright screen", "b"]]
    assert emitted == blocker.args  # once for the whole paste
    assert widget.list_widget.currentItem().text() == "Bright screen"


def test_pasting_lines_into_an_item_editor_adds_them_as_items(qtbot: QtBot) -> None:
    widget = list_editor(qtbot, ["a", "b"])
    emitted = recorded(widget)
    widget.list_widget.setCurrentRow(0)
    QGuiApplication.clipboard().setText("one\ntwo")
    qtbot.keyClick(widget.list_widget, Qt.Key.Key_F2)
    with qtbot.waitSignal(widget.items_edited) as blocker:
        qtbot.keyClick(item_editor(widget), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [["a", "one", "two", "b"]]
    # In a new, empty item the lines take its place.
    qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)
    QGuiApplication.clipboard().setText("1) three\n2) four\n")
    with qtbot.waitSignal(widget.items_edited) as blocker:
        qtbot.keyClick(item_editor(widget), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [["a", "one", "two", "b", "three", "four"]]
    assert rows(widget) == blocker.args[0]
    assert len(emitted) == 2


def test_pasting_one_line_into_an_item_editor_pastes_text(qtbot: QtBot) -> None:
    widget = list_editor(qtbot)
    qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)
    QGuiApplication.clipboard().setText("Solid build\n")
    with qtbot.assertNotEmitted(widget.items_edited):
        qtbot.keyClick(item_editor(widget), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert item_editor(widget).text() == "Solid build"


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("one", ["one"]),
        ("- one\n- two", ["one", "two"]),
        ("* one\r\n\r\n  + two  \n", ["one", "two"]),
        ("\N{BULLET} one\n1. two\n12) three", ["one", "two", "three"]),
        ("-5 degrees\n1.5 kg\n-", ["-5 degrees", "1.5 kg"]),
        ("\n  \n", []),
    ],
)
def test_pasted_items_drop_bullets_and_blank_lines(text: str, items: list[str]) -> None:
    assert pasted_items(text) == items


@pytest.mark.parametrize("base", [QColor("white"), QColor("#202020")])
def test_an_empty_list_is_painted_from_the_palette(qtbot: QtBot, base: QColor) -> None:
    widget = list_editor(qtbot)
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Base, base)
    widget.setPalette(palette)
    assert not widget.styleSheet()
    viewport = widget.list_widget.viewport()
    assert viewport is not None
    image = viewport.grab().toImage()
    assert image.pixelColor(image.width() - 2, image.height() - 2) == base


def test_typing_on_the_empty_list_starts_the_first_item(qtbot: QtBot) -> None:
    widget = list_editor(qtbot)
    assert widget.list_widget.count() == 0
    qtbot.keyClicks(widget.list_widget, "Q")  # the key that used to be lost
    qtbot.keyClicks(item_editor(widget), "uiet")
    with qtbot.waitSignal(widget.items_edited) as blocker:
        qtbot.keyClick(item_editor(widget), Qt.Key.Key_Return)
    assert blocker.args == [["Quiet"]]
