"""One job at a time off the UI thread, for a dialog: its steps and its outcome come back as
signals in the UI thread. The pool is made before the delivery, so that the owner's end
destroys the pool first, which waits for the job under way: no job ever emits on a delivery
already deleted (that crashed)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QWidget

_log = logging.getLogger(__name__)

Progress = Callable[[str], None]
Job = Callable[[Progress], object]


@dataclass(frozen=True)
class Outcome:
    """What a job returned, or the exception that ended it."""

    value: object = None
    error: Exception | None = None


class _Delivery(QObject):
    """Emitted on from the pool's thread only; delivered to the worker in the UI thread."""

    progress = Signal(str)
    done = Signal(object)  # Outcome


class Worker(QObject):
    progress = Signal(str)  # a step of the job under way, as it starts
    finished = Signal(object)  # Outcome

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._delivery = _Delivery(self)
        self._delivery.progress.connect(self._progress)
        self._delivery.done.connect(self._done)
        self._busy = False

    @property
    def busy(self) -> bool:
        """A job was started and its outcome has not come back yet."""
        return self._busy

    def start(self, job: Job) -> None:
        """Run `job(progress)` off the UI thread; RuntimeError when one is under way."""
        if self._busy:
            raise RuntimeError("a job is under way")
        self._busy = True
        delivery = self._delivery  # not self: the job must hold nothing the UI may delete

        def work() -> None:
            try:
                outcome = Outcome(job(delivery.progress.emit))
            # Every failure is the outcome: an exception must not end the thread unsaid.
            except Exception as error:
                _log.debug("a job ended with an error", exc_info=True)
                outcome = Outcome(error=error)
            delivery.done.emit(outcome)

        self._pool.start(work)

    def wait(self) -> None:
        """Wait for the job under way, if any (its outcome still comes as an event)."""
        self._pool.waitForDone()

    @Slot(str)
    def _progress(self, step: str) -> None:
        if self._busy:
            self.progress.emit(step)

    @Slot(object)
    def _done(self, outcome: Outcome) -> None:
        self._busy = False
        self.finished.emit(outcome)


def keep_until_idle(widget: QWidget, worker: Worker) -> None:
    """For a closing `widget` that is deleted on close: with a job under way it is deleted
    once the job ends, not now (deleting waits for the job, which would freeze the window),
    and not at all if it is shown again by then."""
    delete_on_close = Qt.WidgetAttribute.WA_DeleteOnClose
    if not worker.busy or not widget.testAttribute(delete_on_close):
        return
    widget.setAttribute(delete_on_close, False)

    def settle(_outcome: Outcome) -> None:
        if widget.isVisible():
            widget.setAttribute(delete_on_close, True)
        else:
            widget.deleteLater()

    # After the widget's own handling of the outcome, which connected first.
    worker.finished.connect(settle, Qt.ConnectionType.SingleShotConnection)
