"""The app opening huge input: `python -m bench.huge_input [--seconds 3] [--cases A,B]
[--x11]`.

For each huge review, in the app's real window: the time from opening (reading the bundle
included) until the window is shown (its first paint), until it is usable (a key posted at
that moment has been handled by the field the case is about), and until the preview is ready;
the longest the UI thread stalled (missed a 2 ms heartbeat) while building the window, before
it shows; and the longest stall once it is shown, through the preview's first render, the
first checks and a typing run of `--seconds` (a key every 80 ms) in that field. A review the
core refuses opens as the app opens it then, an empty review, and the table says why. Each
case has a folder of its own; an ordinary review is opened first, unmeasured, so that the
start of the web engine (a stall of about 0.2 s, at every start of the app) is in no row.
Cases: ordinary, tags, beside-tags, title, tags-at-limit, title-at-limit, pros-at-limit,
blocks-at-limit, offers-at-limit, scores-at-limit (their pane first shown after the window's
first paint, by the first key), divs, div-lines (the preview of the last two takes a minute to
render, off the UI thread)."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from bench.generate import make_review
from bench.preview_latency import wait_for
from bench.qt_app import app_in_a_new_home
from reviewdesk.core import bundle
from reviewdesk.core.limits import LIST_ITEMS, NAME_CHARS, TAG_CHARS, TAGS
from reviewdesk.core.model import Review
from reviewdesk.core.problems import BundleError
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import FIELD_PROPERTY
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.panes.tags_pane import TagsPane
from reviewdesk.ui.settings import Settings

HEARTBEAT_MS = 2
KEY_EVERY_MS = 80
NESTED = 50_000


def _yaml(**lines: str) -> str:
    return "format: reviewdesk/1\n" + "".join(f"{key}: {value}\n" for key, value in lines.items())


def _flow(items: Sequence[str]) -> str:
    return "[" + ", ".join(items) + "]"


@dataclass(frozen=True)
class Case:
    label: str
    yaml: str
    body: str
    field: str  # the field typed in: "title", "tags", "body" or a row's ("offers.0.seller")
    sibling: str | None = None  # the review.yaml of a review beside it


_MANY_TAGS = _yaml(title="Many tags", tags=_flow([f"t{i}" for i in range(100_000)]))
_DIVS = "<div>" * NESTED + "deep" + "</div>" * NESTED
_DIV_LINES = "<div>\n" * NESTED + "deep\n" + "</div>\n" * NESTED
_ORDINARY = make_review(2000, seed=3)
_SCORES = _flow([f"{{name: Criterion {i}, value: 3.5}}" for i in range(LIST_ITEMS)])
_OFFERS = _flow(
    [
        f"{{seller: Shop {i}, url: 'https://example.org/{i}', price: {i}.5, "
        "currency: EUR, checked: 2026-04-01}"
        for i in range(LIST_ITEMS)
    ]
)
CASES: dict[str, Case] = {
    "ordinary": Case(
        "a 2,000-word review (to compare)",
        bundle.review_yaml(_ORDINARY),
        _ORDINARY.body,
        "body",
    ),
    "tags": Case("100,000 tags", _MANY_TAGS, "A body.\n", "tags"),
    "beside-tags": Case(
        "beside a review of 100,000 tags",
        _yaml(title="Beside many tags"),
        "A body.\n",
        "tags",
        sibling=_MANY_TAGS,
    ),
    "title": Case("a 1 MB title", _yaml(title="word " * 200_000), "A body.\n", "title"),
    "tags-at-limit": Case(
        f"{TAGS:,} tags of {TAG_CHARS} characters (the limit)",
        _yaml(
            title="Many long tags",
            tags=_flow([f"{i:04} {'x' * (TAG_CHARS - 5)}" for i in range(TAGS)]),
        ),
        "A body.\n",
        "tags",
    ),
    "title-at-limit": Case(
        f"a {NAME_CHARS:,}-character title (the limit)",
        _yaml(title="word " * (NAME_CHARS // 5 - 1) + "final"),
        "A body.\n",
        "title",
    ),
    "pros-at-limit": Case(
        "1,000 pros of 1,000 characters",
        _yaml(title="Many pros", pros=_flow([f"{i:04} {'y' * 995}" for i in range(LIST_ITEMS)])),
        "A body.\n",
        "title",
    ),
    "blocks-at-limit": Case(
        "1,000 of each review block's rows (scores, specs, offers, updates)",
        _yaml(
            title="Every block at its limit",
            scores=_SCORES,
            specs=_flow([f"{{name: Spec {i}, value: {i} GB}}" for i in range(LIST_ITEMS)]),
            offers=_OFFERS,
            updates=_flow([f"{{date: 2026-04-01, note: Note {i}}}" for i in range(LIST_ITEMS)]),
        ),
        "A body.\n",
        "title",
    ),
    "offers-at-limit": Case(
        "1,000 offers, typed in the first",
        _yaml(title="Many offers", offers=_OFFERS),
        "A body.\n",
        "offers.0.seller",
    ),
    "scores-at-limit": Case(
        "1,000 scores, typed in the first",
        _yaml(title="Many scores", scores=_SCORES),
        "A body.\n",
        "scores.0.name",
    ),
    "divs": Case(
        "50,000 nested <div>, one line",
        _yaml(title="Nested divs"),
        f"Intro.\n\n{_DIVS}\n\nAfter.\n",
        "body",
    ),
    "div-lines": Case(
        "50,000 nested <div>, a line each",
        _yaml(title="Nested divs"),
        f"Intro.\n\n{_DIV_LINES}\nAfter.\n",
        "body",
    ),
}


@dataclass(frozen=True)
class Result:
    case: str
    refused: str  # the first line of the refusal, or ""
    shown_ms: float
    usable_ms: float
    ready_ms: float | None
    stall_opening: float
    stall_shown: float


class Heartbeat:
    """Gaps between beats of a 2 ms timer, each with the time it ended (ms since it started)."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.clock.start()
        self._last = 0.0
        self._last_cpu = time.thread_time()
        self.gaps: list[tuple[float, float]] = []
        # The UI thread's own CPU time in each gap: what it was busy with, whatever else
        # the machine ran (a loaded machine stretches a gap, not the work in it).
        self.busy: list[tuple[float, float]] = []
        self._timer = QTimer(interval=HEARTBEAT_MS, timerType=Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._beat)
        self._timer.start()

    def now(self) -> float:
        return self.clock.nsecsElapsed() / 1e6

    def _beat(self) -> None:
        now, cpu = self.now(), time.thread_time()
        self.gaps.append((now, now - self._last))
        self.busy.append((now, (cpu - self._last_cpu) * 1000))
        self._last, self._last_cpu = now, cpu

    def longest(self, since: float, until: float) -> float:
        """The longest the thread went without a beat between `since` and `until`: a gap
        that began before `since` counts from `since` (the opening before it is not a
        stall of the window shown after it)."""
        return max(
            (min(gap, end - since) for end, gap in self.gaps if since < end <= until),
            default=0.0,
        )

    def longest_busy(self, since: float, until: float) -> float:
        """The most CPU time the thread spent without a beat between `since` and `until`,
        a gap that began before `since` counted from `since` at most (as `longest`)."""
        return max(
            (min(busy, end - since) for end, busy in self.busy if since < end <= until),
            default=0.0,
        )

    def stop(self) -> None:
        self._timer.stop()


