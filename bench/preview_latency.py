"""Preview latency: `python -m bench.preview_latency [--sizes 2000,20000,100000] [--keys 40]
[--seconds 60] [--x11]`.

For each body size, in the app's real window, with the live preview (patching the page) and
with the baseline (the first approach: the whole page rendered on the UI thread and reloaded
after a 150 ms pause), typing in the middle of the body:

- keystroke to preview: from the key event in the body editor until the preview's DOM holds
  the new text (each key typed once the page shows the one before); median and 95th
  percentile;
- UI time a key: how long the UI thread spends handling one key event (the editor, the undo
  step, every listener), median;
- longest stall: during a scripted typing run of `--seconds` (a key every 80 ms, a 400 ms
  pause after each word, as a writer types), the longest the UI thread did not get to a 2 ms
  heartbeat timer.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest

from bench.generate import write_bundle
from bench.qt_app import app_in_a_new_home
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import Settings

TYPED = "quick brown words "
KEY_EVERY_MS = 80
PAUSE_AFTER_WORD_MS = 400
HEARTBEAT_MS = 2


@dataclass(frozen=True)
class Result:
    words: int
    approach: str
    latency_median: float
    latency_p95: float
    ui_key_median: float
    longest_stall: float


def wait_for(signal: object, timeout_ms: int = 30_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)  # type: ignore[attr-defined]


def open_window(folder: Path, settings: Path, live: bool) -> MainWindow:
    window = MainWindow(ReviewDocument.open(folder), Settings(str(settings)), live_preview=live)
    window.resize(1440, 900)
    window.show()
    wait_for(window.preview.ready)
    window.show_field("body")
    edit = window.body.editor.plain_text_edit
    text = edit.toPlainText()
    cursor = edit.textCursor()
    cursor.setPosition(text.index("\n\n", len(text) // 2) + 2)  # a paragraph mid-body
    edit.setTextCursor(cursor)
    edit.setFocus()
    return window


def measure_latency(window: MainWindow, keys: int) -> tuple[list[float], list[float]]:
    """(keystroke to preview, UI time of the key event) in ms, per key."""
    edit = window.body.editor.plain_text_edit
    latencies, ui_times = [], []
    for index in range(keys):
        char = TYPED[index % len(TYPED)]
        timer = QElapsedTimer()
        timer.start()
        QTest.keyClicks(edit, char)
        ui_times.append(timer.nsecsElapsed() / 1e6)
        wait_for(window.preview.rendered)
        latencies.append(timer.nsecsElapsed() / 1e6)
    marker = "".join(TYPED[i % len(TYPED)] for i in range(keys))[-12:]
    shown = window.preview.run_js(f"document.body.textContent.includes({marker!r})")
    if not shown:
        raise RuntimeError("the preview does not show what was typed")
    return latencies, ui_times


def longest_stall(window: MainWindow, seconds: float) -> float:
    """Type a key every KEY_EVERY_MS for `seconds`; the longest gap between heartbeats."""
    edit = window.body.editor.plain_text_edit
    beat = QElapsedTimer()
    beat.start()
    gaps = [0.0]

    def heartbeat() -> None:
        gaps.append(beat.nsecsElapsed() / 1e6)
        beat.restart()

    keys = iter(range(10**9))
    heart = QTimer(interval=HEARTBEAT_MS, timerType=Qt.TimerType.PreciseTimer)
    heart.timeout.connect(heartbeat)
    typist = QTimer(singleShot=True, timerType=Qt.TimerType.PreciseTimer)

    def type_a_key() -> None:
        char = TYPED[next(keys) % len(TYPED)]
        QTest.keyClicks(edit, char)
        typist.start(PAUSE_AFTER_WORD_MS if char == " " else KEY_EVERY_MS)

    typist.timeout.connect(type_a_key)
    heart.start()
    typist.start(KEY_EVERY_MS)
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    typist.stop()
    heart.stop()
    return max(gaps[1:]) if len(gaps) > 1 else 0.0


def measure(words: int, live: bool, keys: int, seconds: float, home: Path) -> Result:
    folder = write_bundle(home / f"review-{words}-{live}", words, seed=1)
    window = open_window(folder, home / "settings.ini", live)
    try:
        latencies, ui_times = measure_latency(window, keys)
        stall = longest_stall(window, seconds)
    finally:
        window.document.undo_stack.setClean()
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    latencies.sort()
    return Result(
        words,
        "live patch" if live else "baseline reload",
        statistics.median(latencies),
        latencies[min(len(latencies) - 1, round(len(latencies) * 0.95))],
        statistics.median(ui_times),
        stall,
    )


def table(results: Sequence[Result]) -> str:
    head = (f"{'words':>7}  {'approach':<16} {'key→preview median':>19} {'p95':>7} "
            f"{'UI time/key':>12} {'longest stall':>14}")  # fmt: skip
    rows = [head, "-" * len(head)]
    for r in results:
        rows.append(
            f"{r.words:>7,}  {r.approach:<16} {r.latency_median:>16.1f} ms {r.latency_p95:>4.0f} ms"
            f" {r.ui_key_median:>9.2f} ms {r.longest_stall:>11.0f} ms"
        )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="2000,20000,100000")
    parser.add_argument("--keys", type=int, default=40, help="keys timed one by one")
    parser.add_argument("--seconds", type=float, default=60, help="the typing run's length")
    parser.add_argument("--x11", action="store_true", help="use the display in $DISPLAY")
    options = parser.parse_args(argv)
    sizes = [int(size) for size in options.sizes.split(",")]
    results = []
    with app_in_a_new_home(x11=options.x11) as (_app, folder):
        for words in sizes:
            for live in (True, False):
                started = time.perf_counter()
                results.append(measure(words, live, options.keys, options.seconds, folder))
                print(f"  {words:,} words, {results[-1].approach}: "
                      f"{time.perf_counter() - started:.0f} s", file=sys.stderr)  # fmt: skip
    platform = "X11 ($DISPLAY)" if options.x11 else "offscreen"
    print(f"Preview latency, typing mid-body, {options.keys} keys timed one by one, "
          f"{options.seconds:g} s typing run (a key every {KEY_EVERY_MS} ms, "
          f"{PAUSE_AFTER_WORD_MS} ms between words), {platform}\n")  # fmt: skip
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
