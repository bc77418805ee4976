"""The bundle lock: taken on open, refused to a second live holder, stale ones taken over."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from reviewdesk.core import bundle, locks
from tests.conftest import other_program


def test_the_first_takes_it_and_a_live_second_is_told_who_holds_it(sample_bundle: Path) -> None:
    assert locks.acquire(sample_bundle) is None
    mine = locks.holder(sample_bundle)
    assert mine is not None and mine.is_this_process and not mine.is_stale
    with other_program("reviewdesk") as other:  # another ReviewDesk, as far as the system can tell
        data = {
            "pid": other,
            "host": socket.gethostname(),
            "since": "2026-11-26T09:00:00+00:00",
        }
        (sample_bundle / locks.LOCK_FILE).write_text(json.dumps(data), encoding="utf-8")
        held = locks.acquire(sample_bundle)
        assert held is not None and held.pid == other
        assert f"(process {other}) on {socket.gethostname()}" in held.describe()
        assert json.loads((sample_bundle / locks.LOCK_FILE).read_text())["pid"] == other
    assert locks.acquire(sample_bundle) is None  # its process is gone: stale, taken over
    held = locks.holder(sample_bundle)
    assert held is not None and held.pid == os.getpid()


def test_another_host_cannot_be_checked_so_it_is_not_stale(sample_bundle: Path) -> None:
    data = {"pid": 1, "host": "elsewhere.example", "since": "2026-11-26T09:00:00+00:00"}
    (sample_bundle / locks.LOCK_FILE).write_text(json.dumps(data), encoding="utf-8")
    held = locks.acquire(sample_bundle)
    assert held is not None and held.host == "elsewhere.example" and not held.is_stale
    locks.take(sample_bundle)  # the writer chose to open anyway
    mine = locks.holder(sample_bundle)
    assert mine is not None and mine.is_this_process


def test_an_unreadable_lock_is_stale_and_release_removes_only_our_own(sample_bundle: Path) -> None:
    (sample_bundle / locks.LOCK_FILE).write_text("{not json", encoding="utf-8")
    assert locks.acquire(sample_bundle) is None
    locks.release(sample_bundle)
    assert not (sample_bundle / locks.LOCK_FILE).exists()
    data = {"pid": 1, "host": "elsewhere.example", "since": "2026-11-26T09:00:00+00:00"}
    (sample_bundle / locks.LOCK_FILE).write_text(json.dumps(data), encoding="utf-8")
    locks.release(sample_bundle)
    assert (sample_bundle / locks.LOCK_FILE).exists()


def test_the_lock_is_not_part_of_the_review(sample_bundle: Path) -> None:
    before = bundle.load(sample_bundle)
    locks.acquire(sample_bundle)
    assert bundle.load(sample_bundle) == before


def test_a_lock_whose_number_another_program_has_now_is_stale(sample_bundle: Path) -> None:
    with other_program() as other:
        data = {"pid": other, "host": socket.gethostname(), "since": "2026-11-26T09:00:00"}
        (sample_bundle / locks.LOCK_FILE).write_text(json.dumps(data), encoding="utf-8")
        held = locks.holder(sample_bundle)
        assert held is not None and held.is_stale  # a process runs there, not a ReviewDesk
        assert locks.acquire(sample_bundle) is None


def test_a_process_whose_command_line_reads_empty_keeps_its_lock(
    sample_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Right after its exec a process's command line reads empty: it may be a ReviewDesk, so the
    # lock stands and the writer decides.
    with other_program() as other:
        monkeypatch.setattr(locks, "_command_line", lambda pid: b"" if pid == other else None)
        data = {"pid": other, "host": socket.gethostname(), "since": "2026-11-26T09:00:00"}
        (sample_bundle / locks.LOCK_FILE).write_text(json.dumps(data), encoding="utf-8")
        held = locks.holder(sample_bundle)
        assert held is not None and not held.is_stale


def test_a_dead_reviewdesk_not_yet_reaped_leaves_a_stale_lock(sample_bundle: Path) -> None:
    # Killed, its parent not yet told (a launcher, a script): a zombie, whose command line reads
    # empty. It will never release the lock; the next start must not ask about it.
    process = subprocess.Popen([sys.executable, "-c", "pass", "reviewdesk"])
    try:
        os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)  # exited, left unreaped
        data = {"pid": process.pid, "host": socket.gethostname(), "since": "2026-11-26T09:00:00"}
        (sample_bundle / locks.LOCK_FILE).write_text(json.dumps(data), encoding="utf-8")
        held = locks.holder(sample_bundle)
        assert held is not None and held.is_stale
        assert locks.acquire(sample_bundle) is None
    finally:
        process.wait()


def test_a_lock_whose_number_a_web_engine_helper_has_now_is_stale(sample_bundle: Path) -> None:
    # A ReviewDesk's QtWebEngine helpers carry the application's name in a flag; one of another
    # window may have been given the dead holder's number.
    helper = "/opt/ReviewDesk/_internal/PySide6/Qt/libexec/QtWebEngineProcess"
    with other_program("--type=zygote", "--application-name=ReviewDesk", program=helper) as other:
        data = {"pid": other, "host": socket.gethostname(), "since": "2026-11-26T09:00:00"}
        (sample_bundle / locks.LOCK_FILE).write_text(json.dumps(data), encoding="utf-8")
        held = locks.holder(sample_bundle)
        assert held is not None and held.is_stale
    with other_program(program="/opt/ReviewDesk/ReviewDesk") as other:  # the app itself
        data = {"pid": other, "host": socket.gethostname(), "since": "2026-11-26T09:00:00"}
        (sample_bundle / locks.LOCK_FILE).write_text(json.dumps(data), encoding="utf-8")
        held = locks.holder(sample_bundle)
        assert held is not None and not held.is_stale
