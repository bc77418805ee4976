"""SIGTERM, SIGINT and SIGHUP (a logout, `kill`, Ctrl+C in a terminal) end the app cleanly:
unsaved edits go to the recovery copy at once, the bundle's lock is released, and nothing is
asked, since no one may be there to answer.

Python runs a signal handler only between bytecodes, and the Qt event loop may sit in C++ for
long: the signal's number is written to a socket that Qt watches (`signal.set_wakeup_fd`),
which wakes the loop at once."""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier

SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)
)


class CleanShutdown(QObject):
    """While it lives, the signals above call `before_exit` and then end the event loop."""

    def __init__(self, before_exit: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._before_exit = before_exit
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        signal.set_wakeup_fd(self._writer.fileno())
        for number in SIGNALS:
            signal.signal(number, lambda *_: None)  # the wakeup byte does the work
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._signalled)

    def _signalled(self) -> None:
        with contextlib.suppress(OSError):
            self._reader.recv(64)
        self._before_exit()
        app = QCoreApplication.instance()
        if app is not None:
            app.exit(0)  # not quit(): that would close the windows, which ask to save
