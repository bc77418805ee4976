"""Publish ▸ Publish… and Publish ▸ Manage Sites… from the window's menus: an unsaved review
is saved first, or not published."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.publish.commands import publish_review
from reviewdesk.ui.publish.publish_dialog import PublishDialog
from reviewdesk.ui.publish.sites_dialog import SitesDialog
from reviewdesk.ui.settings import Settings


def menu_action(window: MainWindow, menu: str, text: str) -> QAction:
    found = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == menu)
    return next(a for a in found.actions() if a.text() == text)


@pytest.mark.usefixtures("no_keyring")
def test_the_menus_open_the_publishing_dialogs(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path
) -> None:
    window = MainWindow(ReviewDocument.open(sample_bundle), Settings(str(tmp_path / "s.ini")))
    qtbot.addWidget(window)
    publish = menu_action(window, "&Publish", "&Publish…")
    assert menu_action(window, "&File", "&Publish…") is publish
    publish.trigger()
    (dialog,) = window.findChildren(PublishDialog)
    assert dialog.isVisible() and dialog.folder == sample_bundle
    dialog.close()
    menu_action(window, "&Publish", "&Manage Sites…").trigger()
    (sites,) = window.findChildren(SitesDialog)
    assert sites.isVisible()
    sites.close()


def test_an_unsaved_review_is_saved_before_it_is_published(
    qtbot: QtBot, sample_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    document = ReviewDocument.open(sample_bundle, window)
    document.set("summary", "Changed in the window.")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save]
    monkeypatch.setattr(QMessageBox, "question", lambda *_: answers.pop(0))
    saves: list[bool] = []

    def save() -> bool:
        document.save()
        saves.append(True)
        return True

    assert publish_review(document, save, window) is None  # Cancel: nothing saved
    assert saves == [] and bundle.load(sample_bundle).summary != "Changed in the window."
    dialog = publish_review(document, save, window)
    assert dialog is not None and dialog.isVisible()
    assert bundle.load(sample_bundle).summary == "Changed in the window."
    dialog.close()
