"""The library from the main window: File ▸ Library… (Ctrl+Shift+L) opens it on the reviews
folder, Folders ▸ Add Folder… lists another folder too, Stop Listing takes one out again."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu
from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle
from reviewdesk.core.model import Review
from reviewdesk.ui.app import open_window
from reviewdesk.ui.library.library_window import LibraryWindow
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import REVIEWS_FOLDER, Settings

LISTED_MS = 10_000


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    made = Settings(str(tmp_path / "settings.ini"))
    made.set(REVIEWS_FOLDER, str(tmp_path / "Reviews"))
    bundle.save(Review(title="In the reviews folder"), tmp_path / "Reviews" / "first")
    return made


@pytest.fixture
def window(qtbot: QtBot, settings: Settings, tmp_path: Path) -> MainWindow:
    bundle.save(Review(title="The review open"), tmp_path / "open")
    made = open_window(tmp_path / "open", settings)
    qtbot.addWidget(made, before_close_func=lambda _: made.document.undo_stack.setClean())
    made.show()
    return made


def titles(library: LibraryWindow) -> list[str]:
    return sorted(library.model.entry(row).title for row in range(library.model.rowCount()))


def test_ctrl_shift_l_opens_the_library_on_the_reviews_folder(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClick(
        window,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    library = window.findChild(LibraryWindow)
    assert library is not None and library.isVisible()
    qtbot.waitUntil(lambda: titles(library) == ["In the reviews folder"], timeout=LISTED_MS)


def test_folders_added_are_listed_and_taken_out_again(
    qtbot: QtBot,
    window: MainWindow,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    elsewhere = tmp_path / "Old blog"
    bundle.save(Review(title="From the old blog"), elsewhere / "2019" / "router")
    library = window.findChild(LibraryWindow)
    assert library is None
    qtbot.keyClick(
        window,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    library = window.findChild(LibraryWindow)
    assert library is not None
    qtbot.waitUntil(lambda: titles(library) == ["In the reviews folder"], timeout=LISTED_MS)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(elsewhere))
    folders = next(m for m in library.menuBar().findChildren(QMenu) if m.title() == "&Folders")
    folders.aboutToShow.emit()  # as when it opens: its items name the folders listed
    menu_item(folders, "&Add Folder…").trigger()
    assert settings.library_folders() == [tmp_path / "Reviews", elsewhere]
    qtbot.waitUntil(
        lambda: titles(library) == ["From the old blog", "In the reviews folder"],
        timeout=LISTED_MS,
    )
    folders.aboutToShow.emit()
    assert not menu_item(folders, f"{tmp_path / 'Reviews'} (new reviews go here)").isEnabled()
    menu_item(folders, f"Stop Listing {elsewhere}").trigger()
    assert settings.library_folders() == [tmp_path / "Reviews"]
    qtbot.waitUntil(lambda: titles(library) == ["In the reviews folder"], timeout=LISTED_MS)
    assert (elsewhere / "2019" / "router" / "review.yaml").is_file()  # its reviews stay


def menu_item(menu: QMenu, text: str) -> QAction:
    return next(action for action in menu.actions() if action.text() == text)
