"""Atomic file writes: a crash or a full disk never leaves a half-written file.

A file is written in full to a temporary file beside it, fsynced, given the permissions and
owner of the file it replaces, and only then renamed over it. Files the writer cannot write
(read-only, another user's) are refused as editors refuse them: the rename would bypass that.
Several files that must change together go through `reviewdesk.core.commit`."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path


def _read_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


# Read once: os.umask() is process-wide, so toggling it later could race other threads.
_UMASK = _read_umask()
TEMP_SUFFIX = ".tmp"


class NotReplaceableError(OSError):
    """The file exists but may not be replaced (read-only, another user's, not a file)."""


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data`, atomically. Raises OSError naming `path`."""
    existing = replaceable(path)
    temp = stage(path, data, existing)
    try:
        os.replace(temp, path)
    except OSError as error:
        discard(temp)
        raise _naming(error, path) from None
    except BaseException:
        discard(temp)
        raise
    fsync_folder(path.parent)


def replaceable(path: Path) -> os.stat_result | None:
    """The status of the file `path` names, None when there is none; NotReplaceableError when
    saving over it would overwrite what the writer may not write, or replace a link."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(found.st_mode):
        raise NotReplaceableError(errno.EPERM, "is a link, not a file", str(path))
    if not stat.S_ISREG(found.st_mode):
        raise NotReplaceableError(errno.EPERM, "is not a regular file", str(path))
    if found.st_mode & 0o222 == 0:
        raise NotReplaceableError(errno.EACCES, "is read-only", str(path))
    if not _is_root() and not os.access(path, os.W_OK):
        whose = "another user's file" if found.st_uid != os.getuid() else "not writable by you"
        raise NotReplaceableError(errno.EACCES, f"is read-only ({whose})", str(path))
    return found


def _is_root() -> bool:
    # Root may write any file: only the mode bits say that the writer meant it read-only.
    return hasattr(os, "geteuid") and os.geteuid() == 0


def stage(path: Path, data: bytes, existing: os.stat_result | None) -> Path:
    """`data` in a new fsynced temporary file beside `path`, with the permissions and owner
    of `existing` (the file it will replace). Raises OSError naming `path`, never the
    temporary file."""
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    except OSError as error:
        raise _naming(error, path) from None
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            if hasattr(os, "fchmod"):  # not on Windows before Python 3.13
                os.fchmod(stream.fileno(), _mode(existing))
            else:
                os.chmod(temp, _mode(existing))
            _keep_owner(stream.fileno(), existing, path)
            os.fsync(stream.fileno())
    except OSError as error:
        discard(temp)
        raise _naming(error, path) from None
    except BaseException:
        discard(temp)
        raise
    return temp


def discard(temp: Path) -> None:
    with contextlib.suppress(OSError):
        temp.unlink()


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


def _mode(existing: os.stat_result | None) -> int:
    """Keep an existing file's permissions; a new one gets the usual umask'd 0o666."""
    return existing.st_mode & 0o7777 if existing else 0o666 & ~_UMASK


def _keep_owner(fd: int, existing: os.stat_result | None, path: Path) -> None:
    """Give the new file the owner and group of the one it replaces; refuse when we cannot
    (a file of another user in a shared folder would silently become ours)."""
    if existing is None or not hasattr(os, "fchown"):
        return
    own = os.fstat(fd)
    if (own.st_uid, own.st_gid) == (existing.st_uid, existing.st_gid):
        return
    try:
        os.fchown(fd, existing.st_uid, existing.st_gid)
    except PermissionError:
        if own.st_uid != existing.st_uid:
            raise NotReplaceableError(
                errno.EPERM, "belongs to another user; saving would make it yours", str(path)
            ) from None
        # Only the group differs, and we are not in it: the folder's group is what we get.


def _naming(error: OSError, path: Path) -> OSError:
    """The same error, naming the file being written rather than a temporary one."""
    if isinstance(error, NotReplaceableError):
        return error
    found = type(error)(error.errno, error.strerror or str(error), str(path))
    return found
