"""A worker's stop, from a `destroyed` handler that PySide may call with an error of its own
still set: the first call that checks for one raises it (a SystemError) and clears it."""

import queue
import threading

import pytest

from reviewdesk.ui.worker_stop import stop_worker


class _SetErrorOnce(threading.Thread):
    """A worker whose first join fails as a call made with PySide's error still set does."""

    def __init__(self, inbox: queue.SimpleQueue[object]) -> None:
        super().__init__(target=inbox.get, daemon=True)
        self.failed = False

    def join(self, timeout: float | None = None) -> None:
        if not self.failed:
            self.failed = True
            raise SystemError(
                "<built-in function get_ident> returned a result with an exception set"
            )
        super().join(timeout)


def test_the_worker_ends_though_the_first_call_fails_with_an_error_left_set() -> None:
    inbox: queue.SimpleQueue[object] = queue.SimpleQueue()
    worker = _SetErrorOnce(inbox)
    worker.start()
    stop_worker(inbox, worker)
    assert worker.failed
    assert not worker.is_alive()


def test_a_worker_that_fails_otherwise_is_not_hidden() -> None:
    inbox: queue.SimpleQueue[object] = queue.SimpleQueue()
    worker = threading.Thread(target=inbox.get, daemon=True)
    worker.start()
    stop_worker(inbox, worker)
    assert not worker.is_alive()
    with pytest.raises(RuntimeError):  # joining a thread never started: Python's own error
        stop_worker(queue.SimpleQueue(), threading.Thread(target=lambda: None))
