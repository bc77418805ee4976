"""A crash while modified: the app's window, typed into as a writer would, killed with SIGKILL
once its autosave is written; the next window offers the words back and restores them."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle, locks, recovery
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import Settings
from tests.conftest import snapshot

TYPED = "Words typed just before the crash."

# The app's own window, on the offscreen platform, typed into through the body editor.
CRASHING_APP = f"""
import os, signal, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.preview.scheme import register_scheme
from reviewdesk.ui.settings import Settings

register_scheme()
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
app = QApplication([])
window = MainWindow(ReviewDocument.open(Path(sys.argv[1])), Settings(sys.argv[2]))
window.autosaver.autosaved.connect(lambda: os.kill(os.getpid(), signal.SIGKILL))
window.show()

def type_in_body():
    window.show_field("body")
    edit = window.body.editor.plain_text_edit
    edit.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClick(edit, Qt.Key.Key_Return)
    QTest.keyClicks(edit, {TYPED!r})

QTimer.singleShot(0, type_in_body)
app.exec()
print("the app was not killed", file=sys.stderr)
"""


def test_a_killed_app_offers_its_typed_words_to_the_next_window(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(sample_bundle)
    settings = str(tmp_path / "settings.ini")
    crashed = subprocess.run(
        [sys.executable, "-c", CRASHING_APP, str(sample_bundle), settings],
        env=dict(os.environ),  # the temporary XDG homes of tests/conftest.py
        timeout=120,
        capture_output=True,
        text=True,
        check=False,
    )
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr
    after = snapshot(sample_bundle)
    assert after.pop(locks.LOCK_FILE)  # the killed app's "open here" mark, left behind
    assert after == before  # the autosave never writes over the bundle
    found = recovery.find(sample_bundle)
    assert found is not None and found.review.body.endswith(f"\n{TYPED}")

    asked: list[str] = []

    def answer(_parent: object, title: str, text: str, *_rest: object) -> object:
        asked.append(f"{title} {text}")
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    window = MainWindow(ReviewDocument.open(sample_bundle), Settings(settings))
    qtbot.addWidget(window)
    window.files.offer_recovery()  # what the app does once its window is up
    assert len(asked) == 1 and "Recover the changes" in asked[0]
    assert window.document.review.body.endswith(f"\n{TYPED}")
    assert window.body.editor.text() == window.document.review.body
    assert window.isWindowModified()
    assert window.files.save()
    assert bundle.load(sample_bundle).body.endswith(f"\n{TYPED}")
    assert recovery.find(sample_bundle) is None
