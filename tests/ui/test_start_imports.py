"""The window paints before the heavy parts load: importing the app (all that runs before
the first paint) leaves out the web view, the renderer, the exports and the image reader,
which load once the window is up or when first asked for."""

import subprocess
import sys

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
