"""The app stays responsive under hostile input: whatever a body makes the renderer do, it is
done off the UI thread, and the preview keeps following the writer. bench/hostile_input.py
measures the stalls and delays."""

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from bench.hostile_input import CASES, hostile_bundle
from reviewdesk.core.incremental import IncrementalBody
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import Settings

FIRST_LOAD_MS = 20_000


@pytest.fixture
def render_threads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The thread of every body render."""
    threads: list[str] = []
    update = IncrementalBody.update

    def recorded(self: IncrementalBody, text: str, language: str = "en") -> object:
        threads.append(threading.current_thread().name)
        return update(self, text, language)

    monkeypatch.setattr(IncrementalBody, "update", recorded)
    return threads


def type_at(qtbot: QtBot, window: MainWindow, position: int, typed: str) -> None:
    edit = window.body.editor.plain_text_edit
    cursor = edit.textCursor()
    cursor.setPosition(position)
    edit.setTextCursor(cursor)
    for key in typed:
        qtbot.keyClicks(edit, key)
    shown = f"document.querySelector('#review-body').textContent.includes({typed!r})"
    qtbot.waitUntil(lambda: window.preview.run_js(shown), timeout=10_000)


@pytest.mark.parametrize("case", CASES)
def test_a_hostile_body_is_rendered_off_the_ui_thread_and_the_preview_follows(
    qtbot: QtBot, tmp_path: Path, render_threads: list[str], case: str
) -> None:
    folder, chunk = hostile_bundle(tmp_path / "review", case)
    window = MainWindow(ReviewDocument.open(folder), Settings(str(tmp_path / "settings.ini")))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.preview.ready, timeout=FIRST_LOAD_MS):
        window.show()
    window.show_field("body")
    text = window.body.editor.text()
    end = text.index(chunk) + len(chunk)
    type_at(qtbot, window, text.index("\n\n", end) + 2, "Written after it. ")
    type_at(qtbot, window, end, " typed in it")
    assert window.document.review.body.count("Written after it. ") == 1
    assert render_threads and set(render_threads) == {"preview-render"}
    window.document.undo_stack.setClean()  # closes without asking
