"""PySide6 6.12.0 on CPython 3.11 loses references to None on event-loop calls until
the interpreter aborts; no supported combination of versions may have that bug."""

import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
BAD = ("3.11", "6.12.0")
CHECK = """
import os, sys
from PySide6.QtCore import QCoreApplication, QTimer
app = QCoreApplication([])
N = 2000
before = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(N):
    QTimer.singleShot(0, lambda: None)
    app.processEvents()
after = sys.getrefcount(None), sys.getrefcount(True)
lost = max((b - a) / N for a, b in zip(after, before))
print(f"references lost per iteration: {lost:.2f}")
sys.stdout.flush()
os._exit(1 if lost > 0.5 else 0)  # a normal exit would abort in finalization
"""


def test_installed_pyside_keeps_references_to_none() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_dependencies_never_pair_pyside_6_12_0_with_python_3_11() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pysides = [Requirement(r) for r in project["dependencies"] if r.lower().startswith("pyside6")]
    assert pysides, "PySide6 is a dependency"
    for python in ("3.11", "3.12", "3.13"):
        chosen = [
            r for r in pysides if r.marker is None or r.marker.evaluate({"python_version": python})
        ]
        assert len(chosen) == 1, f"exactly one PySide6 pin applies on Python {python}"
        pinned = {str(s.version) for s in chosen[0].specifier if s.operator == "=="}
        assert pinned, f"PySide6 is pinned exactly on Python {python}"
        assert (python, pinned.pop()) != BAD, f"Python {python} would get PySide6 6.12.0"
