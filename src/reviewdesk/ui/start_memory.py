"""What the start leaves behind that nothing reads again, given back once the window is up.

PySide6's import hook reads the source of each module imported (for its feature switches), and
the lines stay in Python's linecache: 13 MiB of a window just opened, of 46 MiB Python holds
(tracemalloc). A traceback reads the lines it shows again. The heap then hands the pages freed
back to the system (glibc keeps them otherwise)."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import linecache
import sys

from PySide6.QtCore import QObject, Qt, QTimer, SignalInstance

SETTLE_MS = 2_000
"""After the preview is ready: spell checking has loaded its dictionary meanwhile."""


def release_when(ready: SignalInstance, context: QObject, settle_ms: int = SETTLE_MS) -> None:
    """Release the start's leftovers `settle_ms` after `ready` first fires."""
    ready.connect(
        lambda: QTimer.singleShot(settle_ms, context, release_start_memory),
        Qt.ConnectionType.SingleShotConnection,
    )


def release_start_memory() -> None:
    linecache.clearcache()
    gc.collect()
    _trim_heap()


def _trim_heap() -> None:
    if not sys.platform.startswith("linux"):
        return
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
    except OSError:
        return
    trim = getattr(libc, "malloc_trim", None)  # glibc's; musl has none
    if trim is not None:
        trim(0)
