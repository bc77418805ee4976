"""Every key Help ▸ Keyboard Shortcuts lists works where a writer presses it: read from the
dialog itself, each is pressed in the fields it serves and must reach its action, and one
action only (two actions on one key both go deaf)."""

from collections.abc import Callable
from typing import TypeVar

import pytest
from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcutEvent, QTextTable
from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.panes.metadata_pane import MetadataPane
from reviewdesk.ui.panes.pros_cons_pane import ProsConsPane
from reviewdesk.ui.panes.tags_pane import TagsPane
from reviewdesk.ui.undo_router import UndoRouter

NATIVE = QKeySequence.SequenceFormat.NativeText
CTRL = Qt.KeyboardModifier.ControlModifier
P = TypeVar("P", bound=QWidget)


class Reached(QObject):
    """Takes the shortcut events of `actions`: which action a key reached, without running
    it (no dialog opens, nothing is saved)."""

    def __init__(self, actions: list[QAction]) -> None:
        super().__init__()
        self.actions: list[tuple[QAction, bool]] = []
        for action in actions:
            action.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        if isinstance(event, QShortcutEvent) and isinstance(watched, QAction):
            self.actions.append((watched, event.isAmbiguous()))
            return True
        return False


@pytest.fixture
def window(active_window: MainWindow) -> MainWindow:
    return active_window


def listed_keys(window: MainWindow) -> list[tuple[str, str]]:
    """(what, keys) as the Keyboard Shortcuts window shows them."""
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert isinstance(help_menu, QMenu)
    next(a for a in help_menu.actions() if a.text() == "&Keyboard Shortcuts").trigger()
    dialog = next(
        d for d in window.findChildren(QDialog) if d.windowTitle() == "Keyboard Shortcuts"
    )
    browser = dialog.findChild(QTextBrowser)
    assert browser is not None
    table = next(
        f for f in browser.document().rootFrame().childFrames() if isinstance(f, QTextTable)
    )
    cell = lambda row, column: table.cellAt(row, column).firstCursorPosition().block().text()  # noqa: E731
    dialog.close()
    return [(cell(row, 0), cell(row, 1)) for row in range(table.rows())]


def places(window: MainWindow) -> dict[str, QWidget]:
    """Where a writer's focus is when a key is pressed."""
    metadata = window.findChild(MetadataPane)
    assert metadata is not None
    bar = window.body.editor.find_bar
    bar.start_find()  # shown, so that its own keys can be pressed in it
    tabs = window.panes.findChild(QTabBar)
    assert tabs is not None
    return {
        "the title": metadata.title,
        "the pane tabs": tabs,
        "the body": window.body.editor.plain_text_edit,
        "the find field": bar.find_field,
    }


def serves(action: QAction, place: QWidget) -> bool:
    """Whether `action`'s keys are meant to work with the focus in `place`."""
    if action.shortcutContext() == Qt.ShortcutContext.WindowShortcut:
        return True
    owners = [o for o in action.associatedObjects() if isinstance(o, QWidget)]
    return any(owner is place or owner.isAncestorOf(place) for owner in owners)


def _holds(pane: QWidget | None, place: QWidget) -> bool:
    return pane is not None and pane.isAncestorOf(place)


def first_key(keys: QKeySequence) -> QKeyCombination:
    combination: QKeyCombination = keys[0]  # type: ignore[index]  # (not in the stubs)
    return combination


def press(qtbot: QtBot, place: QWidget, keys: QKeySequence) -> None:
    window = place.window()
    assert isinstance(window, MainWindow)
    if not place.isVisible():  # in a pane behind another: the writer brings it up first
        window.panes.setCurrentIndex(
            next(i for i in range(window.panes.count()) if _holds(window.panes.widget(i), place))
        )
    place.setFocus()
    combination = first_key(keys)
    qtbot.keyClick(place, combination.key(), combination.keyboardModifiers())


