"""What the app has imported when its window first paints: `python -m bench.first_paint_imports
[BUNDLE] [--write]`.

Starts the app as `reviewdesk BUNDLE` does (on the user's copy of the sample by default, as a
start on the review of the day before), and at the window's first paint prints the modules
loaded by then, one a line: every module of reviewdesk and of PySide6, and the top-level
package of every other that is not Python's own. Each costs start-up time before the writer
sees anything: tests/ui/test_start_imports.py keeps the list (tests/ui/first_paint_imports.txt)
as it is, so that an import added to the way up is a decision. `--write` writes the list
there. Run it on the platform the test uses (QT_QPA_PLATFORM=offscreen) with a fresh home (the
test does both)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_PAINT_LIST = ROOT / "tests" / "ui" / "first_paint_imports.txt"


def loaded() -> list[str]:
    """The modules loaded now, as the list holds them."""
    names = set()
    for name in list(sys.modules):
        top = name.partition(".")[0]
        if top in ("reviewdesk", "PySide6"):
            names.add(name)
        elif top not in sys.stdlib_module_names and not top.startswith("_") and top != "bench":
            names.add(top)
    return sorted(names)


def main() -> int:
    write = "--write" in sys.argv[1:]
    args = [arg for arg in sys.argv[1:] if arg != "--write"]
    from PySide6.QtCore import QEvent, QObject  # noqa: PLC0415 (the app loads them first too)

    from reviewdesk.ui.main_window import MainWindow  # noqa: PLC0415 (as the app's way up)

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
            if event.type() == QEvent.Type.Paint:
                found = "".join(f"{name}\n" for name in loaded())
                if write:
                    FIRST_PAINT_LIST.write_text(found, encoding="utf-8")
                sys.stdout.write(found)
                sys.stdout.flush()
                os._exit(0)
            return False

    made = MainWindow.__init__
    watcher = FirstPaint()

    def watched_init(window: MainWindow, *a: object, **k: object) -> None:
        made(window, *a, **k)  # type: ignore[arg-type]
        window.installEventFilter(watcher)

    MainWindow.__init__ = watched_init  # type: ignore[method-assign, assignment]
    from reviewdesk.cli import main as reviewdesk  # noqa: PLC0415
    from reviewdesk.core import user_files  # noqa: PLC0415 (start_up loads it too)

    return reviewdesk(args or [str(user_files.sample_copy())])


if __name__ == "__main__":
    sys.exit(main())
