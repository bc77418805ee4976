"""What the start leaves behind goes once the window is up, not before."""

from __future__ import annotations

import gc
import linecache
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from reviewdesk.ui.start_memory import release_start_memory, release_when


@pytest.fixture(autouse=True)
def thawed() -> Iterator[None]:
    """The test process's objects back in the collector's reach after each test (the release
    freezes them)."""
    yield
    gc.unfreeze()


class Window(QObject):
    ready = Signal()


def test_the_lines_read_at_start_go_some_time_after_the_preview_is_ready(qtbot: QtBot) -> None:
    window = Window()
    assert linecache.getlines(__file__)  # as a module's source read at start
    release_when(window.ready, window, settle_ms=50)
    window.ready.emit()
    assert __file__ in linecache.cache  # nor at once: spell checking starts then
    qtbot.waitUntil(lambda: __file__ not in linecache.cache)


def test_what_the_start_leaves_is_out_of_full_collections() -> None:
    """A full collection walks what came after the start, not the start's modules and
    widgets, found alive at each walk."""
    release_start_memory()
    assert gc.get_freeze_count() > 1000
    assert len(gc.get_objects(generation=2)) < 100
    # A cycle made after the start is collected as ever.
    after: list[object] = [[] for _ in range(10)]
    after.append(after)
    del after
    assert gc.collect() >= 11
