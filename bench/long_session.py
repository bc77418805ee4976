"""A long editing session: `python -m bench.long_session [--minutes 30] [--x11]`.

The app's real window on a 20,000-word review, driven offscreen as a writer would for the whole
time: typing in the body, undo and redo, reordering the pros with Alt+Up/Down, adding and
removing tags, saving, with the preview following. Every minute it samples the memory (PSS of
the app and its QtWebEngine processes) and the reference counts of None, True and False (a
PySide6 bug once lost references to None on every event-loop call until the interpreter
aborted). It prints a table and says whether memory grew over 10 % after the first 5 minutes,
whether any Qt warning was logged and whether the reference counts drifted downwards."""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, Qt, QTimer, qInstallMessageHandler
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from bench.generate import write_bundle
from bench.qt_app import app_in_a_new_home
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.panes.lists_pane import ListsPane
from reviewdesk.ui.process_stats import pss_mb
from reviewdesk.ui.settings import Settings

STEP_MS = 60  # one action of the script every 60 ms
# What QtWebEngine and the offscreen platform say on every start without a GPU (the tests'
# qt_log_ignore in pyproject.toml): not warnings about the app.
QT_NOISE = ("propagateSizeHints", "Rhi", "RHI", "GL", "Vulkan", "GBM", "GPUInfo", "GpuInfo")


@dataclass(frozen=True)
class Sample:
    minute: float
    pss_mb: float
    refs_none: int
    refs_true: int
    refs_false: int
    actions: int


class Session:
    """Drives the window: each call of `step` is one action a writer takes."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.actions = 0
        self._script: list[Callable[[], None]] = [
            *[self._type] * 20, self._undo, self._redo, self._type_tag, self._remove_tag,
            self._reorder, *[self._type] * 10, self._save,
        ]  # fmt: skip

    def step(self) -> None:
        self._script[self.actions % len(self._script)]()
        self.actions += 1

    def _type(self) -> None:
        self.window.show_field("body")
        QTest.keyClicks(self.window.body.editor.plain_text_edit, "word "[self.actions % 5])

    def _undo(self) -> None:
        self.window.document.undo_stack.undo()

    def _redo(self) -> None:
        self.window.document.undo_stack.redo()

    def _type_tag(self) -> None:
        tags = self.window.document.review.tags
        self.window.document.set("tags", [*tags, f"tag {self.actions}"], merge=False)

    def _remove_tag(self) -> None:
        tags = self.window.document.review.tags
        self.window.document.set("tags", tags[:-1], merge=False)

    def _reorder(self) -> None:
        """Alt+Down then, next time, Alt+Up on the first pro: a list reorder by keyboard."""
        self.window.show_field("pros")
        pane = next(p for p in self.window.findChildren(ListsPane) if "pros" in p.editors)
        pros = pane.editors["pros"].list_widget
        down = (self.actions // len(self._script)) % 2 == 0
        pros.setCurrentRow(0 if down else 1)
        key = Qt.Key.Key_Down if down else Qt.Key.Key_Up
        QTest.keyClick(pros, key, Qt.KeyboardModifier.AltModifier)

    def _save(self) -> None:
        self.window.files.save()


def _settle() -> None:
    """Free what went before the session (widgets awaiting deletion, cycles): the first
    sample counts the session's own objects, and what earlier work leaves to be freed while
    the session runs does not read as references lost (a test suite leaves a lot)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def run(minutes: float, sample_every_s: float, folder: Path) -> tuple[list[Sample], list[str]]:
    """Run the session; the samples and every Qt warning logged."""
    warnings: list[str] = []

    def on_message(kind: object, _context: object, message: str) -> None:
        if not any(noise in message for noise in QT_NOISE):
            warnings.append(f"{kind}: {message}")

    qInstallMessageHandler(on_message)
    review = write_bundle(folder / "review", 20_000, seed=5)
    window = MainWindow(ReviewDocument.open(review), Settings(str(folder / "settings.ini")))
    window.resize(1440, 900)
    window.show()
    loop = QEventLoop()
    window.preview.ready.connect(loop.quit)
    loop.exec()
    edit = window.body.editor.plain_text_edit
    edit.moveCursor(QTextCursor.MoveOperation.End)
    session = Session(window)
    samples: list[Sample] = []
    started = time.monotonic()

    def sample() -> None:
        samples.append(Sample(
            (time.monotonic() - started) / 60, pss_mb(), sys.getrefcount(None),
            sys.getrefcount(True), sys.getrefcount(False), session.actions,
        ))  # fmt: skip

    actor = QTimer(interval=STEP_MS)
    actor.timeout.connect(session.step)
    sampler = QTimer(interval=int(sample_every_s * 1000))
    sampler.timeout.connect(sample)
    _settle()
    sample()
    actor.start()
    sampler.start()
    done = QEventLoop()
    QTimer.singleShot(int(minutes * 60_000), done.quit)
    done.exec()
    actor.stop()
    sampler.stop()
    sample()
    window.document.undo_stack.setClean()
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qInstallMessageHandler(None)
    return samples, warnings


def verdict(samples: Sequence[Sample], warm_minutes: float) -> list[str]:
    """What went wrong, if anything: memory growth over 10 % after `warm_minutes`, a
    reference count falling."""
    problems = []
    warm = [s for s in samples if s.minute >= warm_minutes] or list(samples[-1:])
    growth = (samples[-1].pss_mb - warm[0].pss_mb) / warm[0].pss_mb
    if growth > 0.10:
        problems.append(f"memory grew {growth:.0%} after minute {warm_minutes:g}")
    for name in ("refs_none", "refs_true", "refs_false"):
        if getattr(samples[-1], name) < getattr(samples[0], name) - 1000:
            problems.append(f"{name} fell from {getattr(samples[0], name)}")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--x11", action="store_true", help="use the display in $DISPLAY")
    options = parser.parse_args(argv)
    with app_in_a_new_home(x11=options.x11) as (_app, folder):
        samples, warnings = run(options.minutes, 60, folder)
    print(f"Long session: {options.minutes:g} min, an action every {STEP_MS} ms\n")
    print(f"{'minute':>6} {'actions':>8} {'PSS MiB':>8} {'refs None':>10} {'True':>7} {'False':>7}")
    for s in samples:
        print(f"{s.minute:>6.1f} {s.actions:>8} {s.pss_mb:>8.0f} {s.refs_none:>10} "
              f"{s.refs_true:>7} {s.refs_false:>7}")  # fmt: skip
    problems = verdict(samples, warm_minutes=min(5, options.minutes / 3))
    print("\nQt warnings:", len(warnings), *warnings[:5], sep="\n  ")
    print("verdict:", "; ".join(problems) or "no growth over 10 %, no reference-count drift")
    return 1 if problems or warnings else 0


if __name__ == "__main__":
    sys.exit(main())