class _FirstPaint(QObject):
    """Calls `done` once the window's first paint is over."""

    def __init__(self, window: QWidget, done: Callable[[], None]) -> None:
        super().__init__(window)
        self._window, self._done = window, done
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        if event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self._done)  # after the rest of this paint
        return False


def _write(folder: Path, yaml: str, body: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "review.yaml").write_text(yaml, encoding="utf-8")
    (folder / "body.md").write_text(body, encoding="utf-8")
    return folder


def write_case(parent: Path, case: str) -> Path:
    """The case's bundle in a folder of its own (with its sibling, if it has one)."""
    found = CASES[case]
    if found.sibling is not None:
        _write(parent / "sibling", found.sibling, "A body.\n")
    return _write(parent / "review", found.yaml, found.body)


def typed_field(window: MainWindow, field: str) -> QWidget:
    """The input of `field` ("title", "tags", "body", "offers.0.seller"), its pane brought up."""
    window.show_field(field)
    if field == "body":
        return window.body.editor.plain_text_edit
    if field == "tags":
        tags = window.findChild(TagsPane)
        assert tags is not None
        return tags.chips.edit
    pane = window.panes.currentWidget()
    return next(w for w in pane.findChildren(QWidget) if w.property(FIELD_PROPERTY) == field)


def measure(case: str, seconds: float, home: Path) -> Result:
    folder = write_case(home / f"case-{len(list(home.iterdir()))}", case)
    field = CASES[case].field
    heart = Heartbeat()
    QCoreApplication.processEvents()
    started = heart.now()
    refused = ""
    try:
        document = ReviewDocument.open(folder)
    except BundleError as error:  # the app says why and opens an empty review
        refused = str(error.problems[0]).replace(str(folder) + "/", "")
        document = ReviewDocument(Review(title="Untitled review"))
    window = MainWindow(document, Settings(str(home / "settings.ini")))
    times: dict[str, float] = {}
    window.preview.ready.connect(lambda: times.setdefault("ready", heart.now()))

    def shown() -> None:
        times["shown"] = heart.now()
        QTimer.singleShot(0, first_key)

    def first_key() -> None:
        QTest.keyClicks(typed_field(window, field), "x")
        times["usable"] = heart.now()

    _FirstPaint(window, shown)
    window.resize(1440, 900)
    window.show()
    while "usable" not in times:
        QCoreApplication.processEvents()
    target = typed_field(window, field)
    typist = QTimer(interval=KEY_EVERY_MS)
    typist.timeout.connect(lambda: QTest.keyClicks(target, "y"))
    typist.start()
    if "ready" not in times:
        wait_for(window.preview.ready, timeout_ms=60_000)
    end = max(times["usable"], times.get("ready", 0.0)) + seconds * 1000
    while heart.now() < end:
        QCoreApplication.processEvents()
    typist.stop()
    heart.stop()
    try:
        return Result(
            CASES[case].label,
            refused,
            times["shown"] - started,
            times["usable"] - started,
            times["ready"] - started if "ready" in times else None,
            heart.longest(started, times["shown"]),
            heart.longest(times["shown"], end),
        )
    finally:
        window.document.undo_stack.setClean()
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def table(results: Sequence[Result]) -> str:
    head = (f"{'huge input':<42} {'shown':>8} {'usable':>8} {'preview':>8} "
            f"{'stall opening':>14} {'stall shown':>12}  refused")  # fmt: skip
    rows = [head, "-" * len(head)]
    for r in results:
        ready = f"{r.ready_ms:>5.0f} ms" if r.ready_ms is not None else f"{'never':>8}"
        rows.append(
            f"{r.case:<42} {r.shown_ms:>5.0f} ms {r.usable_ms:>5.0f} ms {ready} "
            f"{r.stall_opening:>11.0f} ms {r.stall_shown:>9.0f} ms  {r.refused or 'no'}"
        )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3, help="the typing run's length")
    parser.add_argument("--cases", default=",".join(CASES), help="which, comma-separated")
    parser.add_argument("--x11", action="store_true", help="use the display in $DISPLAY")
    options = parser.parse_args(argv)
    results = []
    with app_in_a_new_home(x11=options.x11) as (_app, home):
        measure("ordinary", 0, home)  # warm-up: the web engine starts
        for case in options.cases.split(","):
            results.append(measure(case, options.seconds, home))
            print(f"  {case}: done", file=sys.stderr)
    platform = "X11 ($DISPLAY)" if options.x11 else "offscreen"
    print(f"Huge input, opened in the app's window, then a {options.seconds:g} s typing run "
          f"(a key every {KEY_EVERY_MS} ms), {platform}\n")  # fmt: skip
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
