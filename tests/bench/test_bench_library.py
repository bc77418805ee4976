"""The library benchmark runs and prints its table; timings are never asserted."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.library import QUERIES, TITLE, library_folder

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_quick_run_prints_the_table_and_keeps_its_library() -> None:
    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-m", "bench.library", "--quick", "--reviews", "30"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    out = run()
    assert f"{TITLE}: 30 reviews of 300 words in 6 year folders (generated in" in out
    for measure in (
        "first index, in a worker thread",
        "refresh, nothing changed",
        "refresh, 10 bundles touched (10 read)",
        "reopen to the full list (30 entries)",
        "search, median of 20 queries",
    ):
        assert re.search(rf"^{re.escape(measure)}\s+[\d.]+ m?s\b", out, re.M), measure
    for query in QUERIES:
        assert re.search(rf"^{re.escape(query)}\s+\d+\s+[\d.]+\s+[\d.]+$", out, re.M), query
    assert len(list(library_folder(30, 300).rglob("review.yaml"))) == 30
    assert f"{TITLE}: 30 reviews of 300 words in 6 year folders (from the cache)" in run()
