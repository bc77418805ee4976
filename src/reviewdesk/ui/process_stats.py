"""The app process as the benchmarks see it: its age and the memory of it and its QtWebEngine
helper processes (Linux /proc; 0 elsewhere)."""

from __future__ import annotations

import os
from pathlib import Path


def pss_mb(pid: int | None = None) -> float:
    """Proportional set size of a process and all its descendants, in MiB: the fair share
    of memory when shared libraries are counted once across processes."""
    total_kb = sum(pss_kib(each) for each in tree(pid or os.getpid()))
    return total_kb / 1024


def tree(pid: int) -> list[int]:
    """`pid` and all its descendants, parents first."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            children = task.read_text().split()
        except OSError:  # the thread or process ended meanwhile
            continue
        for child in children:
            found += tree(int(child))
    return found


def pss_kib(pid: int) -> int:
    """The proportional set size of one process in KiB (0 when it is gone)."""
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in lines if line.startswith("Pss:")), 0)


def age_s() -> float:
    """Seconds since this process started (to clock-tick resolution), so that start-up
    times include the interpreter's own start and imports."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, IndexError, ValueError):
        return 0.0
    return max(0.0, uptime - int(fields[19]) / os.sysconf("SC_CLK_TCK"))


def peak_rss_mb() -> float:
    """The most memory this process has had resident since it started, in MiB. VmHWM, not
    getrusage's ru_maxrss: that one keeps the peak of the process that forked this one (a
    test runner of 800 MiB made the app report it)."""
    try:
        lines = Path("/proc/self/status").read_text().splitlines()
    except OSError:
        return _maxrss_mb()
    return next((int(line.split()[1]) / 1024 for line in lines if line.startswith("VmHWM:")), 0.0)


def _maxrss_mb() -> float:
    try:
        import resource  # noqa: PLC0415 (Unix only)
    except ImportError:
        return 0.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
