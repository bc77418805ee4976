"""A key that moves the focus closes the completion list of the field left: the keys typed
next go to the field the writer went to, through the window as a keyboard sends them."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.panes.metadata_pane import MetadataPane

ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier

# The offscreen platform's stubs for what a popup list asks of a real window system.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise\\(\\)",
    "This plugin does not support grabbing the keyboard",
    extend=True,
)


@pytest.fixture
def metadata(active_window: MainWindow) -> MetadataPane:
    pane = active_window.findChild(MetadataPane)
    assert pane is not None
    return pane


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:
    """A key as the keyboard sends it: to the window in focus, a list's popup when open."""
    window = QGuiApplication.focusWindow()
    assert window is not None
    QTest.keyClick(window, key, modifier)


def list_open(field: QLineEdit) -> bool:
    popup = field.completer().popup()
    return popup is not None and popup.isVisible()


def type_in(qtbot: QtBot, field: QLineEdit, *keys: Qt.Key) -> None:
    field.setFocus()
    field.selectAll()
    for key in keys:
        press(key)
    qtbot.waitUntil(lambda: list_open(field))  # the list of completions is open


def test_alt_and_a_letter_from_the_language_list_takes_the_keys_along(
    qtbot: QtBot, metadata: MetadataPane
) -> None:
    language = metadata.language.edit
    type_in(qtbot, language, Qt.Key.Key_E, Qt.Key.Key_N, Qt.Key.Key_Minus, Qt.Key.Key_G)
    press(Qt.Key.Key_D, ALT)  # to the badges
    qtbot.waitUntil(lambda: QApplication.focusWidget() is metadata.badges.edit)
    assert not list_open(language)
    press(Qt.Key.Key_X)
    assert language.text() == "en-g"  # it took the x: "en-gx"
    assert metadata.badges.edit.text() == "x"


def test_ctrl_tab_from_the_language_list_goes_to_the_next_pane(
    qtbot: QtBot, metadata: MetadataPane
) -> None:
    language = metadata.language.edit
    type_in(qtbot, language, Qt.Key.Key_D, Qt.Key.Key_E)
    press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # it did nothing
    qtbot.waitUntil(lambda: not metadata.isVisible())
    assert not list_open(language)
    press(Qt.Key.Key_X)
    assert language.text() == "de"