def test_every_listed_shortcut_reaches_its_action_where_it_is_meant_to(
    qtbot: QtBot, window: MainWindow
) -> None:
    for summary in ("One step", "and the next"):  # something to undo, and to redo
        window.document.set("summary", summary, merge=False)
    window.document.undo_stack.undo()
    actions = [a for a in window.findChildren(QAction) if a.shortcuts()]
    rows = listed_keys(window)
    where = places(window)
    reached = Reached(actions)
    tried = 0
    for action in actions:
        shown = [key.toString(NATIVE) for key in action.shortcuts()]
        assert any(keys == " or ".join(shown) for _what, keys in rows), f"{shown} not listed"
        served = [name for name, place in where.items() if serves(action, place)]
        assert served, f"{action.text()!r}: no field it works in"
        for name in served:
            if action.text().startswith(("&Undo", "&Redo")) and name != "the pane tabs":
                continue  # in a field, the review's history takes them: see test_undo_router
            for keys in action.shortcuts():
                if first_key(keys).key().value >= Qt.Key.Key_Back.value:
                    continue  # a key of special keyboards (Find, Redo): nothing to press here
                reached.actions.clear()
                press(qtbot, where[name], keys)
                assert reached.actions == [(action, False)], (
                    f"{keys.toString(NATIVE)} in {name}: {action.text()!r} not reached alone, "
                    f"but {[(a.text(), ambiguous) for a, ambiguous in reached.actions]}"
                )
                tried += 1
    assert tried >= 40  # the window's and the body's keys, in each place they serve


def test_ctrl_tab_moves_between_panes_from_any_field(qtbot: QtBot, window: MainWindow) -> None:
    rows = dict(listed_keys(window))
    assert rows["Next / previous pane"] == "Ctrl+Tab / Ctrl+Shift+Tab"
    where = places(window)
    window.panes.setCurrentIndex(0)
    press(qtbot, where["the title"], QKeySequence("Ctrl+Tab"))
    assert window.panes.currentIndex() == 1
    window.panes.setCurrentIndex(4)
    press(qtbot, where["the body"], QKeySequence("Ctrl+Tab"))
    assert window.panes.currentIndex() == 5
    press(qtbot, window.panes.currentWidget(), QKeySequence("Ctrl+Shift+Tab"))
    assert window.panes.currentIndex() == 4


def test_undo_keys_are_listed_with_every_key_the_router_takes(window: MainWindow) -> None:
    rows = dict(listed_keys(window))
    router = window.findChild(UndoRouter)
    assert router is not None
    assert "Ctrl+Y" in rows["Redo"] and "Ctrl+Shift+Z" in rows["Redo"]
    assert rows["Undo"] == "Ctrl+Z"


def test_menus_show_only_keys_that_work(window: MainWindow) -> None:
    for action in window.findChildren(QAction):
        _text, tab, shown = action.text().partition("\t")
        if tab:  # a key written into the item's text must be one of its shortcuts
            assert QKeySequence(shown, NATIVE) in action.shortcuts(), action.text()


@pytest.mark.parametrize(("keys", "field"), [("Ctrl+F", "find_field"), ("Ctrl+H", "replace_field")])
def test_find_and_replace_come_up_from_any_field(
    qtbot: QtBot, window: MainWindow, keys: str, field: str
) -> None:
    title = places(window)["the title"]
    window.body.editor.find_bar.close_bar()
    window.panes.setCurrentIndex(0)
    press(qtbot, title, QKeySequence(keys))
    assert window.panes.currentWidget() is window.body
    assert getattr(window.body.editor.find_bar, field).hasFocus()


def _pane(window: MainWindow, title: str, kind: type[P]) -> P:
    """The pane of the tab `title`, brought up as a writer does (a pane may be made then)."""
    window.panes.setCurrentIndex(
        next(i for i in range(window.panes.count()) if window.panes.tabText(i) == title)
    )
    pane = window.panes.currentWidget().findChild(kind) or window.panes.currentWidget()
    assert isinstance(pane, kind)
    return pane


