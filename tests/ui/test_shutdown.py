"""SIGTERM, SIGINT and SIGHUP end the real app cleanly: the typed words in the recovery copy,
the lock released, the bundle as it was, and no question asked."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reviewdesk.core import locks, recovery
from tests.conftest import snapshot

# The app as `reviewdesk BUNDLE` starts it, its window typing at the end of the body once shown and
# then sending itself the signal given.
SIGNALLED_APP = """
import os, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from reviewdesk.ui import app

folder, number = Path(sys.argv[1]), int(sys.argv[2])
Window = app.MainWindow

class Typed(Window):
    def showEvent(self, event):
        super().showEvent(event)
        QTimer.singleShot(300, self.type_then_signal)

    def type_then_signal(self):
        try:
            edit = self.body.editor.plain_text_edit
            edit.setFocus()
            edit.moveCursor(QTextCursor.MoveOperation.End)
            QTest.keyClicks(edit, " typed")
        except BaseException:
            os._exit(3)  # say so, rather than wait for a signal that never comes
        os.kill(os.getpid(), number)

app.MainWindow = Typed
sys.exit(app.run(folder))
"""


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_ends_the_app_cleanly_keeping_the_typed_words(
    sample_bundle: Path, number: int
) -> None:
    before = snapshot(sample_bundle)
    run = subprocess.run(
        [sys.executable, "-c", SIGNALLED_APP, str(sample_bundle), str(int(number))],
        env=dict(os.environ),  # the temporary XDG homes of tests/conftest.py
        timeout=60,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert snapshot(sample_bundle) == before  # no lock left, nothing saved over the bundle
    assert not (sample_bundle / locks.LOCK_FILE).exists()
    found = recovery.find(sample_bundle)
    assert found is not None and found.review.body.endswith(" typed")
    settings = Path(os.environ["XDG_CONFIG_HOME"]) / "ReviewDesk" / "ReviewDesk.ini"
    assert "geometry=" in settings.read_text(encoding="utf-8")  # the window's place, kept
