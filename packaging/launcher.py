"""The frozen app's entry point: the same `main` as the `reviewdesk` command."""

import runpy
import sys
from pathlib import Path

from reviewdesk.cli import main

MULTIPROCESSING_ARGUMENTS = frozenset({"--multiprocessing-fork", "-c"})
"""How multiprocessing starts this executable again: a batch export's worker, its resource
tracker (multiprocessing.spawn, and PyInstaller's hook for it)."""


def run_multiprocessing_child() -> None:
    """In a process multiprocessing started, its work (and then exit); else nothing. The app
    itself starts without importing multiprocessing (reviewdesk.spec)."""
    if not MULTIPROCESSING_ARGUMENTS & set(sys.argv[1:]):
        return
    import multiprocessing  # noqa: PLC0415 (10 ms of every start else)

    hook = Path(getattr(sys, "_MEIPASS", "")) / "pyi_rth_multiprocessing.py"
    runpy.run_path(str(hook))  # PyInstaller's: multiprocessing.freeze_support for Linux too
    multiprocessing.freeze_support()


if __name__ == "__main__":
    run_multiprocessing_child()
    sys.exit(main())
