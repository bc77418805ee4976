"""What the start leaves behind goes once the window is up, not before."""

from __future__ import annotations

import linecache

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from reviewdesk.ui.start_memory import release_when


class Window(QObject):
    ready = Signal()


def test_the_lines_read_at_start_go_some_time_after_the_preview_is_ready(qtbot: QtBot) -> None:
    window = Window()
    assert linecache.getlines(__file__)  # as a module's source read at start
    release_when(window.ready, window, settle_ms=50)
    window.ready.emit()
    assert __file__ in linecache.cache  # nor at once: spell checking starts then
    qtbot.waitUntil(lambda: __file__ not in linecache.cache)
