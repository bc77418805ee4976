"""The one place that finds `resources/` (templates, CSS, the sample review)."""

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """`resources/` in a PyInstaller build, an installed wheel or a source checkout."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = [
        Path(frozen_root) / "resources" if frozen_root else None,
        Path(__file__).resolve().parent.parent / "resources",  # inside the wheel
        Path(__file__).resolve().parents[3] / "resources",  # src/reviewdesk/core -> repo
    ]
    for candidate in candidates:
        if candidate is not None and (candidate / "templates").is_dir():
            return candidate
    raise FileNotFoundError("ReviewDesk's resources folder is missing from this installation")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
