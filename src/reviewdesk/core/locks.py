"""A lock file in a bundle open for editing, so that a second ReviewDesk on the same bundle (on
this machine or on another sharing the folder) can warn before two writers overwrite each other.

The lock names its process id and host. On the same host a lock whose process is gone is
stale; from another host it cannot be checked, so the writer decides."""

from __future__ import annotations

import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reviewdesk.core.atomic import write_atomic

LOCK_FILE = ".reviewdesk.lock"


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    since: datetime

    @property
    def is_this_process(self) -> bool:
        return self.pid == os.getpid() and self.host == socket.gethostname()

    @property
    def is_stale(self) -> bool:
        """Left by a process of this host that is no longer running, or whose number another
        program has since been given."""
        return self.host == socket.gethostname() and not _running_reviewdesk(self.pid)

    def describe(self) -> str:
        when = self.since.astimezone().strftime("%d %B %Y at %H:%M")
        return f"ReviewDesk (process {self.pid}) on {self.host}, since {when}"


def holder(folder: Path) -> Holder | None:
    """Who holds the bundle's lock, if anyone (an unreadable lock counts as stale)."""
    try:
        data = json.loads((folder / LOCK_FILE).read_text(encoding="utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), datetime.fromisoformat(data["since"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return Holder(0, socket.gethostname(), datetime.now(UTC))  # pid 0: never running


def acquire(folder: Path) -> Holder | None:
    """Take the lock; return None when taken, or the live holder that has it (then nothing is
    written). A stale lock, or one of this process, is taken over."""
    current = holder(folder)
    if current is not None and not current.is_stale and not current.is_this_process:
        return current
    take(folder)
    return None


def take(folder: Path) -> None:
    """Take the lock whoever holds it (the writer chose to open anyway)."""
    since = datetime.now(UTC).isoformat(timespec="seconds")
    data = {"pid": os.getpid(), "host": socket.gethostname(), "since": since}
    write_atomic(folder / LOCK_FILE, json.dumps(data, allow_nan=False).encode("utf-8"))


def release(folder: Path) -> None:
    """Remove the lock if it is this process's."""
    current = holder(folder)
    if current is not None and current.is_this_process:
        (folder / LOCK_FILE).unlink(missing_ok=True)


def _running_reviewdesk(pid: int) -> bool:
    if pid == os.getpid():
        return True
    return _running(pid) and _is_reviewdesk(pid)


def _is_reviewdesk(pid: int) -> bool:
    """Whether the process `pid` is a ReviewDesk, where the system says (Linux's /proc);
    elsewhere any running process is taken for one."""
    if _state(pid) in (b"Z", b"X"):
        return False  # dead, only not yet reaped by its parent: it will never release the lock
    command = _command_line(pid)
    if not command:
        # None: no /proc, or not ours to read. Empty: mid-exec. It cannot be told, so the lock
        # stands.
        return True
    return _starts_reviewdesk(command.rstrip(b"\0").split(b"\0"))


def _starts_reviewdesk(argv: list[bytes]) -> bool:
    """Whether a command line is ReviewDesk's own: its executable, its script or `-m reviewdesk`
    named in an argument. QtWebEngine's helper processes name the application in a flag
    (`--application-name=ReviewDesk`) and hold no lock; with process numbers reused within
    minutes, a dead ReviewDesk's number is often one of theirs."""
    if b"qtwebengineprocess" in os.path.basename(argv[0]).lower():
        return False
    return any(b"reviewdesk" in arg.lower() for arg in argv if not arg.startswith(b"-"))


def _state(pid: int) -> bytes | None:
    """The process's state letter (R, S, Z...) from /proc, None where it cannot be read."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return None
    fields = stat[stat.rfind(b")") + 1 :].split()  # the name in brackets may hold spaces
    return fields[0] if fields else None


def _command_line(pid: int) -> bytes | None:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None


def _running(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return True  # os.kill would end the process there; the writer decides instead
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # running, as another user
    return True
