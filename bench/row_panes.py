"""The review blocks' panes at their limit: `python -m bench.row_panes [--rows 1000]
[--seconds 2] [--blocks scores,specs,offers,updates] [--x11]`.

For each block, its pane on a review of `--rows` items, shown for the first time in a window
of 1440x900: the time until its first paint, until every row has its inputs, and the longest
the UI thread missed a 2 ms heartbeat meanwhile; then a typing run of `--seconds` (a key every
80 ms) in the first row's first text input, its longest stall and its median key (the UI time
a key takes, the document's step and the rows said again included)."""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QWidget

from bench.huge_input import KEY_EVERY_MS, Heartbeat, _FirstPaint
from bench.qt_app import app_in_a_new_home
from reviewdesk.core.model import Offer, Review, Score, Spec, Update
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.panes.offers_pane import OffersPane
from reviewdesk.ui.panes.scores_pane import ScoresPane
from reviewdesk.ui.panes.specs_pane import SpecsPane
from reviewdesk.ui.panes.updates_pane import UpdatesPane
from reviewdesk.ui.widgets.row_list_editor import RowListEditor

SETTLE_MS = 300  # after the last row is made, stalls still count this long


def _offer(i: int) -> Offer:
    return Offer(
        seller=f"Shop {i}",
        url=f"https://example.org/{i}",
        price=i + 0.5,
        currency="EUR",
        checked=date(2026, 4, 1),
        sponsored=i % 2 == 0,
    )


BLOCKS: dict[str, tuple[Callable[[int], dict[str, object]], Callable[..., QWidget]]] = {
    "scores": (lambda n: {"scores": [Score(name=f"C {i}", value=3.5) for i in range(n)]},
               ScoresPane),
    "specs": (lambda n: {"specs": [Spec(name=f"Spec {i}", value=f"{i} GB") for i in range(n)]},
              SpecsPane),
    "offers": (lambda n: {"offers": [_offer(i) for i in range(n)]}, OffersPane),
    "updates": (lambda n: {"updates": [Update(date=date(2026, 4, 1), note=f"Note {i}")
                                       for i in range(n)]}, UpdatesPane),
}  # fmt: skip


@dataclass(frozen=True)
class Result:
    block: str
    painted_ms: float
    made_ms: float
    stall_opening: float
    stall_typing: float
    key_ms: float


def _all_made(editor: RowListEditor, rows: int) -> bool:
    # getattr: the same bench measures an editor that makes every row at once
    found = editor.rows()
    return len(found) == rows and all(getattr(row, "made", True) for row in found)


def _first_text(editor: RowListEditor) -> QLineEdit:
    row = editor.rows()[0]
    return next(w for w in row.inputs().values() if isinstance(w, QLineEdit))


def measure(block: str, rows: int, seconds: float) -> Result:
    items, make = BLOCKS[block]
    document = ReviewDocument(Review(title="Blocks at their limit", **items(rows)))
    window = QWidget()
    window.resize(1440, 900)
    pane = make(document, window)
    pane.resize(1440, 900)
    editor: RowListEditor = pane.editor  # type: ignore[attr-defined]
    heart = Heartbeat()
    QCoreApplication.processEvents()
    started = heart.now()
    times: dict[str, float] = {}

    def painted() -> None:
        times.setdefault("painted", heart.now())

    _FirstPaint(pane, painted)
    window.show()
    while "painted" not in times or not _all_made(editor, rows):
        QCoreApplication.processEvents()
    made = heart.now()
    while heart.now() < made + SETTLE_MS:
        QCoreApplication.processEvents()
    opened = heart.now()
    field = _first_text(editor)
    field.setFocus()
    keys: list[float] = []
    next_key = opened
    while heart.now() < opened + seconds * 1000:
        QCoreApplication.processEvents()
        if heart.now() >= next_key:
            before = heart.now()
            QTest.keyClicks(field, "y")
            keys.append(heart.now() - before)
            next_key = before + KEY_EVERY_MS
    typed = heart.now()
    heart.stop()
    try:
        return Result(
            block,
            times["painted"] - started,
            made - started,
            heart.longest(started, opened),
            heart.longest(opened, typed),
            statistics.median(keys),
        )
    finally:
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def table(results: Sequence[Result], rows: int) -> str:
    head = (f"{f'{rows:,} rows of':<10} {'first paint':>12} {'all rows':>9} "
            f"{'stall opening':>14} {'stall typing':>13} {'key':>8}")  # fmt: skip
    lines = [head, "-" * len(head)]
    for r in results:
        lines.append(
            f"{r.block:<10} {r.painted_ms:>9.0f} ms {r.made_ms:>6.0f} ms "
            f"{r.stall_opening:>11.0f} ms {r.stall_typing:>10.0f} ms {r.key_ms:>5.1f} ms"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1000, help="items in the block")
    parser.add_argument("--seconds", type=float, default=2, help="the typing run's length")
    parser.add_argument("--blocks", default=",".join(BLOCKS), help="which, comma-separated")
    parser.add_argument("--x11", action="store_true", help="use the display in $DISPLAY")
    options = parser.parse_args(argv)
    results = []
    with app_in_a_new_home(x11=options.x11):
        for block in options.blocks.split(","):
            results.append(measure(block, options.rows, options.seconds))
            print(f"  {block}: done", file=sys.stderr)
    platform = "X11 ($DISPLAY)" if options.x11 else "offscreen"
    print(f"A block's pane first shown, then a {options.seconds:g} s typing run in its first row "
          f"(a key every {KEY_EVERY_MS} ms), {platform}\n")  # fmt: skip
    print(table(results, options.rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
