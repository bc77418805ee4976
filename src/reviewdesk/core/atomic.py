"""Atomic file writes: a crash or a full disk never leaves a half-written file, and a set of
files written together is seen either all old or all new.

Writing several files of one folder, the renames are announced first in a commit journal (one
atomic file): a crash between two renames leaves the journal, and `committed()` then reads the
new version of every file from where it waits. The next write in that folder finishes the
renames first."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


def _read_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


# Read once: os.umask() is process-wide, so toggling it later could race other threads.
_UMASK = _read_umask()


def write_atomic(path: Path, data: bytes) -> None:
    write_all_atomic({path: data})


JOURNAL = ".reviewdesk-commit.json"


def write_all_atomic(files: Mapping[Path, bytes]) -> None:
    """Replace each file with its data: every file is first written in full to a temporary
    file in its folder and fsynced, and only then renamed over its target, then the folders
    are fsynced. A failure while writing (a full disk, say) leaves every target as it was;
    a crash while renaming leaves a journal that `committed()` reads the new files through."""
    folders = list(dict.fromkeys(path.parent for path in files))
    for folder in folders:
        finish(folder)
    for path in files:
        remove_strays(path)
    journal = folders[0] / JOURNAL if len(files) > 1 and len(folders) == 1 else None
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            staged.append((_stage(path, data), path))
        if journal is not None:
            entries = [[temp.name, path.name] for temp, path in staged]
            _replace_with(journal, json.dumps(entries).encode("utf-8"))
            fsync_folder(journal.parent)
        for temp, path in staged:
            os.replace(temp, path)
    except BaseException:
        if journal is None or not journal.exists():
            for temp, _ in staged:
                with contextlib.suppress(FileNotFoundError):
                    temp.unlink()  # nothing was announced: the old files stand
        raise
    for folder in folders:
        fsync_folder(folder)
    if journal is not None:
        journal.unlink()
        fsync_folder(journal.parent)


def committed(path: Path) -> Path:
    """Where the current content of `path` is: a file waiting to be renamed over it when a
    crash interrupted a commit, else `path` itself."""
    for temp, target in _journal(path.parent):
        if target == path.name and (path.parent / temp).exists():
            return path.parent / temp
    return path


def finish(folder: Path) -> None:
    """Complete a commit a crash interrupted in `folder`: rename what still waits."""
    remove_strays(folder / JOURNAL)
    entries = _journal(folder)
    if not entries:
        return
    for temp, target in entries:
        if (folder / temp).exists():
            os.replace(folder / temp, folder / target)
    fsync_folder(folder)
    (folder / JOURNAL).unlink(missing_ok=True)
    fsync_folder(folder)


def remove_strays(path: Path) -> None:
    """Temporary files of `path` a killed save left behind (no journal names them)."""
    for stray in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stray.unlink()


def _journal(folder: Path) -> list[tuple[str, str]]:
    try:
        entries = json.loads((folder / JOURNAL).read_bytes())
    except (OSError, ValueError):
        return []  # none, or one whose own write did not finish: the old files stand
    names = [(str(temp), str(target)) for temp, target in entries]
    # Only names within the folder: the journal is read, never trusted to point elsewhere.
    return [(t, p) for t, p in names if "/" not in t + p and "\\" not in t + p]


def _replace_with(path: Path, data: bytes) -> None:
    temp = _stage(path, data)
    try:
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise


def _stage(path: Path, data: bytes) -> Path:
    """`data` in a new fsynced temporary file beside `path`, with `path`'s permissions."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, _mode_for(path))
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return temp


def fsync_folder(folder: Path) -> None:
    """Make renames in `folder` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new one gets the usual umask'd 0o666."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~_UMASK
