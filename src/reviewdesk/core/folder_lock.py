"""A lock on a folder for the span of one commit: saves of a bundle by two processes (or two
windows) take turns, and a load never sees a save half done.

It is an advisory flock(2) on the folder itself, so no file is added to the bundle and a
crashed process holds nothing. Where flock is missing (Windows) or refused (some network
file systems) the commit goes on unlocked, as it did before locks existed."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

# A commit takes milliseconds; a holder this slow is stuck (a hung network mount), and
# waiting for it forever would freeze the window.
WAIT_SECONDS = 10.0


@contextlib.contextmanager
def locked(folder: Path, *, exclusive: bool) -> Iterator[bool]:
    """Hold the folder's lock, shared (to read) or exclusive (to commit); yields whether
    the lock is held."""
    fd = _open(folder)
    if fd is None:
        yield False
        return
    try:
        yield _acquire(fd, exclusive)
    finally:
        os.close(fd)  # releases the lock


def _open(folder: Path) -> int | None:
    if fcntl is None:
        return None
    try:
        return os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
    except OSError:
        return None


def _acquire(fd: int, exclusive: bool) -> bool:
    mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
    deadline = time.monotonic() + WAIT_SECONDS
    pause = 0.001
    while True:
        try:
            fcntl.flock(fd, mode)
            return True
        except BlockingIOError:
            if time.monotonic() > deadline:
                return False
            time.sleep(pause)
            pause = min(pause * 2, 0.02)
        except OSError:
            return False  # not supported on this file system
