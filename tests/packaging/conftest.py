"""The frozen app, built once per test session by `packaging/build`.

A build is reused only when it was made by this fixture from exactly the source files there are
now (pyproject.toml, src/, resources/, packaging/: each file's path, size and modification time,
taken when its build started), and its executable is still the one that build made. Anything
else, a stale or a hand-made build included, is rebuilt. Builds are serialised by a file lock,
so pytest-xdist workers (and two test sessions) never build at the same time."""

from __future__ import annotations

import fcntl
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.missing_tools import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
APP_DIR = ROOT / "dist" / "ReviewDesk"
EXECUTABLE = APP_DIR / "reviewdesk"
BUILD = ROOT / "packaging" / "build"
STAMP = ROOT / "build" / "frozen-app.json"
LOCK = ROOT / "build" / "frozen-app.lock"
SOURCES = ("pyproject.toml", "src", "resources", "packaging")
BUILD_TIMEOUT_S = 1800


def source_manifest() -> dict[str, list[int]]:
    """Every source file the build is made of, with its size and modification time."""
    manifest: dict[str, list[int]] = {}
    for name in SOURCES:
        top = ROOT / name
        files = [top] if top.is_file() else sorted(top.rglob("*"))
        for path in files:
            if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            info = path.stat()
            manifest[path.relative_to(ROOT).as_posix()] = [info.st_size, info.st_mtime_ns]
    return manifest


def _is_current() -> bool:
    try:
        stamp = json.loads(STAMP.read_text(encoding="utf-8"))
        executable_mtime = EXECUTABLE.stat().st_mtime_ns
    except (OSError, ValueError):
        return False
    return bool(
        stamp.get("executable_mtime_ns") == executable_mtime
        and stamp.get("sources") == source_manifest()
    )


@contextmanager
def _build_lock() -> Iterator[None]:
    """Held while a build is checked or made: one at a time, across processes."""
    LOCK.parent.mkdir(parents=True, exist_ok=True)
    with LOCK.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build() -> None:
    sources = source_manifest()  # as the build starts: an edit made meanwhile rebuilds next time
    started = time.monotonic()
    done = subprocess.run(
        ["bash", str(BUILD)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        check=False,
    )
    if done.returncode != 0 or not EXECUTABLE.is_file():
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-20:])
        skip_or_fail(f"packaging/build could not build the app:\n{tail}")
    record = {
        "executable_mtime_ns": EXECUTABLE.stat().st_mtime_ns,
        "build_s": round(time.monotonic() - started),
        "sources": sources,
    }
    STAMP.write_text(json.dumps(record), encoding="utf-8")


@pytest.fixture(scope="session")
def frozen_app() -> Path:
    """The executable of a build of the current sources (built now when needed)."""
    if not sys.platform.startswith("linux"):
        skip_or_fail("packaging/build is tested on Linux only")
    with _build_lock():
        if not _is_current():
            _build()
    return EXECUTABLE
