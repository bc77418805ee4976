"""Where ReviewDesk's memory goes: `python -m bench.memory_parts [--runs N] [--words N]`.

Two tables, for the memory column of `bench.peers`.

The processes: ReviewDesk, ReviewDesk on the same review without its hero image, and the
PySide6 floor (bench/pyside_floor.py: a window, an editor and a web view, no code of ours), run
as bench.peers runs them (its own Xvfb, the xcb platform, a new home each run, the process tree
killed by PID), each process's PSS read 5 s after the window maps, split into anonymous memory
(heaps), file-backed (libraries, fonts, data files) and shared memory (Chromium's bitmaps and
IPC); medians of `--runs`. The app process is QtWebEngine's browser too; its zygotes are its
children, the page's renderer a zygote's.

The parts: what each library the app holds costs, in a Python process of its own that loads
them in the app's order (bench/memory_of_parts.py), each row the PSS it adds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.generate import write_bundle
from bench.memory_of_parts import FLOOR_PARTS, KINDS, rollup
from bench.peers import FLOOR_SCRIPT, MAP_TIMEOUT_S, SETTLE_S, MapWatcher, app_env, kill_tree, xvfb
from reviewdesk.core import bundle
from reviewdesk.core.locks import LOCK_FILE
from reviewdesk.ui.process_stats import tree

WORDS = 2_000


@dataclass(frozen=True)
class Process:
    role: str  # app process, zygote, renderer
    kib: dict[str, int]  # KINDS


def processes(root: int) -> list[Process]:
    """`root` and its descendants by role: QtWebEngine's zygotes are the app's children, the
    renderers their children."""
    found = []
    for pid in tree(root):
        parent = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        role = "app process" if pid == root else "zygote" if parent == root else "renderer"
        found.append(Process(role, rollup(pid)))
    return found


def run_once(argv: Sequence[str], env: dict[str, str], watcher: MapWatcher) -> list[Process]:
    """Start `argv`, wait for its window, read its processes SETTLE_S later, kill it."""
    watcher.drain()
    process = subprocess.Popen(
        argv, env=env, cwd=env["HOME"], stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        mapped = watcher.wait_mapped(process.pid, MAP_TIMEOUT_S)
        if mapped is None or process.poll() is not None:
            raise RuntimeError(f"{argv[-2:]} showed no window")
        time.sleep(max(0.0, mapped.at + SETTLE_S - time.perf_counter()))
        return processes(process.pid)
    finally:
        kill_tree(process)


def process_table(runs: dict[str, list[list[Process]]]) -> str:
    """Medians over the runs of each app's processes, one row per role (zygotes summed)."""
    lines = [
        "| app | process | PSS (MiB) | anonymous | file-backed | shared |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for app, samples in runs.items():
        roles = dict.fromkeys(each.role for each in samples[0])
        for role in [*roles, "total"]:
            sums = [_sum(sample, role) for sample in samples]
            cells = [statistics.median(each[kind] for each in sums) / 1024 for kind in KINDS]
            count = sum(each.role == role for each in samples[0]) if role != "total" else 0
            name = f"{role} ({count})" if count > 1 else role
            lines.append(f"| {app} | {name} | " + " | ".join(f"{c:.1f}" for c in cells) + " |")
    return "\n".join(lines)


def _sum(sample: list[Process], role: str) -> dict[str, int]:
    chosen = [each for each in sample if role in ("total", each.role)]
    return {kind: sum(each.kib[kind] for each in chosen) for kind in KINDS}


def parts_table(rows: Sequence[tuple[str, dict[str, int]]]) -> str:
    """The parts' table, with the sum of those the floor does not load."""
    ours = {kind: sum(kib[kind] for _, kib in rows[FLOOR_PARTS:]) for kind in KINDS}
    lines = ["| part | PSS (MiB) | anonymous | file-backed |", "|---|---:|---:|---:|"]
    for number, (name, kib) in enumerate([*rows, ("all but the floor's", ours)]):
        cells = " | ".join(f"{kib[kind] / 1024:.1f}" for kind in KINDS[:3])
        floor = " (the floor's too)" if number < FLOOR_PARTS else ""
        lines.append(f"| {name}{floor} | {cells} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs of each app (default 5)")
    parser.add_argument("--words", type=int, default=WORDS, help=f"of the body ({WORDS:,})")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="reviewdesk-memory-") as work_folder:
        work = Path(work_folder)
        review = write_bundle(work / "review", options.words, seed=19)
        plain = write_bundle(work / "plain", options.words, seed=19)
        bundle.save(bundle.load(plain).model_copy(update={"hero": None}), plain)
        apps = {
            "ReviewDesk": (sys.executable, "-m", "reviewdesk", str(review)),
            "ReviewDesk, no hero image": (sys.executable, "-m", "reviewdesk", str(plain)),
            "PySide6 floor": (sys.executable, str(FLOOR_SCRIPT), str(review / bundle.BODY_FILE)),
        }
        runs: dict[str, list[list[Process]]] = {name: [] for name in apps}
        with xvfb() as display:
            watcher = MapWatcher(display)
            try:
                for number in range(options.runs):
                    for name, app in apps.items():
                        home = work / "homes" / f"{name}-{number}"
                        runs[name].append(run_once(app, app_env(home, display), watcher))
                        for folder in (review, plain):
                            (folder / LOCK_FILE).unlink(missing_ok=True)
                    print(f"run {number + 1}/{options.runs}", file=sys.stderr)
            finally:
                watcher.close()
        child = [sys.executable, "-m", "bench.memory_of_parts", str(review)]
        parts = json.loads(subprocess.run(child, capture_output=True, check=True).stdout)
    print(
        f"Medians of {options.runs} runs; Xvfb (xcb), a new home each run; the same "
        f"{options.words:,}-word review; PSS {SETTLE_S:g} s after the window mapped\n"
    )
    print(process_table(runs))
    print("\nThe parts, loaded in the app's order in a process of their own:\n")
    print(parts_table(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
