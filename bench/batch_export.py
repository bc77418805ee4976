"""Batch export against Hugo: `python -m bench.batch_export [--reviews N] [--runs N]`.

Generates N bundles of 2k words (bench.generate), then times, in the same run:

- `reviewdesk export FOLDER --to html -o OUT -j J` as a writer runs it (a process of its own,
  its start included), for each J of --jobs;
- `hugo` 0.111 building the same N reviews as pages: exported once with `--to hugo` into a
  fixture site made as tests/e2e/test_static_site_builds.py makes it (our layouts and
  stylesheets, pages only), built from a clean public/ and cache each run.

Each run times every export and then Hugo, one after the other (a fresh output folder each
time); the table gives the medians of --runs runs, and the ratio as the median of each run's
own ratio, so that a neighbour's load that comes and goes weighs on both sides alike. The
target of issue 17: the HTML export takes at most 3x Hugo's build. The machine's load is
printed with the table.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.generate import write_bundle
from bench.hugo_site import hugo_site

WORDS = 2_000
TARGET_RATIO = 3.0
TITLE = "Batch export to HTML against a Hugo build of the same pages"


def generate(folder: Path, reviews: int) -> Path:
    for seed in range(1, reviews + 1):
        write_bundle(folder / f"review-{seed:05d}", WORDS, seed=seed)
    return folder


def reviewdesk(*args: str | Path) -> float:
    """Wall seconds of `python -m reviewdesk ARGS`; fails loudly when it fails."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "reviewdesk", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"reviewdesk {' '.join(map(str, args))} failed:\n{done.stderr}")
    return seconds


def time_export(bundles: Path, scratch: Path, jobs: int, run: int) -> float:
    out = scratch / f"html-j{jobs}-{run}"
    seconds = reviewdesk("export", bundles, "--to", "html", "-o", out, "-j", str(jobs))
    shutil.rmtree(out)
    return seconds


def exported_site(root: Path, bundles: Path) -> Path:
    """A fixture site as the static-site build tests make it, the reviews exported into it."""
    site = hugo_site(root)
    reviewdesk("export", bundles, "--to", "hugo", "-o", site / "content" / "reviews", "-j", "2")
    return site


def time_hugo(hugo: str, site: Path, reviews: int) -> float:
    shutil.rmtree(site / "public", ignore_errors=True)
    shutil.rmtree(site / ".cache", ignore_errors=True)
    started = time.perf_counter()
    # The generated reviews are ready, not published: Hugo's drafts.
    done = subprocess.run(
        [hugo, "--buildDrafts", "--panicOnWarning", "--cacheDir", str(site / ".cache")],
        cwd=site,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    pages = list((site / "public" / "reviews").glob("*/index.html"))
    if done.returncode != 0 or len(pages) != reviews:
        raise SystemExit(f"hugo built {len(pages)} of {reviews} pages:\n{done.stderr}")
    return seconds


def rounds(  # noqa: PLR0917 (the bench's settings, handed on)
    bundles: Path, root: Path, jobs: list[int], runs: int, hugo: str | None, reviews: int
) -> tuple[dict[int, float], float | None, dict[int, float]]:
    """Each run times every export and Hugo one after the other, so that a run's ratios share
    the machine's state of the moment (a neighbour's load comes and goes within a minute):
    the medians of the times, and of each run's ratios."""
    site = exported_site(root, bundles) if hugo else None
    times: dict[int, list[float]] = {j: [] for j in jobs}
    hugo_times: list[float] = []
    ratios: dict[int, list[float]] = {j: [] for j in jobs}
    for run in range(runs):
        this = {j: time_export(bundles, root, j, run) for j in jobs}
        for j, seconds in this.items():
            times[j].append(seconds)
        if hugo and site:
            built = time_hugo(hugo, site, reviews)
            hugo_times.append(built)
            for j, seconds in this.items():
                ratios[j].append(seconds / built)
    medians = {j: statistics.median(values) for j, values in times.items()}
    hugo_median = statistics.median(hugo_times) if hugo_times else None
    return medians, hugo_median, {j: statistics.median(v) for j, v in ratios.items() if v}


def table(
    reviews: int, exports: dict[int, float], hugo: float | None, ratios: dict[int, float]
) -> list[str]:
    hugo_text = f"{hugo:.2f}" if hugo is not None else "-"
    lines = [
        f"{TITLE} ({reviews} reviews of {WORDS // 1000}k words)",
        f"{'reviews':>7} {'-j':>3} {'seconds':>8} {'per review':>11} {'hugo s':>7} {'ratio':>6}",
        f"{'-' * 7} {'-' * 3} {'-' * 8} {'-' * 11} {'-' * 7} {'-' * 6}",
    ]
    for jobs, seconds in exports.items():
        ratio = f"{ratios[jobs]:.2f}x" if jobs in ratios else "-"
        per_review = f"{seconds / reviews * 1000:.2f} ms"
        lines.append(
            f"{reviews:>7} {jobs:>3} {seconds:>8.2f} {per_review:>11} {hugo_text:>7} {ratio:>6}"
        )
    if ratios:
        best = min(ratios.values())
        verdict = "met" if best <= TARGET_RATIO else "NOT met"
        lines.append(f"target: at most {TARGET_RATIO:.0f}x hugo's build: {verdict} ({best:.2f}x)")
    return lines


def environment() -> str:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"Python {platform.python_version()}, {platform.platform()}, {os.cpu_count()} CPUs, "
        f"load average {load}"
    )


def hugo_version(hugo: str) -> str:
    done = subprocess.run([hugo, "version"], capture_output=True, text=True, check=False)
    return done.stdout.strip().split(" BuildDate")[0]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.batch_export", description=__doc__)
    parser.add_argument("--reviews", type=int, default=1000, help="bundles (default 1000)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each (default 3)")
    parser.add_argument(
        "--jobs", default="1,2", help="the -j values of the export, comma-separated (default 1,2)"
    )
    args = parser.parse_args(argv)
    args.jobs = [int(value) for value in args.jobs.split(",")]
    if args.reviews < 1 or args.runs < 1 or min(args.jobs) < 1:
        parser.error("--reviews, --runs and --jobs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    hugo = shutil.which("hugo")
    print(environment())
    print(hugo_version(hugo) if hugo else "hugo: not found (apt-get install hugo): no ratio")
    with tempfile.TemporaryDirectory(prefix="reviewdesk-bench-") as temp:
        root = Path(temp)
        started = time.perf_counter()
        bundles = generate(root / "bundles", args.reviews)
        print(f"generated {args.reviews} bundles in {time.perf_counter() - started:.1f} s\n")
        exports, seconds, ratios = rounds(bundles, root, args.jobs, args.runs, hugo, args.reviews)
    print("\n".join(table(args.reviews, exports, seconds, ratios)))
    print(
        f"(medians of {args.runs} runs, each run every export then Hugo; the ratio is the "
        f"median of the runs' own ratios; {environment().rsplit(', ', 1)[1]} at the end)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
