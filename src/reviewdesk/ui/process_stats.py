"""The app process as the benchmarks see it: its age and the memory of it and its QtWebEngine
helper processes (Linux /proc; 0 elsewhere)."""

from __future__ import annotations

import os
from pathlib import Path


def pss_mb(pid: int | None = None) -> float:
    """Proportional set size of a process and all its descendants, in MiB: the fair share
    of memory when shared libraries are counted once across processes."""
    total_kb = sum(_pss_kb(each) for each in _tree(pid or os.getpid()))
    return total_kb / 1024


def _tree(pid: int) -> list[int]:
    found = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            children = task.read_text().split()
        except OSError:
            continue
        for child in children:
            found += _tree(int(child))
    return found


def _pss_kb(pid: int) -> int:
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return 0
    for line in lines:
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def age_s() -> float:
    """Seconds since this process started (to clock-tick resolution), so that start-up
    times include the interpreter's own start and imports."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, IndexError, ValueError):
        return 0.0
    return max(0.0, uptime - int(fields[19]) / os.sysconf("SC_CLK_TCK"))
