"""Two threads (the window's and its index worker's) opening a damaged index at once: one
moves it aside and makes it anew, the other opens the new one. The second moved the new file
aside too, and the window listed nothing."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

from reviewdesk.core import library_schema

GARBAGE = bytes(range(256)) * 64


def open_together(file: Path, count: int) -> list[sqlite3.Connection]:
    start = threading.Barrier(count)
    made: list[sqlite3.Connection] = []

    def open_index() -> None:
        start.wait()
        made.append(library_schema.connect(file))

    threads = [threading.Thread(target=open_index) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return made


def test_threads_opening_a_damaged_index_together_end_on_one_new_file(tmp_path: Path) -> None:
    for attempt in range(40):
        file = tmp_path / f"attempt-{attempt}" / "library.sqlite3"
        file.parent.mkdir()
        file.write_bytes(GARBAGE)
        made = open_together(file, 3)
        assert file.with_name("library.sqlite3.unreadable").read_bytes() == GARBAGE, attempt
        for db in made:
            (opened,) = [row[2] for row in db.execute("PRAGMA database_list")]
            assert os.stat(opened).st_ino == os.stat(file).st_ino, attempt  # not one moved aside
            assert db.execute("SELECT count(*) FROM bundles").fetchone() == (0,)
            db.close()
