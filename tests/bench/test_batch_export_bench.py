"""The batch export benchmark (bench/batch_export.py) runs and prints its table; timings are
never asserted."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.batch_export import TITLE
from tests.missing_tools import require

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_a_small_run_prints_the_table_with_hugos_build() -> None:
    require("hugo", shutil.which("hugo"))
    done = subprocess.run(
        [sys.executable, "-m", "bench.batch_export", "--reviews", "6", "--runs", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"{TITLE} (6 reviews of 2k words)" in done.stdout
    for jobs in (1, 2):
        row = rf"^\s+6\s+{jobs}\s+[\d.]+\s+[\d.]+ ms\s+[\d.]+\s+[\d.]+x$"
        assert re.search(row, done.stdout, re.M), done.stdout
    assert re.search(
        r"^target: at most 3x hugo's build: (met|NOT met) \([\d.]+x\)$", done.stdout, re.M
    )
