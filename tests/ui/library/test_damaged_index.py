"""The library window on a damaged index file: it lists and searches every review as ever,
the file made anew beside the damaged one (core/library_schema), never an error shown."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from reviewdesk.core.library_index import LibraryIndex
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.library.library_window import LibraryWindow
from tests.library_bundles import write
from tests.ui.library.test_library_window import LISTED_MS, Host, refreshed, titles

GARBAGE = bytes(range(256)) * 64


def test_a_window_on_a_damaged_index_lists_and_searches_every_review(
    qtbot: QtBot, tmp_path: Path
) -> None:
    shelf = tmp_path / "Reviews"
    write(shelf / "kettle", "Gooseneck Kettle", "It pours slowly.\n")
    write(shelf / "lamp", "Reading Lamp", "The shade pivots on a brass knuckle.\n")
    cache = tmp_path / "cache" / "library.sqlite3"
    cache.parent.mkdir()
    cache.write_bytes(GARBAGE)
    failures: list[str] = []
    host = Host(ReviewDocument.open(shelf / "kettle"))
    window = LibraryWindow(host.as_host(), lambda: [shelf], lambda: LibraryIndex(cache))
    qtbot.addWidget(window)
    window.worker.failed.connect(failures.append)
    with qtbot.waitSignal(window.worker.listed, timeout=LISTED_MS, check_params_cb=refreshed):
        window.show()
    assert sorted(titles(window)) == ["Gooseneck Kettle", "Reading Lamp"]
    with qtbot.waitSignal(window.worker.found, timeout=LISTED_MS):
        qtbot.keyClicks(window.filters.search, "brass")
    assert titles(window) == ["Reading Lamp"]
    assert failures == []
    assert cache.with_name("library.sqlite3.unreadable").read_bytes() == GARBAGE
    with LibraryIndex(cache) as index:  # the new file holds the listing
        assert {entry.title for entry in index.entries([shelf])} == {
            "Gooseneck Kettle",
            "Reading Lamp",
        }
