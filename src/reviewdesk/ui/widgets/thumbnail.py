"""A picture file shown small. It is decoded off the UI thread, at the size shown where the
format allows (JPEG), and only when the file changes: a 100-megapixel photo must not freeze
the window, nor be read again on every key typed in its alt text."""

from __future__ import annotations

import os
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFile, QIODevice, QObject, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from reviewdesk.core import safe_files
from reviewdesk.core.assets import IMAGE_BYTES_MAX
from reviewdesk.core.image_size import pixels

_SCALED_WHILE_DECODED = frozenset({b"jpeg", b"jpg"})  # the others decode in full, then scale
DECODE_LIMIT_MB = 512
"""The most a thumbnail may take to decode, off the UI thread and for a moment: a 130-megapixel
PNG (Qt's own limit, 256 MB, stops at 64). A header claiming more is refused unread."""


@dataclass(frozen=True)
class _Key:
    path: Path
    mtime_ns: int
    size: int


def _key(path: Path) -> _Key | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return _Key(path, stat.st_mtime_ns, stat.st_size)


def decode(path: Path, width: int) -> QImage | str:
    """The picture at `path` scaled to `width`, or why it cannot be shown. Thread-safe.
    Only a regular file is read (a FIFO would block the decode, and closing the window with
    it), and only up to the size of an image the core would copy."""
    try:
        fd = safe_files.open_regular(path, IMAGE_BYTES_MAX)
    except safe_files.UnsafeFile as unsafe:
        return f"{path.name} {unsafe.message}"
    except OSError as error:
        return f"{path.name} cannot be read: {error.strerror}"
    file = QFile()
    if not file.open(fd, QIODevice.OpenModeFlag.ReadOnly, QFile.FileHandleFlag.AutoCloseHandle):
        os.close(fd)
        return f"{path.name} cannot be read: {file.errorString()}"
    with closing(file):
        return _decode(QImageReader(file), path.name, width)


def _decode(reader: QImageReader, name: str, width: int) -> QImage | str:
    full = reader.size()
    if not full.isValid() or full.isEmpty():
        return f"{name} cannot be shown: {reader.errorString()}"
    scaled = QSize(width, max(1, full.height() * width // full.width()))
    decoded = scaled if reader.format().data() in _SCALED_WHILE_DECODED else full
    if decoded.width() * decoded.height() * 4 > DECODE_LIMIT_MB * 1024 * 1024:
        return f"{name} is {pixels(full.width(), full.height())}: too large to show here"
    QImageReader.setAllocationLimit(DECODE_LIMIT_MB)  # process-wide: ours is checked above
    reader.setScaledSize(scaled)
    image = reader.read()
    if image.isNull():
        return f"{name} cannot be shown: {reader.errorString()}"
    return image


class _Delivery(QObject):
    done = Signal(int, object)  # generation, QImage | str; emitted from a pool thread


class Thumbnail(QLabel):
    """Shows a file with `show_file`, or a text with `show_text`."""

    loaded = Signal()  # a file asked for is shown (or why it cannot be)

    def __init__(self, width: int, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(placeholder, parent)
        self._width = width
        self._placeholder = placeholder
        self._shown: _Key | None = None
        self._generation = 0
        # Its own pool, owned: destroyed with the widget, it waits for a decode under way, so
        # none runs on while Python shuts down. One at a time; a newer file drops queued ones.
        # Made before the delivery, so destroyed before it: no decode emits on a deleted one.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._delivery = _Delivery(self)
        self._delivery.done.connect(self._show_decoded)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)  # a long file name in a message
        self.setMinimumSize(width, width * 9 // 16)
        self.setFrameShape(QLabel.Shape.StyledPanel)

    def show_text(self, text: str | None = None) -> None:
        self._generation += 1  # a decode still running is no longer wanted
        self._shown = None
        self.setPixmap(QPixmap())
        self.setText(text or self._placeholder)

    def show_file(self, path: Path) -> None:
        key = _key(path)
        if key is None:
            self.show_text(f"{path.name} cannot be read")
            return
        if key == self._shown:
            return
        self.show_text("Loading…")
        self._shown = key
        generation, width, delivery = self._generation, self._width, self._delivery

        def work() -> None:
            result = decode(path, width)
            delivery.done.emit(generation, result)

        self._pool.clear()
        self._pool.start(work)

    def finish(self) -> None:
        """Wait for the decode under way, if any (its result still comes as an event)."""
        self._pool.waitForDone()

    def _show_decoded(self, generation: int, result: QImage | str) -> None:
        if generation != self._generation:
            return
        if isinstance(result, str):
            self.setText(result)
        else:
            self.setPixmap(QPixmap.fromImage(result))
        self.loaded.emit()
