"""Edit ▸ Preferences ▸ Appearance on a plain X11 session: the xcb platform on a real X server,
with no desktop theme, where Qt's own request for a colour scheme does nothing."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reviewdesk.ui.preferences import PreferencesDialog
from reviewdesk.ui.settings import Settings
from tests.missing_tools import require

# Choose each look in the dialog with the keyboard, as a writer does, and report the window's
# colour once it is shown.
XCB_LOOKS = """
import json, sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from reviewdesk.ui.preferences import PreferencesDialog, apply_preferences
from reviewdesk.ui.settings import APPEARANCE, Settings

app = QApplication(sys.argv[:1])
settings = Settings(sys.argv[1])
window = QPlainTextEdit("A review")
window.show()

def lightness():
    return window.palette().color(QPalette.ColorRole.Window).lightness()

def choose(*keys):
    before = lightness()
    dialog = PreferencesDialog(settings, 10, window)
    dialog.accepted.connect(lambda: apply_preferences(settings, window))
    dialog.show()
    dialog.appearance.setFocus()
    for key in keys:
        QTest.keyClick(dialog.appearance, key)
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    for _ in range(100):  # each widget is told of the new palette by an event
        if lightness() != before:
            break
        app.processEvents()
    return lightness()

looks = {"platform": app.platformName(), "start": lightness()}
looks["dark"] = choose(Qt.Key.Key_End)
looks["light"] = choose(Qt.Key.Key_Home, Qt.Key.Key_Down)
looks["dark again"] = choose(Qt.Key.Key_End)
looks["system"] = choose(Qt.Key.Key_Home)
looks["saved"] = settings.get(APPEARANCE)
print(json.dumps(looks))
"""


def test_dark_and_light_switch_the_window_on_plain_x11(tmp_path: Path) -> None:
    require("Xvfb", shutil.which("xvfb-run"))
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "QT_QPA_PLATFORMTHEME": ""}
    run = subprocess.run(
        ["xvfb-run", "-a", sys.executable, "-c", XCB_LOOKS, str(tmp_path / "settings.ini")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    looks = json.loads(run.stdout.splitlines()[-1])
    assert looks["platform"] == "xcb"
    assert looks["start"] > 200  # Qt's own light look on plain X11
    assert looks["dark"] < 80 and looks["dark again"] < 80
    assert looks["light"] > 200
    assert looks["system"] == looks["start"]
    assert looks["saved"] == "system"


def test_the_reviews_folder_is_chosen_in_the_preferences(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings(str(tmp_path / "settings.ini"))
    dialog = PreferencesDialog(settings, 10)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.reviews_folder.text() == str(settings.reviews_folder())
    dialog.reviews_folder.clear()
    qtbot.keyClicks(dialog.reviews_folder, str(tmp_path / "My reviews"))
    qtbot.keyClick(dialog.reviews_folder, Qt.Key.Key_Return)
    assert settings.reviews_folder() == tmp_path / "My reviews"
    assert settings.library_folders()[0] == tmp_path / "My reviews"  # the library lists it first
