"""Starting the desktop app, and `--smoke-test`: open, wait for the preview, report, exit."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from reviewdesk.core.problems import BundleError
from reviewdesk.ui import start_up
from reviewdesk.ui.color_scheme import apply_chosen_color_scheme
from reviewdesk.ui.drawing import set_up_drawing
from reviewdesk.ui.first_look import read_look
from reviewdesk.ui.first_paint import after_first_paint
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.process_stats import age_s, peak_rss_mb, pss_mb
from reviewdesk.ui.settings import Settings
from reviewdesk.ui.shutdown import CleanShutdown
from reviewdesk.ui.start_memory import release_when
from reviewdesk.ui.ui_thread_collector import UiThreadCollector

if TYPE_CHECKING:
    from reviewdesk.ui.document import ReviewDocument
    from reviewdesk.ui.preview.early_page import EarlyPage

SMOKE_TIMEOUT_MS = 60_000
SMOKE_BAD_BUNDLE = 1


def run(folder: Path | None, *, smoke_test: bool = False, started: float | None = None) -> int:
    """The window, on its review's first look when there is one to show (ui/first_look.py):
    the models, the form and the preview load once it has painted."""
    started = time.perf_counter() - age_s() if started is None else started
    _sandbox_off_for_root()
    set_up_drawing()  # the GPU's way or the CPU's, before the first window
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("ReviewDesk")
    app.setOrganizationName("ReviewDesk")
    UiThreadCollector(app)
    settings = Settings()
    apply_chosen_color_scheme(settings)  # light or dark before any question or window
    window = MainWindow(None, settings)
    smoke = _SmokeTest(window, started) if smoke_test else None  # the window's child
    if not smoke_test:
        CleanShutdown(lambda: _before_exit(window), window)
    look = read_look(start_up.first_folder(folder, settings))

    def show() -> None:
        if smoke is not None:  # its filter the last: the first told of the first paint
            smoke.watch_first_paint()
        window.show()

    refused: list[BundleError] = []  # a smoke test's review that does not load (see _open)

    def assemble(early: EarlyPage | None = None) -> None:
        if look is not None and not window.isVisible():
            return  # closed on its first look
        try:
            open_window(folder, settings, smoke_test=smoke_test, window=window, early=early)
        except BundleError as error:
            refused.append(error)
            for problem in error.problems:
                print(problem, file=sys.stderr)
            QApplication.exit(SMOKE_BAD_BUNDLE)  # in the loop; before it, returned below
            return
        release_when(window.preview.ready, window)
        if smoke is not None:
            smoke.watch_preview()
        if look is None:
            show()

    if look is None:
        assemble()
        if refused:
            return SMOKE_BAD_BUNDLE
    else:
        window.show_first_look(look)
        after_first_paint(window, lambda: _start_preview(window, look.folder, assemble))
        show()
    return app.exec()


def _start_preview(
    window: MainWindow, folder: Path, assemble: Callable[[EarlyPage | None], None]
) -> None:
    """On the first look: the preview, when its page is kept from the last start; then the
    window's parts (see early_page)."""
    place = window.look_page()
    if place is None or not window.isVisible():
        assemble(None)
        return
    from reviewdesk.ui.preview.early_page import start_early_page  # noqa: PLC0415 (after the paint)

    start_early_page(place, folder, assemble)


def _before_exit(window: MainWindow) -> None:
    """What a signal's end keeps: the edits in the recovery copy, the window's layout."""
    if window.assembled:
        window.autosaver.write()
    window.remember_layout()


def open_window(
    folder: Path | None,
    settings: Settings,
    *,
    smoke_test: bool = False,
    window: MainWindow | None = None,
    early: EarlyPage | None = None,
) -> MainWindow:
    """The window on `folder`, or where the writer left off (see start_up): `window`,
    assembled, or a new one; once it is up, what a crash left unsaved is offered (not in a
    smoke test, which no one answers)."""
    start = start_up.choose(folder, settings)
    document = _open(start.folder, ask=not smoke_test, say=not smoke_test)
    if window is None:
        window = MainWindow(document, settings)
    else:
        window.assemble(document, early=early)
    if not smoke_test:
        start_up.begin_once_up(window, start)
    return window


