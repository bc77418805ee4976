"""The library window on a large library: `python -m bench.library_window [--reviews N]
[--words N] [--x11]` (with --x11, on the display in $DISPLAY: run it under `xvfb-run -a` to
measure as writers run it, on the xcb platform).

The library is bench.library's (generated once into the user's cache). In one process, as the
app runs: a main window on one review first (the baseline a writer has), then the library
window opened on an empty index (the first start of the library), closed, opened again on the
index it made (every later start), and a run of searches typed into it. Measured:

- until the list is full: the first listing of a new index is what its refresh read; a later
  start lists what the index holds at once, then looks at the files;
- the time to build and show the window, then the longest the UI thread stalled (missed a
  5 ms heartbeat) while the index was made or refreshed off the UI thread and listed;
- each search, from the query given to the found reviews listed, the first 60 with the words
  around their match (median and slowest), and to every hit's words (median);
- the memory (RSS) the process holds with the library open and listed, above the main window
  on one review."""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QTimer

from bench.library import QUERIES, REVIEWS, WORDS, prepare
from bench.qt_app import app_in_a_new_home
from reviewdesk.core.library_index import LibraryIndex
from reviewdesk.core.model import Review
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.library.index_worker import Found, Listed
from reviewdesk.ui.library.library_commands import LibraryHost
from reviewdesk.ui.library.library_window import LibraryWindow
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import Settings

HEARTBEAT_MS = 5
TITLE = "Reviews library window"


class Stalls:
    """The longest gap between two ticks of a 5 ms timer: what the UI thread could not do."""

    def __init__(self) -> None:
        self._clock = QElapsedTimer()
        self._timer = QTimer(interval=HEARTBEAT_MS)
        self._timer.timeout.connect(self._tick)
        self.longest = 0.0

    def start(self) -> None:
        self.longest = 0.0
        self._clock.start()
        self._timer.start()

    def _tick(self) -> None:
        self.longest = max(self.longest, self._clock.restart() - HEARTBEAT_MS)

    def stop(self) -> float:
        self._timer.stop()
        return max(0.0, self.longest)


def wait_for(condition: Callable[[], bool], seconds: float = 300) -> None:
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    deadline = time.perf_counter() + seconds
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the library did not answer")
        QApplication.processEvents()
        time.sleep(0.001)


def rss_mib() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / (1 << 20)


def open_library(
    host: LibraryHost, library: Path, stalls: Stalls
) -> tuple[LibraryWindow, dict[str, float]]:
    """A library window shown, until its list is full (a refreshed listing)."""
    found: dict[str, float] = {}
    started = time.perf_counter()
    window = LibraryWindow(host, lambda: [library], LibraryIndex.open_default)

    def listed(result: Listed) -> None:
        moment = (time.perf_counter() - started) * 1000
        if result.entries and "first_list_ms" not in found:
            found["first_list_ms"] = moment
        if result.refreshed:
            found.setdefault("full_ms", moment)

    window.worker.listed.connect(listed)
    window.show()
    found["shown_ms"] = (time.perf_counter() - started) * 1000
    stalls.start()  # from here on the window is up, and the index works off the UI thread
    wait_for(lambda: "full_ms" in found and window.model.rowCount() > 0)
    found["stall_ms"] = stalls.stop()
    found["rows"] = window.model.rowCount()
    return window, found


def searches(window: LibraryWindow, queries: Sequence[str], stalls: Stalls) -> dict[str, float]:
    times: list[float] = []
    stalls.start()
    completes: list[float] = []
    answered: dict[str, float] = {}
    completed: dict[str, float] = {}
    asked: dict[str, float] = {}

    def found(result: Found) -> None:
        if result.query in asked:
            since = (time.perf_counter() - asked[result.query]) * 1000
            answered.setdefault(result.query, since)
            if result.complete:
                completed.setdefault(result.query, since)

    window.worker.found.connect(found)
    for query in queries:
        asked[query] = time.perf_counter()
        window.filters.query_changed.emit(query)  # as after the pause in typing
        wait_for(lambda q=query: q in completed, 30)  # type: ignore[misc]
        times.append(answered[query])
        completes.append(completed[query])
    window.worker.found.disconnect(found)
    return {
        "median_ms": statistics.median(times),
        "slowest_ms": max(times),
        "complete_median_ms": statistics.median(completes),
        "stall_ms": stalls.stop(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reviews", type=int, default=REVIEWS)
    parser.add_argument("--words", type=int, default=WORDS)
    parser.add_argument("--x11", action="store_true", help="use the display in $DISPLAY")
    options = parser.parse_args(argv)
    library, _made = prepare(options.reviews, options.words)
    with app_in_a_new_home(x11=options.x11) as (app, home):
        document = ReviewDocument(Review(title="One review open", body="Words.\n" * 200))
        main_window = MainWindow(document, Settings(str(home / "settings.ini")))
        main_window.show()
        wait_for(main_window.isVisible)
        for _ in range(50):  # let the preview's first page settle
            app.processEvents()
            time.sleep(0.02)
        baseline = rss_mib()
        host = LibraryHost(document, lambda _p: True, lambda: True, lambda: True, lambda: home)
        stalls = Stalls()
        first, first_found = open_library(host, library, stalls)
        first_rss = rss_mib()
        first.close()
        gone: list[bool] = []
        first.destroyed.connect(lambda: gone.append(True))
        first.deleteLater()  # its threads stopped and joined before the clock starts again
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        wait_for(lambda: bool(gone))
        again, again_found = open_library(host, library, stalls)
        searched = searches(again, QUERIES, stalls)
        open_rss = rss_mib()
        again.close()
        main_window.document.undo_stack.setClean()
        main_window.close()
    platform = "X11 ($DISPLAY)" if options.x11 else "offscreen"
    print(f"{TITLE}: {options.reviews:,} reviews of {options.words:,} words, {platform}\n")
    print(f"{'measure':<52} {'result':>12}  target")
    print("-" * 78)
    rows = [
        ("first open: window built and shown", f"{first_found['shown_ms']:.0f} ms", ""),
        ("first open (no index): list full", f"{first_found['full_ms'] / 1000:.2f} s", "≤ 10 s"),
        ("  longest UI stall meanwhile", f"{first_found['stall_ms']:.0f} ms", "≤ 50 ms"),
        ("reopen: window built and shown", f"{again_found['shown_ms']:.0f} ms", ""),
        ("reopen: first rows shown (from the index)", f"{again_found['first_list_ms']:.0f} ms",
         "≤ 500 ms"),
        ("reopen: list checked against the files", f"{again_found['full_ms']:.0f} ms", ""),
        ("  longest UI stall meanwhile", f"{again_found['stall_ms']:.0f} ms", "≤ 50 ms"),
        (f"search, {len(QUERIES)} queries: median", f"{searched['median_ms']:.0f} ms", "≤ 50 ms"),
        ("  slowest", f"{searched['slowest_ms']:.0f} ms", ""),
        ("  every hit's snippet too: median", f"{searched['complete_median_ms']:.0f} ms", ""),
        ("  longest UI stall meanwhile", f"{searched['stall_ms']:.0f} ms", "≤ 50 ms"),
        ("memory (RSS) above one review open: first open", f"{first_rss - baseline:.0f} MiB",
         "≤ 100 MiB"),
        ("  after reopening and searching", f"{open_rss - baseline:.0f} MiB", "≤ 100 MiB"),
    ]  # fmt: skip
    for measure, result, target in rows:
        print(f"{measure:<52} {result:>12}  {target}")
    print(f"\nrows listed: {int(again_found['rows']):,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
