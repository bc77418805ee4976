"""A bundle's files, their names and limits, without its model: what the window's first look
(ui/first_look.py) and the command line need before the models are loaded."""

from __future__ import annotations

import os
from pathlib import Path

REVIEW_FILE = "review.yaml"
BODY_FILE = "body.md"
ASSETS_DIR = "assets"
MAX_YAML_BYTES = 1 << 20
# About 800,000 words: beyond that, rendering a preview takes seconds per edit.
MAX_BODY_BYTES = 5 << 20
# The files a save replaces together, one consistent version at a time.
COMMITTED_FILES = (REVIEW_FILE, BODY_FILE)


def folder_of(path: str | os.PathLike[str]) -> Path:
    """The bundle folder, given the folder itself or its `review.yaml`."""
    path = Path(path)
    return path.parent if path.name == REVIEW_FILE and path.is_file() else path
