"""The one way the core opens a file of a review to read it: a regular file, inside the review's
folder once links are followed, never more than a set size.

A review may come from someone else. A link out of it would publish whatever it points to
(`body.md -> /proc/self/environ`), a FIFO blocks its reader forever, `/dev/zero` never ends, and
`/proc` files say they are empty whatever they hold: each is refused with a short phrase that
follows the file's name in a message ("body.md: is a FIFO, not a file")."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

# O_NONBLOCK: opening a FIFO must not wait for a writer (a regular file ignores the flag).
# O_NOFOLLOW: the name opened is already resolved; a link there now was put there since.
_READ_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOFOLLOW
_CHUNK = 1 << 20
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


class UnsafeFile(Exception):  # noqa: N818 (the name the callers know it by)
    """A file the core will not read; `message` says why, to follow the file's name."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def read_inside(root: Path, path: Path, limit: int) -> bytes:
    """The bytes of `path`, a regular file inside the folder `root` (both judged after following
    links), at most `limit` of them. UnsafeFile for anything else; FileNotFoundError and other
    OSErrors as usual for a missing or unreadable file."""
    return read_regular(regular_file_inside(root, path), limit)


def regular_file_inside(root: Path, path: Path, *, within: str = "the review") -> Path:
    """`path` resolved, when it is a regular file inside `root` resolved; `within` names the
    root in the message when it is not."""
    real_root = Path(os.path.realpath(root))
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(real_root):
        raise UnsafeFile(_outside(root, path, "file", within))
    refuse_kind(os.stat(real).st_mode)  # stat, not open: opening a device can act on it
    return real


def folder_inside(root: Path, path: Path, *, within: str = "the review") -> Path:
    """`path` resolved, when it is a folder inside `root` resolved."""
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(Path(os.path.realpath(root))):
        raise UnsafeFile(_outside(root, path, "folder", within))
    if not stat.S_ISDIR(os.stat(real).st_mode):
        raise UnsafeFile("is a file, not a folder")
    return real


def open_regular(path: Path, limit: int | None = None) -> int:
    """A descriptor open for reading on the regular file `path` (links followed), no larger
    than `limit` bytes when given. The caller closes it."""
    real = os.path.realpath(path)
    refuse_kind(os.stat(real).st_mode)
    try:
        fd = os.open(real, _READ_FLAGS)
    except OSError as error:
        if error.errno == errno.ELOOP:  # swapped for a link since it was resolved
            raise UnsafeFile("changed into a link while being opened") from None
        raise
    try:
        info = os.fstat(fd)  # what was opened, whatever the name points to now
        refuse_kind(info.st_mode)
        if limit is not None and info.st_size > limit:
            raise UnsafeFile(f"is {amount(info.st_size)}; the limit is {amount(limit)}")
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file `path`, refused past `limit`. Reads at most `limit` + 1
    bytes whatever the file's size says: a file of /proc says 0 and holds more."""
    fd = open_regular(path, limit)
    try:
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    if left <= 0:
        raise UnsafeFile(f"is over the limit of {amount(limit)}")
    return b"".join(chunks)


def refuse_kind(mode: int) -> None:
    """UnsafeFile unless `mode` is a regular file's."""
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _KINDS if test(mode)), "something else")
    raise UnsafeFile(f"is {kind}, not a file")


def amount(count: int) -> str:
    """A number of bytes as a person reads it: 7.2 MiB, 5 MiB, 300 KiB."""
    if count >= 1 << 20:
        mib = count / (1 << 20)
        return f"{mib:.0f} MiB" if count % (1 << 20) == 0 else f"{mib:.1f} MiB"
    if count >= 1 << 10:
        return f"{count >> 10} KiB"
    return f"{count} bytes"


def _outside(root: Path, path: Path, what: str, within: str) -> str:
    """Why `path` is outside `root`: through a link, or by its very name."""
    written = os.path.normpath(os.path.abspath(path))
    if Path(written).is_relative_to(os.path.abspath(root)):
        return f"is a link to a {what} outside {within}"
    return f"is outside {within}"