def _body_at_end(qtbot: QtBot, window: MainWindow, line: str) -> QPlainTextEdit:
    """The body ending in `line` typed on a line of its own, the cursor after it."""
    body = window.body.editor.plain_text_edit
    press(qtbot, body, QKeySequence("Ctrl+End"))
    qtbot.keyClick(body, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(body, line)
    return body


def _pros(qtbot: QtBot, window: MainWindow) -> QListWidget:
    view = _pane(window, "Pros && cons", ProsConsPane).editors["pros"].list_widget
    press(qtbot, view, QKeySequence("Home"))  # the first item, current
    return view


def _item_editor(view: QListWidget) -> QLineEdit:
    editor = view.indexWidget(view.currentIndex())
    assert isinstance(editor, QLineEdit), "no item is being edited"
    return editor


def _tags(qtbot: QtBot, window: MainWindow) -> QLineEdit:
    edit = _pane(window, "Tags", TagsPane).chips.edit
    press(qtbot, edit, QKeySequence("End"))
    return edit


def _next_pane(qtbot: QtBot, window: MainWindow) -> None:
    window.panes.setCurrentIndex(0)
    press(qtbot, places(window)["the title"], QKeySequence("Ctrl+Tab"))
    assert window.panes.currentIndex() == 1
    press(qtbot, window.panes.currentWidget(), QKeySequence("Ctrl+Shift+Tab"))
    assert window.panes.currentIndex() == 0


def _list_goes_on(qtbot: QtBot, window: MainWindow) -> None:
    body = _body_at_end(qtbot, window, "- Quiet")
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClicks(body, "Light")
    assert window.document.review.body.endswith("\n- Quiet\n- Light")


def _list_ends(qtbot: QtBot, window: MainWindow) -> None:
    body = _body_at_end(qtbot, window, "- Quiet")
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClicks(body, "After.")
    assert window.document.review.body.endswith("\n- Quiet\n\nAfter.")  # a paragraph after it


def _plain_line(qtbot: QtBot, window: MainWindow) -> None:
    body = _body_at_end(qtbot, window, "- Quiet")
    qtbot.keyClick(body, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(body, "still it")
    assert window.document.review.body.endswith("\n- Quiet\nstill it")


def _next_item(qtbot: QtBot, window: MainWindow) -> None:
    view, before = _pros(qtbot, window), window.document.review.pros
    qtbot.keyClick(view, Qt.Key.Key_F2)
    qtbot.keyClick(_item_editor(view), Qt.Key.Key_Return)
    qtbot.keyClicks(_item_editor(view), "Started by Enter")
    qtbot.keyClick(_item_editor(view), Qt.Key.Key_Return)
    assert window.document.review.pros == [before[0], "Started by Enter", *before[1:]]


def _move_item(qtbot: QtBot, window: MainWindow) -> None:
    view, before = _pros(qtbot, window), window.document.review.pros
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.document.review.pros == [before[1], before[0], *before[2:]]
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.document.review.pros == before


def _remove_item(qtbot: QtBot, window: MainWindow) -> None:
    view, before = _pros(qtbot, window), window.document.review.pros
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert window.document.review.pros == before[1:]


def _add_item(qtbot: QtBot, window: MainWindow) -> None:
    view, before = _pros(qtbot, window), window.document.review.pros
    qtbot.keyClick(view, Qt.Key.Key_Insert)
    qtbot.keyClicks(_item_editor(view), "Inserted")
    qtbot.keyClick(_item_editor(view), Qt.Key.Key_Return)
    assert window.document.review.pros[:2] == [before[0], "Inserted"]


def _paste_items(qtbot: QtBot, window: MainWindow) -> None:
    view, before = _pros(qtbot, window), window.document.review.pros
    QGuiApplication.clipboard().setText("- One\n- Two\n")
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    assert window.document.review.pros == [before[0], "One", "Two", *before[1:]]


def _add_tag(qtbot: QtBot, window: MainWindow) -> None:
    edit, before = _tags(qtbot, window), window.document.review.tags
    qtbot.keyClicks(edit, "Entered")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document.review.tags == [*before, "Entered"])
    qtbot.keyClicks(edit, "Comma,")
    assert window.document.review.tags == [*before, "Entered", "Comma"]


def _remove_tag(qtbot: QtBot, window: MainWindow) -> None:
    edit, before = _tags(qtbot, window), window.document.review.tags
    assert not edit.text()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert window.document.review.tags == before[:-1]


# What each of the editors' own keys the shortcuts window lists does, pressed in the window.
EDITING_KEYS_DO: dict[str, Callable[[QtBot, MainWindow], None]] = {
    "Next / previous pane": _next_pane,
    "Body: carry a list or quote on to the next line": _list_goes_on,
    "Body: end a list (on its empty last item)": _list_ends,
    "Body: a new line that starts nothing": _plain_line,
    "List: start the next item": _next_item,
    "List: move the item up / down": _move_item,
    "List: remove the selected item": _remove_item,
    "List: add an item": _add_item,
    "List: paste several lines as several items": _paste_items,
    "Tags: add the typed tag": _add_tag,
    "Tags: remove the last tag": _remove_tag,
}


def test_every_listed_key_of_the_editors_does_what_it_says_in_the_window(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The keys listed that are no action's: read from the window, each pressed where it
    serves, on the window's own fields (a window's shortcut on the same key would take it)."""
    actions = {" or ".join(k.toString(NATIVE) for k in a.shortcuts()) for a in
               window.findChildren(QAction) if a.shortcuts()}  # fmt: skip
    listed = [(what, keys) for what, keys in listed_keys(window) if keys not in actions]
    assert sorted(what for what, _keys in listed) == sorted(EDITING_KEYS_DO)
    for what, _keys in listed:
        EDITING_KEYS_DO[what](qtbot, window)
