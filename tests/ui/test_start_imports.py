"""The window paints before the heavy parts load: importing the app (all that runs before
the first paint) leaves out the web view, the renderer, the exports, the image reader, spell
checking and the importer, which load once the window is up or when first asked for; and
what it loads by its first paint is the list in first_paint_imports.txt, no more and no less:
each module costs start-up time before the writer sees anything, so one added to the way up
(or taken off it) is a decision, made by updating the list with
`QT_QPA_PLATFORM=offscreen python -m bench.first_paint_imports --write` and saying why in the
commit."""

import os
import subprocess
import sys
from pathlib import Path

from bench.first_paint_imports import FIRST_PAINT_LIST, ROOT

AFTER_THE_FIRST_PAINT = [
    "PySide6.QtWebEngineCore",  # its scheme is declared as the preview is made
    "PySide6.QtWebEngineWidgets",
    "markdown",
    "jinja2",
    "nh3",
    "reviewdesk.core.live_page",
    "reviewdesk.core.exports.html",
    "imagesize",  # imports urllib.request and ssl
    "jsonschema",
    "enchant",  # the dictionary opens once the window has painted
    "babel",
    "markupsafe",
    "reviewdesk.core.importer",
    "reviewdesk.cli_commands",
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
        "from reviewdesk.ui.settings import Settings\n"
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


def test_the_window_loads_before_its_first_paint_the_modules_listed(tmp_path: Path) -> None:
    """The app as a writer starts it, in a process of its own, on the sample review."""
    env = dict(os.environ, HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    for name in ("data", "config", "cache"):
        env[f"XDG_{name.upper()}_HOME"] = str(tmp_path / name)
    done = subprocess.run(
        [sys.executable, "-m", "bench.first_paint_imports"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    loaded = done.stdout.splitlines()
    listed = FIRST_PAINT_LIST.read_text(encoding="utf-8").splitlines()
    assert "reviewdesk.ui.main_window" in loaded  # the way up, as the app takes it
    assert not set(listed) & set(AFTER_THE_FIRST_PAINT)
    added, gone = sorted(set(loaded) - set(listed)), sorted(set(listed) - set(loaded))
    assert (added, gone) == ([], []), "now loaded before the first paint / no longer"
