import errno
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.core import recovery
from reviewdesk.ui.autosave import Autosaver
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import FIELD_PROPERTY
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import Settings
from reviewdesk.ui.status_bar import ReviewStatusBar
from tests.conftest import snapshot


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


def test_autosave_writes_a_recovery_copy_and_saving_discards_it(
    qtbot: QtBot, sample_bundle: Path
) -> None:
    before = snapshot(sample_bundle)
    document = ReviewDocument.open(sample_bundle)
    saver = Autosaver(document, delay_ms=50)
    with qtbot.waitSignal(saver.autosaved, timeout=5000):
        document.set("summary", "Typed, not saved")
    assert snapshot(sample_bundle) == before  # never over the writer's bundle
    found = recovery.find(sample_bundle)
    assert found is not None and found.review.summary == "Typed, not saved"
    document.save()
    assert recovery.find(sample_bundle) is None


def test_recovering_is_one_undoable_edit(sample_bundle: Path) -> None:
    document = ReviewDocument.open(sample_bundle)
    original = document.review
    recovered = original.model_copy(update={"title": "Recovered"})
    document.recover(recovered)
    assert (document.review.title, document.modified) == ("Recovered", True)
    document.undo_stack.undo()
    assert document.review == original


def test_typing_without_a_pause_is_autosaved_all_along(qtbot: QtBot, sample_bundle: Path) -> None:
    document = ReviewDocument.open(sample_bundle)
    saver = Autosaver(document, delay_ms=300)
    saves: list[str] = []
    saver.autosaved.connect(lambda: saves.append(document.review.summary))
    typist = QTimer(interval=50)  # a key every 50 ms, never pausing for the 300 ms
    typed = iter(range(1, 1000))
    typist.timeout.connect(lambda: document.set("summary", "x" * next(typed)))
    typist.start()
    qtbot.waitUntil(lambda: len(saves) >= 3, timeout=3000)
    typist.stop()
    assert saves == sorted(saves, key=len) and len(set(saves)) == len(saves)


def _fill(disk: Path) -> Path:
    """Write to a file on `disk` until the disk is full; the file, to free the room again."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    stopped = 0
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError as error:
        stopped = error.errno or 0
    finally:
        os.close(fd)
    assert stopped == errno.ENOSPC
    return filler


def _shows(widget: QWidget) -> list[QEvent.Type]:
    """Records each time `widget` is shown."""
    shown: list[QEvent.Type] = []

    class Watcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
            if event.type() == QEvent.Type.Show:
                shown.append(event.type())
            return False

    watcher = Watcher(widget)
    widget.installEventFilter(watcher)
    return shown


def test_a_full_data_disk_is_said_once_in_a_streak_and_its_end_too(
    qtbot: QtBot,
    sample_bundle: Path,
    full_disk: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(full_disk))  # recovery copies go to a full disk
    # A modal question offscreen would wait forever: closing with edits discards them.
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)
    filler = _fill(full_disk)
    window = MainWindow(ReviewDocument.open(sample_bundle), Settings(str(tmp_path / "s.ini")))
    qtbot.addWidget(window)
    window.autosaver.delay_ms = 50
    warnings = _shows(window.autosave_bar)
    window.show()
    status = window.statusBar()
    assert isinstance(status, ReviewStatusBar)
    title = next(w for w in window.findChildren(QLineEdit) if w.property(FIELD_PROPERTY) == "title")
    for word in (" one", " two", " three"):  # several failed tries, each after typing
        with qtbot.waitSignal(window.autosaver.attempted, timeout=5000):
            qtbot.keyClicks(title, word)
        assert status.state.text() == "Autosave failed: disk full"
    assert window.autosaver.failure == "disk full"
    assert len(warnings) == 1 and window.autosave_bar.isVisible()
    assert "Crash protection is off" in window.autosave_bar.message.text()
    assert recovery.find(sample_bundle) is None

    filler.unlink()  # room again: the next try writes the copy, without another edit
    with qtbot.waitSignal(window.autosaver.autosaved, timeout=5000):
        pass
    assert status.currentMessage() == "Autosave works again"
    assert status.state.text() == "Modified · autosaved just now"
    assert window.autosave_bar.isHidden() and window.autosaver.failure is None
    found = recovery.find(sample_bundle)
    assert found is not None and found.review.title.endswith("one two three")

    recovery.discard(sample_bundle)
    filler = _fill(full_disk)  # full again: a new streak warns again, once
    for word in (" four", " five"):
        with qtbot.waitSignal(window.autosaver.attempted, timeout=5000):
            qtbot.keyClicks(title, word)
    assert status.state.text() == "Autosave failed: disk full"
    assert len(warnings) == 2


def test_a_read_only_data_folder_is_said_in_plain_words(
    qtbot: QtBot, sample_bundle: Path, read_only_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(read_only_folder))  # a read-only mount
    document = ReviewDocument.open(sample_bundle)
    saver = Autosaver(document, delay_ms=50)
    status = ReviewStatusBar(document, saver)
    qtbot.addWidget(status)
    with qtbot.waitSignal(saver.failed, timeout=5000) as failed:
        document.set("summary", "Typed, not saved")
    assert failed.args == ["read-only disk"]
    assert status.state.text() == "Autosave failed: read-only disk"
    assert "Crash protection is off" in status.state.toolTip()
