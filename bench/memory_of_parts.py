"""What each part of ReviewDesk costs in memory: `python -m bench.memory_of_parts BUNDLE`.

Loads what the app holds, in a process of its own and in the app's order, and prints as JSON
the PSS each part adds in KiB (bench.memory_parts prints it as a table). Nothing is imported
before the first part: this module's own imports are Python's. A part carries what it shares
with later ones (pydantic's import of `email` is not counted again under Markdown).
"""
# ruff: noqa: PLC0415 (each part's imports are what it measures: inside its function)

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

KINDS = ("Pss", "Pss_Anon", "Pss_File", "Pss_Shmem")
FLOOR_PARTS = 2  # the first two: what the PySide6 floor loads too


def rollup(pid: int) -> dict[str, int]:
    """The Pss lines of /proc/PID/smaps_rollup, in KiB."""
    lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]
    found = {line.split()[0].rstrip(":"): int(line.split()[1]) for line in lines}
    return {kind: found.get(kind, 0) for kind in KINDS}


def parts(folder: Path) -> list[tuple[str, Callable[[], object]]]:
    """What the app loads, in its order, as (part, the call that loads it)."""

    def qt() -> object:
        from PySide6 import QtWidgets

        return QtWidgets

    def web_engine() -> object:
        from PySide6 import QtWebEngineWidgets

        return QtWebEngineWidgets

    def models() -> object:
        from reviewdesk.core import model

        return model

    def review() -> object:
        from reviewdesk.core import bundle

        return bundle.load(folder)

    def dates() -> object:
        from reviewdesk.core import bundle
        from reviewdesk.core.dates import human_date

        return human_date(date.today(), bundle.load(folder).language)

    def page() -> object:
        from reviewdesk.core import bundle
        from reviewdesk.core.live_page import LivePage

        return LivePage().update(bundle.load(folder))

    def dictionary() -> object:
        from reviewdesk.core import bundle
        from reviewdesk.core.spelling_dictionary import open_dictionary

        return open_dictionary(bundle.load(folder).language)

    def image_sizes() -> object:
        from reviewdesk.core.image_size import measure

        return [measure(image) for image in (folder / "assets").iterdir()]

    def window() -> object:
        from reviewdesk.ui import main_window

        return main_window

    return [
        ("PySide6's Qt Widgets", qt),
        ("QtWebEngine's modules", web_engine),
        ("pydantic and the review's models", models),
        ("PyYAML and the review read", review),
        ("Babel's data for the review's dates", dates),
        ("Jinja2, Markdown, nh3 and the page rendered", page),
        ("the hunspell dictionary of the review's language", dictionary),
        ("imagesize and the images measured", image_sizes),
        ("the window's modules, beyond the above (ours)", window),
    ]


def measure(folder: Path) -> list[tuple[str, dict[str, int]]]:
    """The PSS each part adds to this process, in KiB."""
    found = []
    before = rollup(os.getpid())
    for name, load in parts(folder):
        load()
        after = rollup(os.getpid())
        found.append((name, {kind: after[kind] - before[kind] for kind in KINDS}))
        before = after
    return found


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]))))
