"""Fixtures for the publishing dialogs: the real WordPress of the session, a real keyring
(GNOME Keyring over D-Bus), and the steps a writer takes in the dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.ui.publish.sites_dialog import SitesDialog
from tests.secret_service import no_keyring, secret_service, system_keyring
from tests.wordpress_server import WordPressServer

__all__ = ["no_keyring", "secret_service", "system_keyring"]

WAIT_MS = 60_000  # a publish to the test site takes a second or two; a loaded machine more
# A Ghost Admin API key of the right form, and a Content API key (which Ghost shows beside it).
ADMIN_KEY = (
    "6b15d3d620eedc4a240b96a4:f6000b9dd1d5e3e4e5279628f7e049df779f6370c0da0dc617225a15723674a8"
)
CONTENT_KEY = "b7783190108b182585abc5bfb3"


@pytest.fixture
def site(wordpress: WordPressServer) -> WordPressServer:
    """The session's WordPress, back to as installed."""
    wordpress.reset()
    return wordpress


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    """The window the dialogs open over."""
    window = QWidget()
    qtbot.addWidget(window)
    return window


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))


def choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Pick the item of `combo` that reads `text` with the arrow keys."""
    assert combo.isVisible() and combo.isEnabled(), combo.accessibleName()
    wanted = combo.findText(text)
    assert wanted >= 0, text
    key = Qt.Key.Key_Down if wanted > combo.currentIndex() else Qt.Key.Key_Up
    for _ in range(abs(wanted - combo.currentIndex())):
        qtbot.keyClick(combo, key)
    assert combo.currentText() == text


def button(box: QMessageBox, text: str) -> QAbstractButton:
    (found,) = [shown for shown in box.buttons() if shown.text() == text]
    return found


def type_site(
    qtbot: QtBot, dialog: SitesDialog, name: str, url: str, login: str, *, password: str
) -> None:
    """Type a site into the Add form and click Add Site; wait until it is kept."""
    form = dialog.form
    for field, text in ((form.name, name), (form.url, url), (form.user, login)):
        qtbot.keyClicks(field, text)
    if password:
        qtbot.keyClicks(form.password, password)
    with qtbot.waitSignal(dialog.worker.finished, timeout=WAIT_MS):
        click(qtbot, form.add_button)


def type_ghost_site(qtbot: QtBot, dialog: SitesDialog, name: str, url: str, *, key: str) -> None:
    """Choose Ghost, type its site into the Add form and click Add Site; wait until it is kept."""
    form = dialog.form
    choose(qtbot, form.kind, "Ghost")
    for field, text in ((form.name, name), (form.url, url), (form.password, key)):
        qtbot.keyClicks(field, text)
    with qtbot.waitSignal(dialog.worker.finished, timeout=WAIT_MS):
        click(qtbot, form.add_button)


def add_site(
    qtbot: QtBot, host: QWidget, server: WordPressServer, password: str, name: str = "test"
) -> None:
    """The administrator's account added as `name` through the sites dialog."""
    dialog = SitesDialog(host)
    qtbot.addWidget(dialog)
    dialog.show()
    type_site(qtbot, dialog, name, server.url, server.admin.login, password=password)
    assert dialog.selected() == name, dialog.message.text()
    dialog.close()
