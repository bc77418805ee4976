"""Help ▸ WordPress Plugin… saves the companion plugin where the writer says, and says what to
do with it; a place it cannot be written is named, and nothing is left half written."""

import zipfile
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.core.model import Review
from reviewdesk.core.publish.companion import plugin_zip
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import Settings


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the app says in message boxes (offscreen, a modal box would wait forever)."""
    said: list[str] = []
    for kind in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, kind, lambda _parent, _title, text: said.append(text))
    return said


def choose(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> None:
    """The save dialog's answer: `path`, or Cancel."""
    answer = (str(path) if path else "", "")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: answer)


def click_help_item(qtbot: QtBot, tmp_path: Path) -> None:
    document = ReviewDocument(Review(title="Untitled review"))
    window = MainWindow(document, Settings(str(tmp_path / "settings.ini")))
    qtbot.addWidget(window)
    help_menu = next(
        action.menu()
        for action in window.menuBar().actions()
        if action.text() == "&Help" and isinstance(action.menu(), QMenu)
    )
    assert isinstance(help_menu, QWidget)
    item = next(a for a in help_menu.actions() if a.text() == "&WordPress Plugin…")
    assert isinstance(item, QAction)
    item.trigger()


def test_the_plugin_is_saved_as_the_zip_wordpress_installs(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    target = tmp_path / "downloads" / "reviewdesk.zip"
    target.parent.mkdir()
    choose(monkeypatch, target)
    click_help_item(qtbot, tmp_path)
    assert target.read_bytes() == plugin_zip()
    with zipfile.ZipFile(target) as archive:
        assert "reviewdesk/reviewdesk.php" in archive.namelist()
    assert told == [
        f"Saved {target}.\n\nIn WordPress, upload it under Plugins ▸ Add New ▸ Upload Plugin, "
        "then activate it. It registers the review's fields, prints the review's structured "
        "data for search engines and styles the review's blocks."
    ]


def test_cancel_saves_nothing_and_says_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    choose(monkeypatch, None)
    click_help_item(qtbot, tmp_path)
    assert told == [] and list(tmp_path.rglob("*.zip")) == []


def test_a_place_it_cannot_be_written_is_named(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("mine")
    choose(monkeypatch, not_a_folder / "reviewdesk.zip")
    click_help_item(qtbot, tmp_path)
    assert len(told) == 1 and told[0].startswith("Could not save the plugin: ")
    assert str(not_a_folder) in told[0]
    assert not_a_folder.read_text() == "mine"
