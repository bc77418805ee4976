"""App start: `python -m bench.app_start [--runs N] [--exe PATH]`.

Starts `reviewdesk --smoke-test` N times (warm: the first, unmeasured run makes the user's
copy of the sample) on the offscreen platform, or on the X display in $DISPLAY with `--x11`,
as `python -m reviewdesk` or as the executable given with `--exe` (the frozen app of
packaging/build: `--exe dist/ReviewDesk/reviewdesk`), and prints the median, min and max of:
start to window shown, start to preview ready (the review's title read back from the preview's
DOM; from the warm-up's page, kept for the next start: ui/preview/early_page.py), and total
memory (PSS of the app and its QtWebEngine processes) with the sample open."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

KEYS = (("window_shown_ms", "window shown (ms)"), ("preview_ready_ms", "preview ready (ms)"),
        ("pss_total_mb", "total PSS (MiB)"))  # fmt: skip


def run_once(home: Path, x11: bool, exe: Path | None = None) -> dict[str, float]:
    env = dict(os.environ, HOME=str(home))
    # Warm means compiled too: a user's install keeps its bytecode, whatever this shell says.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for name in ("data", "config", "cache"):
        env[f"XDG_{name.upper()}_HOME"] = str(home / name)
    env.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
    if not x11:
        env["QT_QPA_PLATFORM"] = "offscreen"
    program = [str(exe)] if exe else [sys.executable, "-m", "reviewdesk"]
    done = subprocess.run(
        [*program, "--smoke-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--x11", action="store_true", help="use the display in $DISPLAY")
    parser.add_argument(
        "--exe", type=Path, help="run this executable instead of `python -m reviewdesk`"
    )
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        exe = options.exe.resolve() if options.exe else None
        run_once(home, options.x11, exe)  # warm-up: copies the sample, fills caches
        reports = [run_once(home, options.x11, exe) for _ in range(options.runs)]
    platform = "X11 ($DISPLAY)" if options.x11 else "offscreen"
    print(f"ReviewDesk start, {options.runs} runs after a warm-up, {platform}\n")
    print(f"{'measure':<22} {'median':>8} {'min':>8} {'max':>8}")
    print(f"{'-' * 22} {'-' * 8} {'-' * 8} {'-' * 8}")
    for key, label in KEYS:
        values = [report[key] for report in reports]
        print(
            f"{label:<22} {statistics.median(values):>8.0f} {min(values):>8.0f} {max(values):>8.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
