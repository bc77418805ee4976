"""Alt+letter reaches one place: a pane's labels each have their own letter, and none takes a
letter of the menu bar (with the Metadata pane shown, Alt+P went nowhere: "&Published" and
"&Publish" cancelled each other out; Alt+V focused Version instead of opening View)."""

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QMenu, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.ui.main_window import MainWindow

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(active_window: MainWindow) -> MainWindow:
    return active_window


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def pane_mnemonics(pane: QWidget) -> list[str]:
    texts = [label.text() for label in pane.findChildren(QLabel) if label.buddy() is not None]
    texts += [button.text() for button in pane.findChildren(QAbstractButton)]
    texts += [box.title() for box in pane.findChildren(QGroupBox)]
    return [key for key in map(mnemonic, texts) if key is not None]


def menu_mnemonics(window: MainWindow) -> set[str]:
    return {key for a in window.menuBar().actions() if (key := mnemonic(a.text())) is not None}


def test_each_pane_has_letters_of_its_own_apart_from_the_menus(window: MainWindow) -> None:
    menus = menu_mnemonics(window)
    assert menus >= {"f", "e", "v", "p", "h"}
    checked = 0
    for index in range(window.panes.count()):
        window.panes.setCurrentIndex(index)
        pane = window.panes.widget(index)
        assert pane is not None
        keys = pane_mnemonics(pane)
        title = window.panes.tabText(index)
        assert len(keys) == len(set(keys)), (title, keys)
        assert not set(keys) & menus, (title, sorted(set(keys) & menus))
        checked += len(keys)
    assert checked > 20


# The offscreen platform's stubs for what a popup menu asks of a real window system.
@pytest.mark.qt_log_ignore(
    "This plugin does not support raise\\(\\)",
    "This plugin does not support grabbing the keyboard",
    extend=True,
)
@pytest.mark.parametrize(("key", "menu"), [(Qt.Key.Key_P, "&Publish"), (Qt.Key.Key_V, "&View")])
def test_alt_and_a_menus_letter_opens_the_menu_from_the_metadata_pane(
    qtbot: QtBot, window: MainWindow, key: Qt.Key, menu: str
) -> None:
    window.panes.setCurrentIndex(0)
    focused = window.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, key, ALT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    popup = QApplication.activePopupWidget()
    assert isinstance(popup, QMenu) and popup.title() == menu
    popup.close()
