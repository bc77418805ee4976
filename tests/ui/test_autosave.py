from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from reviewdesk.core import recovery
from reviewdesk.ui.autosave import Autosaver
from reviewdesk.ui.document import ReviewDocument
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
