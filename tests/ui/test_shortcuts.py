"""Every key Help ▸ Keyboard Shortcuts lists works where a writer presses it: read from the
dialog itself, each is pressed in the fields it serves and must reach its action, and one
action only (two actions on one key both go deaf)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcutEvent, QTextTable
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMenu,
    QMessageBox,
    QTabBar,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.panes.metadata_pane import MetadataPane
from reviewdesk.ui.settings import Settings
from reviewdesk.ui.undo_router import UndoRouter

NATIVE = QKeySequence.SequenceFormat.NativeText


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
def window(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)
    main = MainWindow(ReviewDocument.open(sample_bundle), Settings(str(tmp_path / "s.ini")))
    qtbot.addWidget(main)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    yield main
    main.document.undo_stack.setClean()


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
