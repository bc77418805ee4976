"""The window on a real X server with a window manager, as a writer's desktop shows it: all of
it, title bar to status bar, is on the screen, whatever size it was given or remembered."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reviewdesk.ui.main_window import FRAME_ROOM
from tests.missing_tools import require

# Start a window manager, open the window (first start, or a remembered size taller than the
# screen), wait until it is framed and settled, and report where its frame is.
FRAMED_WINDOW = """
import json, subprocess, sys, time
from PySide6.QtCore import QByteArray, QElapsedTimer
from PySide6.QtWidgets import QApplication
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import WINDOW_GEOMETRY, Settings

manager = subprocess.Popen(["openbox"], stderr=subprocess.DEVNULL)
try:
    time.sleep(1)  # openbox takes the screen: no Qt signal can say when
    app = QApplication(sys.argv[:1])
    settings = Settings(sys.argv[2])
    if sys.argv[3] == "remembered":
        tall = MainWindow(ReviewDocument.open(sys.argv[1]), settings)
        tall.setGeometry(0, 0, 1400, 1300)
        settings.set(WINDOW_GEOMETRY, tall.saveGeometry())
        tall.deleteLater()
    window = MainWindow(ReviewDocument.open(sys.argv[1]), settings)
    window.show()
    clock = QElapsedTimer()
    clock.start()
    while clock.elapsed() < 4000:  # framed, fitted (it waits for the frame), then settled
        app.processEvents()
    frame, screen = window.frameGeometry(), window.screen().availableGeometry()
    print(json.dumps({
        "frame": [frame.left(), frame.top(), frame.right(), frame.bottom()],
        "inside": window.geometry().height(),
        "screen": [screen.left(), screen.top(), screen.right(), screen.bottom()],
        "status bar": window.statusBar().mapTo(window, window.statusBar().rect().bottomLeft()).y(),
    }))
finally:
    manager.kill()
"""


@pytest.mark.parametrize("start", ["first", "remembered"])
def test_the_whole_window_is_on_a_1440x900_screen(
    sample_bundle: Path, tmp_path: Path, start: str
) -> None:
    require("Xvfb", shutil.which("xvfb-run"))
    require("Openbox", shutil.which("openbox"))
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path)}
    settings = tmp_path / "settings.ini"
    script = [sys.executable, "-c", FRAMED_WINDOW, str(sample_bundle), str(settings), start]
    run = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1440x900x24", *script],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    seen = json.loads(run.stdout.splitlines()[-1])
    left, top, right, bottom = seen["frame"]
    assert seen["screen"] == [0, 0, 1439, 899]
    assert bottom - top + 1 > seen["inside"]  # framed: a title bar above the window's inside
    assert left >= 0 and top >= 0 and right <= 1439 and bottom <= 899
    assert seen["status bar"] < seen["inside"]


# Open the window on the screen Xvfb has, let it settle, and remember its layout as closing it
# does; report its size and the screen's.
REMEMBERED_WINDOW = """
import json, os, sys
from PySide6.QtCore import QElapsedTimer
from PySide6.QtWidgets import QApplication
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import Settings

app = QApplication(sys.argv[:1])
window = MainWindow(ReviewDocument.open(sys.argv[1]), Settings(sys.argv[2]), live_preview=False)
window.show()
clock = QElapsedTimer()
clock.start()
while clock.elapsed() < 1500:
    app.processEvents()
size, screen = window.size(), window.screen().availableGeometry()
window.remember_layout()
window.lock.release()
print(json.dumps({
    "size": [size.width(), size.height()], "screen": [screen.width(), screen.height()]
}))
"""


def test_a_window_remembered_on_a_screen_of_another_size_fills_this_one(
    sample_bundle: Path, tmp_path: Path
) -> None:
    """A laptop's screen after a monitor's, and back: Qt restores no geometry saved on a
    screen of another size, and the window was left at its smallest (682x407 on 1024x700),
    remembered so on every screen after."""
    require("Xvfb", shutil.which("xvfb-run"))
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path)}
    script = [sys.executable, "-c", REMEMBERED_WINDOW, str(sample_bundle), str(tmp_path / "s.ini")]
    sizes = []
    for screen in ("1440x900", "1024x700", "1440x900"):
        run = subprocess.run(
            ["xvfb-run", "-a", "-s", f"-screen 0 {screen}x24", *script],
            env=env,
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )
        assert run.returncode == 0, run.stderr[-2000:]
        seen = json.loads(run.stdout.splitlines()[-1])
        assert seen["screen"] == [int(n) for n in screen.split("x")]
        sizes.append(tuple(seen["size"]))
    first_start, smaller, larger_again = sizes
    assert first_start == (1440 - FRAME_ROOM, 900 - FRAME_ROOM)
    assert smaller == (1024 - FRAME_ROOM, 700 - FRAME_ROOM)  # as a first start there
    assert larger_again == first_start
