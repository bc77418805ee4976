"""The reviews library's index: `python -m bench.library [--reviews N] [--words N] [--quick]`.

A library of N generated reviews (default 5,000 of 2k words, bench.generate) in year folders
is made once into the user's cache (bench/library-NxW there), so that a second run starts at
once. Each measure runs in a fresh process, on a new index file in a temporary folder:

- the first index (refresh of an empty index), run in a worker thread as the app runs it,
  while the main thread ticks every 10 ms: the longest the main thread waited is what a
  window would stall; then a refresh with nothing changed and one after 10 bundles touched;
- reopening the index to the full list of entries (a new process: the library's start);
- 20 searches a writer might type (each the median of 5 runs): their median and slowest;
- the peak memory (RSS) each process added to what it held once imported.

The library's files are in the OS's cache after the first run: the first index reads them
from memory, as it would after a writer's recent work, not from a cold disk.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from bench.generate import write_bundle
from reviewdesk.core.library_index import LibraryIndex
from reviewdesk.core.library_scan import RACY_NS
from reviewdesk.core.user_files import cache_dir

REVIEWS, WORDS = 5_000, 2_000
YEARS = 6  # the bundles sit in folders 2020 ... 2025
TICK = 0.01
TOUCHED = 10
RUNS_PER_QUERY = 5
TITLE = "Reviews library index"
QUERIES = (
    "battery",
    "Northwind",
    "kettle",
    "quiet kettle",
    '"the battery"',
    "batt*",
    "title:headphones",
    "reliable router",
    "warranty repair",
    '"the hinge"',
    "fan_curve",
    "Larkspur Drone",
    "hinge -cable",
    "portable speaker",
    "surpris*",
    '"smooth hinge',
    "AND",
    "Elmstead OR Fernhill",
    "durable backpack garden",
    "zebra",
)
GENERATED = ".complete"


# --- the library -------------------------------------------------------------------------------


def library_folder(reviews: int, words: int) -> Path:
    return cache_dir() / "bench" / f"library-{reviews}x{words}"


def bundle_folder(library: Path, seed: int) -> Path:
    return library / str(2020 + seed % YEARS) / f"review-{seed:05d}"


def _generate(job: tuple[Path, int, int]) -> None:
    library, seed, words = job
    folder = bundle_folder(library, seed)
    if not (folder / "assets" / "hero.png").exists():  # the last file written
        write_bundle(folder, words, seed=seed)


def prepare(reviews: int, words: int) -> tuple[Path, float]:
    """The library, generated unless the cache holds it whole; the seconds it took."""
    library = library_folder(reviews, words)
    if (library / GENERATED).exists():
        return library, 0.0
    started = time.perf_counter()
    jobs = [(library, seed, words) for seed in range(reviews)]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(_generate, jobs, chunksize=50))
    (library / GENERATED).write_text("every bundle written\n")
    # Files this new are read again by the next refresh whatever it finds (library_scan):
    # the measures start once the newest is old enough to be trusted.
    time.sleep(RACY_NS / 1e9)
    return library, time.perf_counter() - started


# --- the measures, each in its own process -----------------------------------------------------


def _peak_rss_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


def _index_phase(library: Path, file: Path) -> dict[str, Any]:
    before = _peak_rss_mib()
    gaps: list[float] = [0.0]
    last = [time.perf_counter()]

    def progress(done: int, total: int) -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    result: dict[str, Any] = {}

    def work() -> None:
        with LibraryIndex(file) as index:
            started, cpu = time.perf_counter(), time.process_time()
            result["refreshed"] = str(index.refresh([library], progress=progress))
            result["first index s"] = time.perf_counter() - started
            result["first index cpu s"] = time.process_time() - cpu

    worker = threading.Thread(target=work)
    stall = 0.0
    worker.start()
    while worker.is_alive():
        due = time.perf_counter() + TICK
        time.sleep(TICK)
        stall = max(stall, time.perf_counter() - due)
    worker.join()
    with LibraryIndex(file) as index:
        started = time.perf_counter()
        index.refresh([library])
        unchanged = time.perf_counter() - started
        for seed in range(TOUCHED):
            os.utime(bundle_folder(library, seed) / "body.md")
        started = time.perf_counter()
        touched = index.refresh([library])
        result["touched s"] = time.perf_counter() - started
        result["touched read"] = touched.changed
    return {
        **result,
        "main thread stall ms": stall * 1000,
        "longest bundle ms": max(gaps) * 1000,
        "unchanged s": unchanged,
        "rss MiB": _peak_rss_mib() - before,
        "file MiB": sum(p.stat().st_size for p in file.parent.iterdir()) / (1 << 20),
    }


def _reopen_phase(library: Path, file: Path) -> dict[str, Any]:
    before = _peak_rss_mib()
    started = time.perf_counter()
    with LibraryIndex(file) as index:
        entries = index.entries([library])
    return {
        "reopen s": time.perf_counter() - started,
        "entries": len(entries),
        "rss MiB": _peak_rss_mib() - before,
    }


def _search_phase(library: Path, file: Path) -> dict[str, Any]:
    before = _peak_rss_mib()
    timings: dict[str, tuple[float, float, int]] = {}
    with LibraryIndex(file) as index:
        for query in QUERIES:
            samples, cpu_samples = [], []
            for _ in range(RUNS_PER_QUERY):
                started, cpu = time.perf_counter(), time.thread_time()
                hits = index.search(query, [library])
                samples.append(time.perf_counter() - started)
                cpu_samples.append(time.thread_time() - cpu)
            timings[query] = (
                statistics.median(samples) * 1000,
                statistics.median(cpu_samples) * 1000,
                len(hits),
            )
    return {"queries": timings, "rss MiB": _peak_rss_mib() - before}


PHASES = {"index": _index_phase, "reopen": _reopen_phase, "search": _search_phase}


def run_phase(name: str, library: Path, file: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.library", "--phase", name, str(library), str(file)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


# --- the table ---------------------------------------------------------------------------------


def _row(measure: str, value: str, cpu: str = "", target: str = "") -> str:
    return f"{measure:<48} {value:>10} {cpu:>10} {target:>9}"


def table(reviews: int, words: int, prepared: float, found: dict[str, dict[str, Any]]) -> list[str]:
    index, reopen, search = found["index"], found["reopen"], found["search"]
    queries: dict[str, list[float]] = search["queries"]
    times = [ms for ms, _cpu, _hits in queries.values()]
    cpu_times = [cpu for _ms, cpu, _hits in queries.values()]
    made = f"generated in {prepared:.0f} s" if prepared else "from the cache"
    stall = index["main thread stall ms"]
    touched = f"refresh, {TOUCHED} bundles touched ({index['touched read']} read)"
    lines = [
        f"{TITLE}: {reviews:,} reviews of {words:,} words in {YEARS} year folders ({made})",
        "wall: elapsed time; CPU: the process's (first index) or the thread's (searches), which",
        "a busy machine stretches less",
        "",
        _row("measure", "wall", "CPU", "target"),
        _row("-" * 48, "-" * 10, "-" * 10, "-" * 9),
        _row(
            "first index, in a worker thread",
            f"{index['first index s']:.2f} s",
            f"{index['first index cpu s']:.2f} s",
            "<= 10 s",
        ),
        _row("  longest wait of the main thread (10 ms ticks)", f"{stall:.1f} ms", "", "<= 50 ms"),
        _row("  longest time for one bundle", f"{index['longest bundle ms']:.1f} ms"),
        _row("refresh, nothing changed", f"{index['unchanged s']:.2f} s"),
        _row(touched, f"{index['touched s']:.2f} s"),
        _row(
            f"reopen to the full list ({reopen['entries']} entries)",
            f"{reopen['reopen s']:.3f} s",
            "",
            "<= 0.5 s",
        ),
        _row(
            f"search, median of {len(times)} queries",
            f"{statistics.median(times):.1f} ms",
            f"{statistics.median(cpu_times):.1f} ms",
            "<= 50 ms",
        ),
        _row("search, slowest query", f"{max(times):.1f} ms", f"{max(cpu_times):.1f} ms"),
        _row("peak RSS added: first index and refreshes", f"{index['rss MiB']:.0f} MiB"),
        _row("peak RSS added: reopen", f"{reopen['rss MiB']:.0f} MiB"),
        _row("peak RSS added: searches", f"{search['rss MiB']:.0f} MiB"),
        _row("index file", f"{index['file MiB']:.0f} MiB"),
        "",
        f"{'query':<32} {'hits':>6} {'wall ms':>8} {'CPU ms':>8}",
        f"{'-' * 32} {'-' * 6} {'-' * 8} {'-' * 8}",
    ]
    lines += [
        f"{query:<32} {hits:>6} {ms:>8.1f} {cpu:>8.1f}"
        for query, (ms, cpu, hits) in queries.items()
    ]
    return lines


def environment_lines() -> list[str]:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return [
        "ReviewDesk library benchmark",
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"SQLite {sqlite3.sqlite_version}",
        f"{platform.platform()}, {os.cpu_count()} CPUs, load average {load} at the start",
    ]


# --- command line ------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.library", description=__doc__)
    parser.add_argument("--reviews", type=int, default=None, help=f"default {REVIEWS}")
    parser.add_argument("--words", type=int, default=None, help=f"default {WORDS}")
    parser.add_argument("--quick", action="store_true", help="smoke test: 200 reviews of 300")
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.reviews = args.reviews or (200 if args.quick else REVIEWS)
    args.words = args.words or (300 if args.quick else WORDS)
    if args.reviews < TOUCHED or args.words < 1:
        parser.error(f"--reviews must be at least {TOUCHED}, --words at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.phase:
        library, file = (Path(path) for path in args.paths)
        print(json.dumps(PHASES[args.phase](library, file)))
        return 0
    print("\n".join(environment_lines()), end="\n\n", flush=True)
    library, prepared = prepare(args.reviews, args.words)
    with tempfile.TemporaryDirectory(prefix="reviewdesk-bench-") as temp:
        file = Path(temp) / "index" / "library.sqlite3"
        found = {name: run_phase(name, library, file) for name in PHASES}
    print("\n".join(table(args.reviews, args.words, prepared, found)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
