"""The app under hostile input: `python -m bench.hostile_input [--keys 20] [--seconds 10]
[--x11]`.

For each hostile body (put in the middle of a 2,000-word review), and for huge images, in the
app's real window: how long until the preview shows the page; then, typing at the end of the
hostile block ("in it") and at the start of the paragraph after it ("after it"): the time from
a key to the preview's DOM (median and slowest), the UI time of a key (median) and the longest
the UI thread stalled (a 2 ms heartbeat) during a typing run of `--seconds`."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QImage

from bench.generate import write_bundle
from bench.hostile_bodies import HOSTILE_HTML, PATHOLOGICAL
from bench.images import write_png, write_png_claiming
from bench.preview_latency import longest_stall, measure_latency, wait_for
from bench.qt_app import app_in_a_new_home
from reviewdesk.core import bundle
from reviewdesk.core.model import Hero
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import Settings

HUGE_IMAGES = "![A 54-megapixel photo](assets/photo.jpg)\n\n![A bomb](assets/bomb.png)"
CASES = {**PATHOLOGICAL, "hostile HTML x500": HOSTILE_HTML, "huge images": ""}


@dataclass(frozen=True)
class Result:
    case: str
    where: str
    ready_ms: float
    latency_median: float
    latency_max: float
    ui_key_median: float
    longest_stall: float


def write_huge_images(folder: Path) -> None:
    """A 96-megapixel PNG hero, a 54-megapixel JPEG, and a PNG that claims 3.6 gigapixels."""

    write_png(folder / "assets" / "huge.png", 12_000, 8_000)
    write_png_claiming(folder / "assets" / "bomb.png", 60_000, 60_000)
    photo = QImage(9_000, 6_000, QImage.Format.Format_Grayscale8)
    photo.fill(90)
    photo.save(str(folder / "assets" / "photo.jpg"), quality=50)


def hostile_bundle(folder: Path, case: str) -> tuple[Path, str]:
    """A 2,000-word review with the case's text in the middle; the text typed after."""
    write_bundle(folder, 2000, seed=3)
    review = bundle.load(folder)
    chunk = CASES[case]
    if case == "huge images":
        write_huge_images(folder)
        chunk = HUGE_IMAGES
        review = review.model_copy(update={"hero": Hero(image="assets/huge.png", alt="Huge")})
    middle = review.body.index("\n\n", len(review.body) // 2) + 2
    body = f"{review.body[:middle]}{chunk}\n\n{review.body[middle:]}"
    bundle.save(review.model_copy(update={"body": body}), folder)
    return folder, chunk


def measure(case: str, keys: int, seconds: float, home: Path) -> list[Result]:
    folder, chunk = hostile_bundle(home / f"review-{len(list(home.iterdir()))}", case)
    started = time.perf_counter()
    window = MainWindow(ReviewDocument.open(folder), Settings(str(home / "settings.ini")))
    window.resize(1440, 900)
    window.show()
    wait_for(window.preview.ready, timeout_ms=120_000)
    ready = (time.perf_counter() - started) * 1000
    results = []
    try:
        window.show_field("body")
        edit = window.body.editor.plain_text_edit
        end = edit.toPlainText().index(chunk) + len(chunk)  # ASCII: no surrogate pairs
        for where in ("in it", "after it"):
            if where == "after it":  # the start of the next paragraph, past what was typed
                end = edit.toPlainText().index("\n\n", end) + 2
            cursor = edit.textCursor()
            cursor.setPosition(end)
            edit.setTextCursor(cursor)
            edit.setFocus()
            latencies, ui_times = measure_latency(window, keys)
            stall = longest_stall(window, seconds)
            results.append(Result(
                case, where, ready, statistics.median(latencies), max(latencies),
                statistics.median(ui_times), stall,
            ))  # fmt: skip
    finally:
        window.document.undo_stack.setClean()
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return results


def table(results: Sequence[Result]) -> str:
    head = (f"{'hostile input':<30} {'typing':<9} {'preview ready':>13} {'key→preview median':>19} "
            f"{'slowest':>8} {'UI time/key':>12} {'longest stall':>14}")  # fmt: skip
    rows = [head, "-" * len(head)]
    for r in results:
        rows.append(
            f"{r.case:<30} {r.where:<9} {r.ready_ms:>10.0f} ms {r.latency_median:>16.1f} ms "
            f"{r.latency_max:>5.0f} ms {r.ui_key_median:>9.2f} ms {r.longest_stall:>11.0f} ms"
        )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keys", type=int, default=20, help="keys timed one by one")
    parser.add_argument("--seconds", type=float, default=10, help="the typing run's length")
    parser.add_argument("--cases", default=",".join(CASES), help="which, comma-separated")
    parser.add_argument("--x11", action="store_true", help="use the display in $DISPLAY")
    options = parser.parse_args(argv)
    results = []
    with app_in_a_new_home(x11=options.x11) as (_app, home):
        for case in options.cases.split(","):
            results += measure(case, options.keys, options.seconds, home)
            print(f"  {case}: done", file=sys.stderr)
    platform = "X11 ($DISPLAY)" if options.x11 else "offscreen"
    print(f"Hostile input in a 2,000-word review: {options.keys} keys timed "
          f"one by one, then a {options.seconds:g} s typing run, {platform}\n")  # fmt: skip
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
