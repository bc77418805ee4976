"""The peers benchmark's own parts, without the peers: process trees, their memory and their
end, the X client that sees windows mapped, the table. Timings are never asserted."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench import peers
from bench.peers import MapWatcher, Results, Row, Sample, format_table
from reviewdesk.ui import process_stats
from tests.missing_tools import require

SLEEPER = "import time; time.sleep(60)"
# Ignores SIGTERM, so that only the SIGKILL after the grace ends it; says when it does.
STUBBORN = (
    "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
    "print('ready', flush=True); time.sleep(60)"
)
PARENT = (
    f"import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', {STUBBORN!r}]); "
    "time.sleep(60)"
)
# A top-level window whose _NET_WM_PID is argv[1] (0: its own process); prints its id once mapped.
WINDOW = """
import os, sys, time
from Xlib import X, Xatom
from Xlib.display import Display
display = Display()
window = display.screen().root.create_window(0, 0, 120, 80, 0, X.CopyFromParent)
pid = int(sys.argv[1]) or os.getpid()
window.change_property(display.intern_atom("_NET_WM_PID"), Xatom.CARDINAL, 32, [pid])
window.map()
display.sync()
print(window.id, flush=True)
time.sleep(60)
"""


def test_tree_and_its_memory_hold_a_child() -> None:
    child = subprocess.Popen([sys.executable, "-c", SLEEPER])
    try:
        pids = process_stats.tree(os.getpid())
        assert pids[0] == os.getpid()
        assert child.pid in pids
        own, of_child = process_stats.pss_kib(os.getpid()), process_stats.pss_kib(child.pid)
        assert own > 0
        assert of_child > 0
        total_mib, count = peers.tree_pss(os.getpid())
        assert count == len(pids)
        assert total_mib * 1024 >= 0.9 * (own + of_child)  # pages come and go between reads
    finally:
        child.kill()
        child.wait()
    assert process_stats.pss_kib(2**22 + 1) == 0  # above any pid_max: no such process


def test_kill_tree_ends_a_grandchild_that_ignores_sigterm() -> None:
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE)
    assert parent.stdout is not None
    assert parent.stdout.readline() == b"ready\n"  # the grandchild ignores SIGTERM from now on
    pids = process_stats.tree(parent.pid)
    assert len(pids) == 2
    peers.kill_tree(parent, grace_s=0.3)
    assert parent.returncode == -signal.SIGTERM
    deadline = time.monotonic() + 5
    while peers.alive(pids[1]) and time.monotonic() < deadline:  # SIGKILL lands a bit later
        time.sleep(0.02)
    assert not peers.alive(pids[1])
    parent.stdout.close()


def test_the_watcher_takes_the_apps_window_not_anothers(tmp_path: Path) -> None:
    require("Xvfb", shutil.which("Xvfb"))
    with peers.xvfb() as display:
        watcher = MapWatcher(display)
        env = dict(os.environ, DISPLAY=display)
        started: list[subprocess.Popen[bytes]] = []
        try:

            def window(owner: int) -> subprocess.Popen[bytes]:
                process = subprocess.Popen(
                    [sys.executable, "-c", WINDOW, str(owner)], env=env, stdout=subprocess.PIPE
                )
                started.append(process)
                return process

            stranger = window(1)  # mapped first, in another process's name
            assert stranger.stdout is not None
            assert stranger.stdout.readline().strip().isdigit()
            app = window(0)
            mapped = watcher.wait_mapped(app.pid, 30)
            assert app.stdout is not None
            assert mapped is not None
            assert mapped.window == int(app.stdout.readline())
            assert watcher.mapped_until(app.pid, time.perf_counter() + 0.2) == []
        finally:
            for process in started:
                peers.kill_tree(process)
                assert process.stdout is not None
                process.stdout.close()
            watcher.close()


def test_medians_and_table_with_ratios_to_the_first_app() -> None:
    results = Results(
        {
            "ghostwriter": [Sample(200, 200, 1, 250, 4), Sample(220, 220, 1, 260, 4)] * 2,
            "ReviewDesk": [Sample(400, 800, 2, 375, 4), Sample(380, 700, 2, 380, 5)] * 2,
        },
        preview_ms={"ghostwriter": [], "ReviewDesk": [1_200, 1_000, 1_100]},
    )
    rows = results.rows()
    assert rows[1] == Row("ReviewDesk", 390, 750, 2, 1_100, 377.5, 4.5)
    lines = format_table(
        [
            Row("ghostwriter", 200, 210, 1, None, 250, 4),
            Row("ReviewDesk", 400, 800, 2, 1_200, 375, 4),
        ]
    ).splitlines()
    assert lines[0].startswith("| app | window mapped (ms) | vs ghostwriter |")
    assert lines[2] == "| ghostwriter | 200 | 1.00x | 210 | 1 | - | 250 | 1.00x | 4 |"
    assert lines[3] == "| ReviewDesk | 400 | 2.00x | 800 | 2 | 1200 | 375 | 1.50x | 4 |"
    assert {line.count("|") for line in lines} == {10}


def test_missing_peers_name_the_command_that_installs_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing to be found
    assert peers.main(["--runs", "1"]) == 1
    said = capsys.readouterr().err
    assert "ghostwriter, retext, Xvfb not found" in said
    assert "bash scripts/setup-tools --peers" in said


def test_the_pyside6_floor_shows_the_file_in_its_web_view(tmp_path: Path) -> None:
    text = tmp_path / "review.md"
    text.write_text("# A <review>\n\nIts body.\n", encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox --disable-gpu",
    }
    done = subprocess.run(
        [sys.executable, str(peers.FLOOR_SCRIPT), str(text), "--quit-when-loaded"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "loaded True"


def test_homes_are_new_each_run_or_kept_per_app_when_warm(tmp_path: Path) -> None:
    fresh = peers.Homes(tmp_path, warm=False)
    assert fresh.of("ghostwriter") != fresh.of("ghostwriter")
    warm = peers.Homes(tmp_path, warm=True)
    kept = warm.of("ReviewDesk")
    assert warm.of("ReviewDesk") == kept and warm.of("ghostwriter") != kept
    env = peers.app_env(kept, ":0")
    assert peers.app_env(kept, ":0") == env  # a kept home is made once, used again
    assert env["HOME"] == str(kept) and env["XDG_CACHE_HOME"] == str(kept / "cache")
