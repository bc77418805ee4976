"""What the start leaves behind that nothing reads again, given back once the window is up.

The start frees much of what it allocates (the imports' transient objects, the first render),
and glibc keeps the pages freed in its heaps: trimming them gives back about 2.5 MiB of the
main process's PSS (Xvfb, 14 s after start, 2 runs each). The source lines of modules read
before ui/pyside_imports.py took effect, or by a warning, go too (a traceback reads them again).

What stays, the modules, classes and widgets, is frozen out of the cycle collector's reach: a
full collection walked all of it (68,000 objects: 11 ms of the UI thread at 2,000 words, 31 ms
at 100,000) to find nothing, and walks only what came after now. An object of the start that
ends in a cycle later is not collected; what the start makes is made once."""

from __future__ import annotations

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
    gc.freeze()
    _trim_heap()


def _trim_heap() -> None:
    if not sys.platform.startswith("linux"):
        return
    import ctypes  # noqa: PLC0415 (once the window is up)

    # The process's own symbols: find_library would run ldconfig in a subprocess.
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)  # glibc's; musl has none
    if trim is not None:
        trim(0)
