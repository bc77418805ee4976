"""Qt tests run offscreen; QtWebEngine needs its flags and shared GL contexts set before the
QApplication exists."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401 (must precede the app)
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.ui.preview.scheme import register_scheme
from reviewdesk.ui.ui_thread_collector import UiThreadCollector
from tests.ui.system_browser import system_browser

if TYPE_CHECKING:
    from reviewdesk.ui.main_window import MainWindow

__all__ = ["system_browser"]

register_scheme()
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


@pytest.fixture(autouse=True)
def _widgets_go_before_the_app(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """qtbot closes each test's widgets with deleteLater, which only a running event loop
    carries out; a web view left for the QApplication's exit makes QtWebEngine warn.

    qtbot holds its widgets weakly: a widget the test held in a local, once the test returned,
    was held by reference cycles alone (its parts' closures), and Python's cycle collector
    deleted it, web view and all, from inside a collection: QtWebEngine's QML side crashed in
    its destructor there (a segmentation fault in QQmlData::destroyed, one run in five of the
    preview tests). Each widget is held here until qtbot has deleted it, as the app holds
    its windows (its dialogs delete themselves on close)."""
    held: list[QWidget] = []
    add = QtBot.addWidget

    def add_and_hold(bot: QtBot, widget: QWidget, **options: Any) -> None:
        held.append(widget)
        add(bot, widget, **options)

    monkeypatch.setattr(QtBot, "addWidget", add_and_hold)
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    held.clear()


@pytest.fixture(scope="session", autouse=True)
def _collected_in_the_ui_thread(qapp: QApplication) -> None:
    """As the app does: Python's cycle collector runs in the UI thread only."""
    UiThreadCollector(qapp)


@pytest.fixture
def app_heap_only() -> Iterator[None]:
    """For a test that times the UI thread's stalls: the objects of the tests run before it
    are left out of Python's cycle collection, as a new app process has none. A full
    collection of a test process late in the suite takes some 250 ms (338,000 objects after
    669 UI tests), and came in a stall measured (359 ms, CI); of the app's own heap 15-27 ms
    (72,000-77,000 objects, at 2,000 and 100,000 words)."""
    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()


@pytest.fixture(autouse=True)
def _an_application(qapp: QApplication) -> None:
    """Every UI object lives in an application, as in the app: a document's timers need one."""


@pytest.fixture
def active_window(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    """The main window on the sample, shown and active as a writer's is, for keys sent
    through it; edits left when it closes are not saved."""
    from reviewdesk.ui.document import ReviewDocument  # noqa: PLC0415 (loaded for it alone)
    from reviewdesk.ui.main_window import MainWindow  # noqa: PLC0415
    from reviewdesk.ui.settings import Settings  # noqa: PLC0415

    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)
    window = MainWindow(ReviewDocument.open(sample_bundle), Settings(str(tmp_path / "s.ini")))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window
