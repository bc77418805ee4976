"""The core benchmark: `python -m bench.core [--runs N] [--reviews N] [--quick]`.

Table 1 times the core operations on one generated review of 2k, 20k and 100k words
(median and min of N runs, after a warm-up run, `gc.collect()` before each run), against
bare Python-Markdown as the baseline. Table 2 times exporting N generated 2k-word bundles
to HTML files, in one process and with a pool of two.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import markdown

from bench.generate import write_bundle
from reviewdesk.core import bundle, exports
from reviewdesk.core.markdown_body import render_markdown

SIZES = (2_000, 20_000, 100_000)
BATCH_WORDS = 2_000
BASELINE_EXTENSIONS = ["extra", "toc", "sane_lists", "smarty"]
POOL_WORKERS = 2
CORE_TITLE = "Core operations"
BATCH_TITLE = "Batch export"

Action = Callable[[int], object]


@dataclass(frozen=True)
class Timing:
    median_ms: float
    min_ms: float


@dataclass(frozen=True)
class BatchTiming:
    mode: str
    seconds: float
    reviews: int

    @property
    def per_second(self) -> float:
        return self.reviews / self.seconds


# --- measuring ---------------------------------------------------------------------------------


def measure(action: Action, runs: int) -> Timing:
    """Time `action(run)` `runs` times after one warm-up call (`action(-1)`)."""
    action(-1)
    samples: list[float] = []
    for run in range(runs):
        gc.collect()
        start = time.perf_counter()
        action(run)
        samples.append(time.perf_counter() - start)
    return Timing(statistics.median(samples) * 1000, min(samples) * 1000)


def core_actions(folder: Path, scratch: Path) -> dict[str, Action]:
    """The operations of table 1 on the bundle at `folder`; `scratch` takes their output."""
    review = bundle.load(folder)
    body = review.body
    saved = scratch / "saved"
    shutil.copytree(folder, saved)
    out = scratch / "export" / "review.html"

    def load(_: int) -> object:
        return bundle.load(folder)

    def bare_markdown(_: int) -> object:
        return markdown.Markdown(extensions=BASELINE_EXTENSIONS).convert(body)

    def render(_: int) -> object:
        return render_markdown(body)

    def export_html(_: int) -> object:
        return exports.write(exports.export(review, folder, "html", stem="review"), out)

    def save(run: int) -> object:
        bundle.save(review.model_copy(update={"title": f"{review.title} (run {run})"}), saved)
        return None

    return {
        "load": load,
        "markdown": bare_markdown,
        "render": render,
        "export-html": export_html,
        "save": save,
    }


def export_one(job: tuple[Path, Path]) -> int:
    """Load the bundle `job[0]` and export it as HTML into the folder `job[1]`."""
    folder, out_dir = job
    result = exports.export(bundle.load(folder), folder, "html", stem=folder.name)
    exports.write(result, out_dir / f"{folder.name}.html")
    return len(result.text)


def run_serial(jobs: Sequence[tuple[Path, Path]]) -> float:
    gc.collect()
    start = time.perf_counter()
    for job in jobs:
        export_one(job)
    return time.perf_counter() - start


def run_pool(jobs: Sequence[tuple[Path, Path]], chunksize: int) -> float:
    """Wall time with a fresh pool, its start-up included."""
    gc.collect()
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=POOL_WORKERS) as pool:
        for _ in pool.map(export_one, jobs, chunksize=chunksize):
            pass
    return time.perf_counter() - start


# --- the two tables ----------------------------------------------------------------------------


def size_label(words: int) -> str:
    return f"{words // 1000}k"


def core_table(root: Path, runs: int) -> list[str]:
    lines = [
        f"{CORE_TITLE} (ms; median and min of {runs} runs after a warm-up)",
        f"{'size':<6} {'operation':<16} {'median':>10} {'min':>10}",
        f"{'-' * 6} {'-' * 16} {'-' * 10} {'-' * 10}",
    ]
    for words in SIZES:
        folder = write_bundle(root / f"review-{words}", words, seed=words)
        scratch = root / f"scratch-{words}"
        timings = {
            name: measure(action, runs) for name, action in core_actions(folder, scratch).items()
        }
        label = f"{size_label(words)}"
        for name, timing in timings.items():
            lines.append(f"{label:<6} {name:<16} {timing.median_ms:>10.2f} {timing.min_ms:>10.2f}")
        html, base = timings["export-html"], timings["markdown"]
        median_ratio = html.median_ms / base.median_ms
        min_ratio = html.min_ms / base.min_ms
        lines.append(f"{label:<6} {'export/markdown':<16} {median_ratio:>9.2f}x {min_ratio:>9.2f}x")
    return lines


def batch_table(root: Path, reviews: int) -> list[str]:
    started = time.perf_counter()
    folders = [
        write_bundle(root / "bundles" / f"review-{seed:05d}", BATCH_WORDS, seed=seed)
        for seed in range(1, reviews + 1)
    ]
    prepared = time.perf_counter() - started
    export_one((folders[0], root / "warm-up"))
    chunksize = max(1, reviews // 8)
    results = [
        BatchTiming(
            "serial (1 process)",
            run_serial([(folder, root / "serial") for folder in folders]),
            reviews,
        ),
        BatchTiming(
            f"pool ({POOL_WORKERS} processes, chunksize {chunksize})",
            run_pool([(folder, root / "pool") for folder in folders], chunksize),
            reviews,
        ),
    ]
    lines = [
        f"{BATCH_TITLE}: {reviews} bundles of {size_label(BATCH_WORDS)} words to HTML files "
        f"(load + export + write; prepared in {prepared:.1f} s)",
        f"{'mode':<40} {'wall s':>8} {'reviews/s':>10}",
        f"{'-' * 40} {'-' * 8} {'-' * 10}",
    ]
    lines += [f"{r.mode:<40} {r.seconds:>8.2f} {r.per_second:>10.1f}" for r in results]
    speedup = results[0].seconds / results[1].seconds
    lines.append(f"{'speed-up of the pool':<40} {speedup:>7.2f}x")
    return lines


def environment_lines() -> list[str]:
    versions = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("Markdown", "nh3", "Jinja2", "pydantic")
    )
    return [
        "ReviewDesk core benchmark",
        f"Python {platform.python_version()} ({platform.python_implementation()}), {versions}",
        f"{platform.platform()}, {os.cpu_count()} CPUs",
    ]


# --- command line ------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.core", description=__doc__)
    parser.add_argument("--runs", type=int, help="timed runs per operation (default 7)")
    parser.add_argument("--reviews", type=int, help="bundles in the batch (default 1000)")
    parser.add_argument("--quick", action="store_true", help="smoke test: 3 runs, 100 reviews")
    args = parser.parse_args(argv)
    if args.runs is None:
        args.runs = 3 if args.quick else 7
    if args.reviews is None:
        args.reviews = 100 if args.quick else 1000
    if args.runs < 1 or args.reviews < 1:
        parser.error("--runs and --reviews must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    print("\n".join(environment_lines()), end="\n\n", flush=True)
    with tempfile.TemporaryDirectory(prefix="reviewdesk-bench-") as temp:
        root = Path(temp)
        print("\n".join(core_table(root, args.runs)), end="\n\n", flush=True)
        print("\n".join(batch_table(root, args.reviews)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
