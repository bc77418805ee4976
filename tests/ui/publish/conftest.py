"""Fixtures for the publishing dialogs: the real WordPress of the session, a real keyring
(GNOME Keyring over D-Bus), and the steps a writer takes in the dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.ui.publish.sites_dialog import SitesDialog
from tests.secret_service import no_keyring, secret_service, system_keyring
from tests.wordpress_server import WordPressServer

__all__ = ["no_keyring", "secret_service", "system_keyring"]

WAIT_MS = 60_000  # a publish to the test site takes a second or two; a loaded machine more


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
