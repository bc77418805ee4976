import contextlib
import os
import random
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from bench.images import write_png, write_png_claiming
from reviewdesk.core.image_size import pixels
from reviewdesk.ui.widgets import thumbnail
from reviewdesk.ui.widgets.thumbnail import Thumbnail


@pytest.fixture
def decodes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of the thread of each decode."""
    threads: list[str] = []
    real = thumbnail.decode

    def recorded(path: Path, width: int) -> QImage | str:
        threads.append(threading.current_thread().name)
        return real(path, width)

    monkeypatch.setattr(thumbnail, "decode", recorded)
    return threads


def shown(qtbot: QtBot, path: Path) -> Thumbnail:
    widget = Thumbnail(360, "No image")
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded, timeout=20_000):
        widget.show_file(path)
    return widget


def test_a_large_picture_is_decoded_off_the_ui_thread_at_the_size_shown(
    qtbot: QtBot, tmp_path: Path, decodes: list[str]
) -> None:
    widget = shown(qtbot, write_png(tmp_path / "photo.png", 6000, 4000))
    assert (widget.pixmap().width(), widget.pixmap().height()) == (360, 240)
    assert decodes and threading.main_thread().name not in decodes


def test_a_jpeg_of_54_megapixels_is_decoded_straight_to_the_thumbnail(
    qtbot: QtBot, tmp_path: Path
) -> None:
    image = QImage(9000, 6000, QImage.Format.Format_Grayscale8)
    image.fill(128)
    assert image.save(str(tmp_path / "photo.jpg"), quality=50)
    del image
    widget = shown(qtbot, tmp_path / "photo.jpg")
    assert (widget.pixmap().width(), widget.pixmap().height()) == (360, 240)


def test_a_96_megapixel_png_still_gets_its_thumbnail(qtbot: QtBot, tmp_path: Path) -> None:
    widget = shown(qtbot, write_png(tmp_path / "scan.png", 12_000, 8_000))  # 384 MB decoded
    assert (widget.pixmap().width(), widget.pixmap().height()) == (360, 240)


def test_a_picture_too_large_to_decode_says_so_without_a_qt_warning(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # The header of a 3.6-gigapixel PNG, a decompression bomb's first bytes: never decoded.
    widget = shown(qtbot, write_png_claiming(tmp_path / "huge.png", 60_000, 60_000))
    assert widget.pixmap().isNull()
    assert widget.text() == f"huge.png is {pixels(60_000, 60_000)}: too large to show here"


def test_a_file_that_is_no_picture_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    widget = shown(qtbot, tmp_path / "broken.png")
    assert widget.text().startswith("broken.png cannot be shown")


def test_the_same_file_is_decoded_once_and_a_changed_one_again(
    qtbot: QtBot, tmp_path: Path, decodes: list[str]
) -> None:
    path = write_png(tmp_path / "photo.png", 800, 600)
    widget = shown(qtbot, path)
    for _ in range(20):
        widget.show_file(path)
    assert len(decodes) == 1
    write_png(path, 400, 400)
    with qtbot.waitSignal(widget.loaded):
        widget.show_file(path)
    assert len(decodes) == 2 and widget.pixmap().height() == 360


def test_a_decode_no_longer_wanted_is_not_shown(qtbot: QtBot, tmp_path: Path) -> None:
    widget = shown(qtbot, write_png(tmp_path / "small.png", 100, 100))
    widget.show_file(write_png(tmp_path / "photo.png", 4000, 3000))
    widget.show_text()  # the hero removed while it decodes
    widget.finish()
    QCoreApplication.sendPostedEvents()  # the decode's result, queued to this thread
    assert widget.pixmap().isNull() and widget.text() == "No image"


def test_closing_waits_for_a_decode_under_way(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No decode runs on after its widget is gone, so none runs while Python shuts down."""
    finished: list[Path] = []
    real = thumbnail.decode

    def slow(path: Path, width: int) -> QImage | str:
        result = real(path, width)
        finished.append(path)
        return result

    monkeypatch.setattr(thumbnail, "decode", slow)
    widget = Thumbnail(360, "No image")
    widget.show_file(write_png(tmp_path / "scan.png", 8_000, 6_000))
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert finished == [tmp_path / "scan.png"]


@contextlib.contextmanager
def released_after(fifo: Path, seconds: float) -> Iterator[None]:
    """A process of its own opens `fifo` for writing after `seconds`, which ends a reader
    blocked in opening it: such a reader holds the GIL, so nothing in this process could."""
    opener = (
        "import os, sys, time\n"
        f"time.sleep({seconds})\n"
        "os.close(os.open(sys.argv[1], os.O_WRONLY | os.O_NONBLOCK))\n"
    )
    helper = subprocess.Popen([sys.executable, "-c", opener, str(fifo)], stderr=subprocess.DEVNULL)
    try:
        yield
    finally:
        helper.kill()
        helper.wait()


def test_a_fifo_is_refused_without_blocking(qtbot: QtBot, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    with released_after(fifo, 10):
        widget = shown(qtbot, fifo)
    assert widget.pixmap().isNull() and widget.text() == "pipe.png is a FIFO, not a file"


def test_a_picture_heavier_than_an_image_may_be_is_not_read(qtbot: QtBot, tmp_path: Path) -> None:
    path = write_png(tmp_path / "heavy.png", 100, 100)
    os.truncate(path, 65 << 20)  # sparse: a valid PNG followed by 65 MiB of nothing
    widget = shown(qtbot, path)
    assert widget.pixmap().isNull()
    assert widget.text() == "heavy.png is 65 MiB; the limit is 64 MiB"


def test_a_thumbnail_can_go_while_its_decode_runs(qtbot: QtBot, tmp_path: Path) -> None:
    """The decode emitted on a delivery already deleted with the widget, and crashed."""
    photo = write_png(tmp_path / "photo.png", 400, 300)
    pause = random.Random(2)
    for _ in range(1_000):  # the old order crashed within a few hundred rounds
        widget = Thumbnail(160, "No image")
        widget.show_file(photo)
        threading.Event().wait(pause.uniform(0, 0.003))  # the widget goes at any point
        widget.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
