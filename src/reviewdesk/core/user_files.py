"""Where ReviewDesk keeps the user's files: the copy of the sample review, previews, settings,
the writer's word list."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from reviewdesk.core.resources import resource

APP_NAME = "ReviewDesk"
SAMPLE_NAME = "Sample review"


def data_dir() -> Path:
    """The per-user data folder of the platform (XDG on Linux)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_NAME


def recovery_dir() -> Path:
    """Where the copies of unsaved edits are kept (core/recovery.py)."""
    return data_dir() / "recovery"


def personal_words_file() -> Path:
    """The writer's own word list for spell checking (core/spelling_words.py)."""
    return data_dir() / "words.txt"


def config_dir() -> Path:
    """The per-user settings folder of the platform (XDG on Linux): publishing sites."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Preferences"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / APP_NAME


def cache_dir() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / APP_NAME / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP_NAME
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / APP_NAME


def sample_copy() -> Path:
    """The user's own copy of the sample review, made on first use; the installed
    resource itself is never opened for editing."""
    target = data_dir() / SAMPLE_NAME
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.with_name(f".{SAMPLE_NAME}.partial")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(resource("sample"), staging)
        staging.rename(target)  # a half-made copy is never taken for the sample
    return target


def preview_dir() -> Path:
    folder = cache_dir() / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
