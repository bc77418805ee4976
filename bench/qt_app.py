"""The Qt set-up of benchmarks that drive the app's window in their own process."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from reviewdesk.ui.drawing import set_up_drawing
from reviewdesk.ui.preview.scheme import register_scheme
from reviewdesk.ui.ui_thread_collector import UiThreadCollector


@contextmanager
def app_in_a_new_home(*, x11: bool) -> Iterator[tuple[QApplication, Path]]:
    """A QApplication set up as the app's (offscreen unless `x11`), and a temporary folder that
    holds the user's data, settings and caches while it runs."""
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
    if not x11:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    set_up_drawing()  # as the app draws on this machine (a no-op offscreen)
    register_scheme()  # before the application exists
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    UiThreadCollector(app)  # as the app
    with tempfile.TemporaryDirectory() as folder:
        for name in ("DATA", "CONFIG", "CACHE"):
            os.environ[f"XDG_{name}_HOME"] = str(Path(folder) / name.lower())
        yield app, Path(folder)
    app.processEvents()
