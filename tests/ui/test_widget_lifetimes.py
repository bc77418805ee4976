"""The tests' widgets go as the app's do: deleted by Qt from its event loop, never by
Python's cycle collector from inside a collection (a web view deleted there crashed in
QtWebEngine's QML side; tests/ui/conftest.py holds them)."""

import gc
import weakref

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


class _Cyclic(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.held = [self]  # a cycle, as a view's closures of itself make


def test_a_widget_held_by_its_own_cycle_lives_until_qtbot_deletes_it(qtbot: QtBot) -> None:
    widget = _Cyclic()
    qtbot.addWidget(widget)
    alive = weakref.ref(widget)
    del widget
    gc.collect()
    assert alive() is not None  # left for qtbot's deleteLater, after the test
