"""The window paints before the heavy parts load: importing the app (all that runs before
the first paint) leaves out the web view, the renderer, the exports and the image reader,
which load once the window is up or when first asked for."""

import os
import subprocess
import sys
from pathlib import Path

AFTER_THE_FIRST_PAINT = [
    "PySide6.QtWebEngineWidgets",
    "markdown",
    "jinja2",
    "nh3",
    "reviewdesk.core.live_page",
    "reviewdesk.core.exports.html",
    "imagesize",  # imports urllib.request and ssl
    "jsonschema",
]


def test_starting_the_app_loads_nothing_the_first_paint_does_not_need() -> None:
    code = (
        "import sys, reviewdesk.cli, reviewdesk.ui.app\n"
        f"print([m for m in {AFTER_THE_FIRST_PAINT!r} if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_building_the_window_loads_nothing_the_first_paint_does_not_need(tmp_path: Path) -> None:
    """The window as the app builds it before showing it: its checks wait for a pause, so the
    image reader is not loaded to measure the hero before the window paints."""
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from reviewdesk.core import user_files\n"
        "from reviewdesk.ui.document import ReviewDocument\n"
        "from reviewdesk.ui.main_window import MainWindow\n"
        "from reviewdesk.ui.preview.scheme import register_scheme\n"
        "from reviewdesk.ui.settings import Settings\n"
        "register_scheme()\n"
        "app = QApplication([])\n"
        "window = MainWindow(ReviewDocument.open(user_files.sample_copy()), Settings())\n"
        f"print([m for m in {AFTER_THE_FIRST_PAINT!r} if m in sys.modules])\n"
    )
    home = {f"XDG_{name}_HOME": str(tmp_path / name) for name in ("DATA", "CONFIG", "CACHE")}
    env = {**os.environ, **home, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert done.stdout.strip() == "[]"
