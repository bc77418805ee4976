"""The changed-on-disk bar in the window a writer has on a 1440x900 screen, light and dark."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from reviewdesk.ui.color_scheme import apply_color_scheme
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import Settings
from tests.ui.colours import contrast

WINDOW_HEIGHT = 874  # 900 px of screen less the title bar


@pytest.fixture
def window(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)
    main = MainWindow(ReviewDocument.open(sample_bundle), Settings(str(tmp_path / "s.ini")))
    qtbot.addWidget(main)
    main.resize(1440, WINDOW_HEIGHT)
    with qtbot.waitSignal(main.preview.ready, timeout=30_000):
        main.show()
    yield main
    main.document.undo_stack.setClean()
    apply_color_scheme("system")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_bar_is_one_line_in_the_palette_colours(
    qtbot: QtBot, window: MainWindow, sample_bundle: Path, scheme: str
) -> None:
    apply_color_scheme(scheme)
    window.document.set("subtitle", "Mine")
    body = sample_bundle / "body.md"
    with qtbot.waitSignal(window.disk_watcher.changed_on_disk, timeout=5000):
        body.write_text(body.read_text(encoding="utf-8") + "\nTheirs.\n", encoding="utf-8")
    bar = window.reload_bar
    assert bar.message.text() == "“body.md” changed on disk."
    layout = bar.layout()
    assert layout is not None
    margins = layout.contentsMargins()
    button = max(b.sizeHint().height() for b in bar.findChildren(QPushButton) if b.isVisible())
    one_line = max(button, bar.fontMetrics().lineSpacing()) + margins.top() + margins.bottom()
    qtbot.waitUntil(lambda: bar.isVisible() and bar.height() == one_line)
    assert window.height() == WINDOW_HEIGHT and bar.height() < 40
    shot = bar.grab().toImage()
    background = shot.pixelColor(bar.message.geometry().right() - 2, 2)  # after the text
    assert (background.lightness() < 100) == (scheme == "dark")  # not pale yellow in dark
    text = bar.message.palette().color(bar.message.foregroundRole())
    assert contrast(text, background) >= 4.5