def _sandbox_off_for_root() -> None:
    """QtWebEngine refuses to start its sandbox as root, and the preview with it: the app
    would exit at once. Run as root (a container, a CI job), the sandbox is switched off, and
    said so. Must run before the web engine starts."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if "--no-sandbox" not in flags.split():
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = f"{flags} --no-sandbox".strip()
        print(
            "ReviewDesk: running as root, so the preview's sandbox is off "
            "(QtWebEngine refuses it to root); run as a user to have it",
            file=sys.stderr,
        )


def _open(folder: Path | None, *, ask: bool = True, say: bool = True) -> ReviewDocument:
    """The review in `folder`. `ask`: whether another ReviewDesk's hold on it is asked about;
    `say`: whether a review that does not load is said in a message box (then an empty review
    instead), or raised (a smoke test, which no one answers)."""
    from reviewdesk.core.model import Review  # noqa: PLC0415 (the models: after the first look)
    from reviewdesk.ui.bundle_lock import may_open  # noqa: PLC0415
    from reviewdesk.ui.document import ReviewDocument  # noqa: PLC0415

    if folder is None:  # nothing to go back to: a new review, to type into at once
        return ReviewDocument(Review(title="Untitled review"))
    if ask and not may_open(folder, None):
        return ReviewDocument(Review(title="Untitled review"))
    try:
        return ReviewDocument.open(folder)
    except BundleError as error:
        if not say:
            raise
        QMessageBox.warning(None, "ReviewDesk", f"The review could not be opened.\n\n{error}")
        return ReviewDocument(Review(title="Untitled review"))


class _SmokeTest(QObject):
    """Checks that the window shows and the preview renders the review, then exits."""

    def __init__(self, window: MainWindow, started: float) -> None:
        super().__init__(window)
        self._window, self._started = window, started
        self._shown_ms = 0.0
        QTimer.singleShot(
            SMOKE_TIMEOUT_MS, lambda: self._finish(False, "the preview never rendered")
        )

    def watch_first_paint(self) -> None:
        """Before the window shows. The time is taken once its first paint is done, before
        the work that waits for it (queued after it)."""
        self._window.installEventFilter(self)

    def watch_preview(self) -> None:
        """Once the window has its parts: wait for its preview."""
        self._window.preview.ready.connect(self._preview_ready)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        # Shown means painted: the first paint of the window, measured once it is done (a
        # zero timer queued now runs after the whole window has painted).
        if event.type() == QEvent.Type.Paint and not self._shown_ms:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self._shown)
        return False

    def _shown(self) -> None:
        self._shown_ms = (time.perf_counter() - self._started) * 1000

    def _preview_ready(self) -> None:
        # When the page first showed the review: an early page (preview/early_page.py) shows
        # it before the window's preview says so.
        shown = self._window.preview.first_shown or time.perf_counter()
        self._ready_ms = (shown - self._started) * 1000
        self._window.preview.run_js_async(
            "[document.querySelector('h1').textContent, window.isSecureContext]", self._check
        )

    def _check(self, shown: object) -> None:
        title, secure = shown if isinstance(shown, list) and len(shown) == 2 else (shown, False)
        expected = self._window.document.review.title
        if str(title).strip() != expected:
            self._finish(False, f"the preview shows {title!r}, not {expected!r}")
            return
        if secure is not True:  # the scheme declared after QtWebEngine started: not ours
            self._finish(False, "the preview's page is not a secure context")
            return
        rss_mb = peak_rss_mb()
        report = {
            "window_shown_ms": round(self._shown_ms),
            "preview_ready_ms": round(self._ready_ms),
            "early_page": self._window.preview.started_early,
            "rss_mb": round(rss_mb),
            "pss_total_mb": round(pss_mb()),
        }
        print(json.dumps(report), flush=True)
        self._finish(True, "")

    def _finish(self, ok: bool, problem: str) -> None:
        if problem:
            print(f"smoke test failed: {problem}", file=sys.stderr, flush=True)
        if self._window.assembled:
            self._window.document.undo_stack.setClean()  # nothing to ask on the way out
        QApplication.exit(0 if ok else 1)
