"""Python's cycle collector runs in the UI thread only: a Qt object in a reference cycle is
never deleted by a thread that happens to allocate (the preview's render thread did, and a
timer deleted there crashed the UI thread on its next tick)."""

import gc
import threading

from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot


def allocate_a_lot(kept: list[object]) -> None:
    """Enough containers, kept, to pass every threshold of automatic collection."""
    kept.extend([] for _ in range(200_000))


def test_a_cycle_holding_a_qt_object_is_collected_in_the_ui_thread(qtbot: QtBot) -> None:
    assert not gc.isenabled()
    deleted_in: list[str] = []
    cycle: list[object] = [QTimer()]
    cycle.append(cycle)
    timer = cycle[0]
    assert isinstance(timer, QTimer)
    timer.destroyed.connect(  # run by the thread that deletes it
        lambda: deleted_in.append(threading.current_thread().name),
        Qt.ConnectionType.DirectConnection,
    )
    del cycle, timer
    kept: list[object] = []
    worker = threading.Thread(target=allocate_a_lot, args=(kept,), name="worker")
    worker.start()
    worker.join()
    assert deleted_in == []  # the worker passed the thresholds, and collected nothing
    qtbot.waitUntil(lambda: deleted_in == ["MainThread"], timeout=5_000)
    kept.clear()
