"""The floor a PySide6 app stands on, for `bench.peers`: a window with a plain-text editor on a
Markdown file and, beside it, a web view of it made after the first paint (as ReviewDesk makes
its preview), drawn as ReviewDesk draws on the machine (reviewdesk/ui/drawing.py: through RHI
from the first paint where there is a GPU, by the CPU alone where there is none). No other code
of ours: what ReviewDesk adds to its start and its memory is what it shows above this row.

    python -m bench.pyside_floor FILE [--quit-when-loaded]
"""

from __future__ import annotations

import html
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    from reviewdesk.ui.drawing import set_up_drawing  # noqa: PLC0415 (os and pathlib alone)

    set_up_drawing()
    from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: PLC0415 (timed from the start)
    from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit, QSplitter  # noqa: PLC0415

    text = Path(argv[0]).read_text(encoding="utf-8")
    quit_when_loaded = "--quit-when-loaded" in argv
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    splitter = QSplitter()
    splitter.addWidget(QPlainTextEdit(text))
    window.setCentralWidget(splitter)

    def add_view() -> None:
        view = QWebEngineView()
        splitter.addWidget(view)
        if quit_when_loaded:
            view.loadFinished.connect(lambda ok: (print("loaded", ok, flush=True), app.quit()))
        view.setHtml(f"<pre>{html.escape(text)}</pre>")

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                QTimer.singleShot(0, add_view)
            return False

    first_paint = FirstPaint()
    window.installEventFilter(first_paint)
    window.resize(1400, 850)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
