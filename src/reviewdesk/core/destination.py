"""Writing an export or an import into the folder it was given, and nowhere else.

Every file lands inside the destination judged after following links: folders are made one by
one from it, a link among them that leads out of it is refused, and a link where a file goes is
replaced, never written through. A device, FIFO or socket where a file or the root goes, or a
link to one, is refused: a file must not quietly stand in for it. The files go all or none:
each is written in full to a temporary file in its folder, and renamed over its target only
once every one is; a failure (a full disk, a read-only folder) removes the temporary files and
the folders made for them."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC
_NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | os.O_NOFOLLOW


class WriteError(OSError):
    """A file that could not be written: `filename` names it (the file asked for, never a
    temporary one) and `strerror` says why, in words that follow the name."""


def failed(path: Path, error: OSError) -> WriteError:
    """`error`, met while writing `path`, as one line naming `path`."""
    if isinstance(error, WriteError):
        return error
    reason = error.strerror or str(error)
    return WriteError(error.errno or errno.EIO, f"could not be written: {reason}", str(path))


class Destination:
    """Files written into the folder `root` and nowhere else, all or none: use it as a context
    manager, `write` each file, and they are all renamed into place when the block ends, or all
    taken back when it raises."""

    def __init__(self, root: Path, *, durable: bool = True) -> None:
        """Not `durable`: the files are not flushed to the disk one by one (a batch of many
        flushes once at its end, `os.sync`); all or none all the same."""
        self.root = Path(os.path.normpath(os.path.abspath(root)))
        self._durable = durable
        self._given = Path(root)  # as the writer gave it, for messages
        self._root_fd: int | None = None
        self._real_root = self.root
        self._folders: dict[tuple[str, ...], int] = {}  # open, by their real path under root
        self._made: list[Path] = []  # folders this made, outermost first
        self._staged: list[tuple[int, str, str, Path]] = []  # folder fd, temp, name, path

    def __enter__(self) -> Destination:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()

    def write(self, path: Path, data: bytes) -> None:
        """Stage `data` to become the file `path`, which must lie inside the root."""
        path = Path(os.path.normpath(path))  # named in messages as the writer would write it
        folder, name = self._folder_of(path)
        try:
            found = os.stat(name, dir_fd=folder, follow_symlinks=False)
        except FileNotFoundError:
            pass
        except OSError as error:
            raise failed(path, error) from error
        else:
            _refuse_in_the_way(folder, name, found, path)
        self._staged.append((folder, self._stage(folder, name, data, path), name, path))

    def commit(self) -> list[Path]:
        """Rename every staged file into place; the paths written, in the order given."""
        written: list[Path] = []
        try:
            for folder, temp, name, path in self._staged:
                try:
                    os.replace(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
                except OSError as error:
                    raise failed(path, error) from error
                written.append(path)
            if self._durable:
                for folder in dict.fromkeys(staged[0] for staged in self._staged):
                    _fsync(folder)
        except BaseException:
            self._staged = self._staged[len(written) :]
            self.abort()
            raise
        self._staged = []
        self._close()
        return written

    def abort(self) -> None:
        """Take back every staged file and every folder made for them."""
        for folder, temp, _, _ in self._staged:
            with contextlib.suppress(OSError):
                os.unlink(temp, dir_fd=folder)
        self._staged = []
        for made in reversed(self._made):
            with contextlib.suppress(OSError):
                os.rmdir(made)  # only when empty: what was renamed into it stays
        self._made = []
        self._close()

    def _close(self) -> None:
        for fd in {*self._folders.values(), *([] if self._root_fd is None else [self._root_fd])}:
            with contextlib.suppress(OSError):
                os.close(fd)
        self._folders = {}
        self._root_fd = None

    def _folder_of(self, path: Path) -> tuple[int, str]:
        """The open folder `path` goes in, made if need be, and its name there."""
        absolute = Path(os.path.normpath(os.path.abspath(path)))
        if not absolute.is_relative_to(self.root) or absolute == self.root:
            raise WriteError(errno.EPERM, f"is outside the destination {self.root}", str(path))
        parts = absolute.relative_to(self.root).parts
        try:
            return self._open(parts[:-1], path), parts[-1]
        except OSError as error:
            raise failed(path, error) from error

    def _open(self, parts: tuple[str, ...], path: Path) -> int:
        """The folder root/`parts`, opened without following a link out of the root."""
        if not parts:
            return self._open_root()
        known = self._folders.get(parts)
        if known is not None:
            return known
        parent = self._open(parts[:-1], path)
        try:
            fd = os.open(parts[-1], _FOLDER_FLAGS | os.O_NOFOLLOW, dir_fd=parent)
        except FileNotFoundError:
            with contextlib.suppress(FileExistsError):  # made meanwhile by another export: as good
                os.mkdir(parts[-1], dir_fd=parent)
                self._made.append(self._real_root.joinpath(*parts))
            fd = os.open(parts[-1], _FOLDER_FLAGS | os.O_NOFOLLOW, dir_fd=parent)
        except OSError as error:
            if error.errno not in (errno.ENOTDIR, errno.ELOOP):
                raise
            fd = self._follow(parent, parts, path)
        self._folders[parts] = fd
        return fd

    def _follow(self, parent: int, parts: tuple[str, ...], path: Path) -> int:
        """The folder a link at root/`parts` leads to, when that is inside the root."""
        folder = self.root.joinpath(*parts)
        if not stat.S_ISLNK(os.stat(parts[-1], dir_fd=parent, follow_symlinks=False).st_mode):
            raise WriteError(
                errno.ENOTDIR, f"could not be written: {folder} is a file, not a folder", str(path)
            )
        real = Path(os.path.realpath(self._real_root.joinpath(*parts)))
        if not real.is_relative_to(self._real_root) or real == self._real_root:
            raise WriteError(
                errno.EPERM,
                f"could not be written: {folder} is a link to a folder outside {self.root}",
                str(path),
            )
        # A link inside the destination: opened by its real path, again link by link.
        return os.dup(self._open(real.relative_to(self._real_root).parts, path))

    def _open_root(self) -> int:
        if self._root_fd is None:
            missing = []
            folder = self.root
            while not os.path.lexists(folder) and folder != folder.parent:
                missing.append(folder)
                folder = folder.parent
            for folder in reversed(missing):
                with contextlib.suppress(FileExistsError):  # as in _open
                    os.mkdir(folder)
                    self._made.append(folder)
            # The root is the writer's choice: a link to it is followed.
            kind = special_kind(self.root)
            if kind is not None:
                raise WriteError(errno.ENOTDIR, f"is {kind}, not a folder", str(self._given))
            self._root_fd = os.open(self.root, _FOLDER_FLAGS)
            self._real_root = Path(os.path.realpath(self.root))
        return self._root_fd

    def _stage(self, folder: int, name: str, data: bytes, path: Path) -> str:
        """`data` in a new temporary file in `folder` (fsynced when durable); its name."""
        while True:
            temp = f".{name[:200]}.{secrets.token_hex(4)}.tmp"
            try:
                fd = os.open(temp, _NEW_FILE_FLAGS, 0o666, dir_fd=folder)
                break
            except FileExistsError:
                continue
            except OSError as error:
                raise failed(path, error) from error
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if self._durable:
                os.fsync(fd)
        except OSError as error:
            with contextlib.suppress(OSError):
                os.unlink(temp, dir_fd=folder)
            raise failed(path, error) from error
        finally:
            os.close(fd)
        return temp


# What may not be replaced by a file: the writer named it, and a file there would quietly stand
# in for it (`-o /dev/null` made a file of that name, and as root `-o /dev/full` unmade the
# device). Stat only: opening a device or a FIFO can act on it or wait.
_SPECIAL = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str | None:
    """What a special file is ("a FIFO"), None for a regular file, a folder or a link."""
    return next((kind for test, kind in _SPECIAL if test(mode)), None)


def special_kind(path: Path) -> str | None:
    """What `path` is when it exists, links followed, and is a special file ("a FIFO")."""
    try:
        return _kind(os.stat(path).st_mode)
    except OSError:
        return None  # missing, or what opening it will say


def _refuse_in_the_way(folder: int, name: str, found: os.stat_result, path: Path) -> None:
    """Refuse to put a file where a folder or a special file is, or a link to a special file
    (`-o stdout` linked to /proc/self/fd/1). Any other link is replaced, never followed."""
    if stat.S_ISDIR(found.st_mode):
        raise WriteError(errno.EISDIR, "is a folder, not a file", str(path))
    kind = _kind(found.st_mode)
    if kind is None and stat.S_ISLNK(found.st_mode):
        try:
            kind = _kind(os.stat(name, dir_fd=folder).st_mode)
        except OSError:
            return  # a link to nothing, or a loop: replaced like any link
        if kind is not None:
            kind = f"a link to {kind}"
    if kind is not None:
        raise WriteError(errno.EEXIST, f"is {kind}, not a file", str(path))


def _fsync(folder: int) -> None:
    with contextlib.suppress(OSError):
        os.fsync(folder)


@contextlib.contextmanager
def fresh_folder(path: Path) -> Iterator[None]:
    """For a block that makes a new folder at `path` (missing, or empty): when it fails, what it
    made is removed, so that trying again finds things as they were."""
    top = None
    folder = Path(os.path.abspath(path))
    while not os.path.lexists(folder) and folder != folder.parent:
        top, folder = folder, folder.parent
    before = set(os.listdir(path)) if top is None and os.path.isdir(path) else set()
    try:
        yield
    except BaseException:
        if top is not None:
            shutil.rmtree(top, ignore_errors=True)
        elif os.path.isdir(path):
            for name in set(os.listdir(path)) - before:
                _remove(Path(path) / name)
        raise


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()
