"""The assembled window, driven as a writer would."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle, recovery
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.panes.metadata_pane import MetadataPane
from reviewdesk.ui.settings import Settings


@pytest.fixture
def window(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    # A modal question offscreen would wait forever: answer "discard" unless a test asks.
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)
    document = ReviewDocument.open(sample_bundle)
    main = MainWindow(document, Settings(str(tmp_path / "settings.ini")))
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.preview.ready, timeout=30_000):
        main.show()
    yield main
    document.undo_stack.setClean()  # nothing to ask when the test closes it


def metadata(window: MainWindow) -> MetadataPane:
    pane = window.findChild(MetadataPane)
    assert pane is not None
    return pane


def test_typing_a_title_updates_model_preview_and_modified_marker(
    qtbot: QtBot, window: MainWindow
) -> None:
    title = metadata(window).title
    title.selectAll()
    with qtbot.waitSignal(window.preview.rendered, timeout=10_000):
        qtbot.keyClicks(title, "Hands on with Wrenfall")
    assert window.document.review.title == "Hands on with Wrenfall"
    assert window.preview.run_js("document.querySelector('h1').textContent.trim()") == (
        "Hands on with Wrenfall"
    )
    assert window.isWindowModified()
    assert window.windowTitle().startswith("Hands on with Wrenfall")


def test_undo_across_panes_and_save(qtbot: QtBot, window: MainWindow) -> None:
    pane = metadata(window)
    pane.category.selectAll()
    qtbot.keyClicks(pane.category, "Models")
    window.document.set("pros", ["Only one"], merge=False)
    window.document.undo_stack.undo()
    assert window.document.review.pros[0] == "Fast on ordinary laptops, even without a GPU"
    assert window.files.save()
    assert not window.isWindowModified()
    assert window.document.folder is not None
    assert bundle.load(window.document.folder).category == "Models"


def test_closing_with_unsaved_changes_asks(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[1]))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", answer)
    window.document.set("summary", "Changed")
    window.close()
    assert asked == ["Save changes?"]
    assert window.isVisible()


def test_a_problem_brings_up_its_pane(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.problems.counted, timeout=5000):
        window.document.set("pros", ["Only one pro"], merge=False)
        window.document.set("cons", [], merge=False)
    item = window.problems.item(0)
    assert item.text().startswith("pros: give at least two")
    window.problems.itemActivated.emit(item)
    assert window.panes.tabText(window.panes.currentIndex()) == "Pros && cons"


def test_autosaved_changes_are_offered_back(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    lost = window.document.review.model_copy(update={"summary": "Written before the crash"})
    recovery.write(lost, window.document.folder)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    window.files.offer_recovery()
    assert window.document.review.summary == "Written before the crash"
    assert window.isWindowModified()
