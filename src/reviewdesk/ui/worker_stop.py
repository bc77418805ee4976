"""Ending a worker thread of a QObject's (the preview's renderer, the spelling) as the object
goes: from its `destroyed` signal."""

from __future__ import annotations

import queue
import threading
from typing import Any


def stop_worker(inbox: queue.SimpleQueue[Any], worker: threading.Thread) -> None:
    """Ask `worker` to end (None in its inbox) and wait for it. PySide may call a `destroyed`
    handler with an error of its own still set, from looking up a method override on the
    object going ("'RenderThread' object has no attribute 'disconnectNotify'", twice in CI):
    the first call that checks for one fails with it, as a SystemError, and clears it; the
    stop is then made again."""
    try:
        inbox.put(None)
        worker.join()
    except SystemError:
        inbox.put(None)
        worker.join()
