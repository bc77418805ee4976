"""A crash while modified: the app's window, typed into as a writer would, killed with SIGKILL
once its autosave is written; the next window offers the words back and restores them."""

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle, locks, recovery
from reviewdesk.ui.app import open_window
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


def test_a_killed_app_offers_its_typed_words_at_the_next_start(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path
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

    # The next start, with no review named: the window opens on the crashed one and asks.
    window = open_window(None, Settings(settings))
    qtbot.addWidget(window, before_close_func=lambda _: window.document.undo_stack.setClean())
    window.show()
    assert window.document.folder == sample_bundle
    box = offered(qtbot, window)
    assert box.text() == f"Unsaved changes to “{found.review.title}” from {saved_when(found)}"
    assert sorted(b.text() for b in box.buttons()) == ["Discard", "Later", "Restore"]
    click(qtbot, box, "Restore")
    qtbot.waitUntil(lambda: window.body.editor.text().endswith(f"\n{TYPED}"))
    assert window.document.review.body == window.body.editor.text()
    assert window.isWindowModified()
    assert window.files.save()
    assert bundle.load(sample_bundle).body.endswith(f"\n{TYPED}")
    assert recovery.of(sample_bundle) == [] and recovery.pending() == []


def offered(qtbot: QtBot, window: MainWindow) -> QMessageBox:
    """The recovery question the window puts up once it is shown."""
    qtbot.waitUntil(lambda: window.files.recovery_offer is not None, timeout=30_000)
    offer = window.files.recovery_offer
    assert offer is not None
    qtbot.waitUntil(lambda: offer.box is not None and offer.box.isVisible(), timeout=30_000)
    assert offer.box is not None
    return offer.box


def click(qtbot: QtBot, box: QMessageBox, text: str) -> None:
    (button,) = [b for b in box.buttons() if b.text() == text]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def saved_when(found: recovery.Recovered) -> str:
    return found.saved_at.astimezone().strftime("%H:%M")  # the copy was made today


# The app's window typing a key every 100 ms into the body until it is killed, printing each
# autosave's time and how many keys the copy holds.
TYPING_APP = """
import sys, time
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
window.show()
edit = window.body.editor.plain_text_edit
typed = 0

def report():
    print(f"autosaved {time.monotonic()} {typed}", flush=True)

def type_a_key():
    global typed
    QTest.keyClicks(edit, "ab"[typed % 2])
    typed += 1
    print(f"typed {time.monotonic()} {typed}", flush=True)

def start():
    window.show_field("body")
    edit.moveCursor(QTextCursor.MoveOperation.End)
    window.autosaver.autosaved.connect(report)
    typist.start()

typist = QTimer(interval=100)
typist.timeout.connect(type_a_key)
QTimer.singleShot(0, start)
app.exec()
"""
RUNS = 20


def test_killed_at_random_moments_while_typing_the_next_start_recovers_the_last_autosave(
    sample_bundle: Path, tmp_path: Path
) -> None:
    rng = random.Random(20)
    original = bundle.load(sample_bundle).body
    recovered = 0
    for run in range(RUNS):
        recovery.discard(sample_bundle)
        with subprocess.Popen(
            [sys.executable, "-c", TYPING_APP, str(sample_bundle), str(tmp_path / "s.ini")],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        ) as child:  # fmt: skip
            assert child.stdout is not None
            lines = [child.stdout.readline()]  # the first key
            assert lines[0].startswith("typed"), lines[0]
            crash_at = float(lines[0].split()[1]) + rng.uniform(0.2, 7.5)
            while float(lines[-1].split()[1]) < crash_at:  # a crash comes when it comes
                lines.append(child.stdout.readline())
            child.send_signal(signal.SIGKILL)
            lines += child.stdout.read().splitlines()
        events = [(kind, float(at), int(n)) for kind, at, n in (line.split() for line in lines)]
        keys = [(at, n) for kind, at, n in events if kind == "typed"]
        saves = [(at, n) for kind, at, n in events if kind == "autosaved"]
        found = recovery.find(sample_bundle)
        if not saves:  # killed before the first autosave could come (3 s after the first key)
            assert keys[-1][0] - keys[0][0] < 3.5, run
            continue
        assert found is not None, run
        held = found.review.body.removeprefix(original)
        assert held == "ab" * (saves[-1][1] // 2) + "a" * (saves[-1][1] % 2), run
        last_key = keys[-1][0]
        assert last_key - saves[-1][0] <= 5, run  # the copy is never more than 5 s behind
        recovered += 1
    assert recovered >= RUNS // 2  # most crashes came after an autosave, as intended
