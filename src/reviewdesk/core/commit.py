"""Several files of one folder replaced together (a bundle's `review.yaml` and `body.md`): a
crash at any moment, followed by anything a writer does next, leaves one consistent version.

A commit stages every new file in full (fsynced temporary files), keeps the old files under a
second name (a hard link, or a copy where the file system has no links), writes a journal
saying what it found and what it writes, sealed with this user's key, renames the new files
over the old, then removes the journal and the old names. A crash between two renames leaves
the journal. It is data, never a command: it is followed only when this user's ReviewDesk
sealed it and it names nothing but the files a commit makes (any other is ignored with a
warning, and the files read as they are on disk), and the files on disk decide which way it
goes. Each file is either as the commit found it (`before`), as it wrote it (`after`), or
changed by someone since (a writer's editor, `git checkout`):

- no file changed since: the commit is completed (rolled forward);
- a file changed while it still held the old version, or put back to the old version after
  its rename (a checkout): the writer went on from the old version, so the commit is undone
  (rolled back) around their change;
- a file changed after it got the new version: the writer went on from the new version, so
  the commit is completed around their change;
- both at once: the files are kept as they are, and the writer is told.

Loads read through `view()` and never write; the next commit in the folder settles the
journal the same way before it writes. Commits and loads of one folder take turns through
`folder_lock`."""

from __future__ import annotations

import contextlib
import enum
import errno
import hashlib
import hmac
import json
import os
import re
import secrets
import stat
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewdesk.core import folder_lock, safe_files
from reviewdesk.core.atomic import discard, fsync_folder, replaceable, stage

JOURNAL = ".reviewdesk-commit.json"
JOURNAL_FORMAT = "reviewdesk-commit/2"
JOURNAL_MAX_BYTES = 64 * 1024
# What a journal's files may weigh: the largest file a bundle holds, with room to spare.
FILE_MAX_BYTES = 16 << 20
_TOKEN = r"[A-Za-z0-9_]{1,64}"


@dataclass(frozen=True)
class Fingerprint:
    size: int
    sha256: str

    @classmethod
    def of(cls, data: bytes) -> Fingerprint:
        return cls(len(data), hashlib.sha256(data).hexdigest())

    def as_json(self) -> dict[str, Any]:
        return {"size": self.size, "sha256": self.sha256}


@dataclass(frozen=True)
class Entry:
    """One file of a commit: `temp` holds its new content, `backup` (a hard link made before
    the rename, None where links are not possible) its old one."""

    target: str
    temp: str
    backup: str | None
    before: Fingerprint | None  # None: the file did not exist
    after: Fingerprint


class State(enum.Enum):
    PENDING = "not yet renamed"
    DONE = "renamed"
    REVERTED = "put back to the old version after its rename"
    EDITED_OLD = "changed while it held the old version"
    EDITED_NEW = "changed after it got the new version"


class Way(enum.Enum):
    FORWARD = "forward"
    BACK = "back"
    KEEP = "keep"


@dataclass(frozen=True)
class View:
    """Where the current content of each file is, and what the writer should be told."""

    sources: Mapping[str, Path]
    notes: tuple[str, ...] = ()

    def source(self, folder: Path, name: str) -> Path:
        return self.sources.get(name, folder / name)


def view(folder: Path, names: Collection[str]) -> View:
    """How the files `names` of `folder` read now, through an interrupted commit's journal
    if there is one. Writes nothing; hold `folder_lock` (shared) around it and the reads."""
    journal, notes = _journal(folder, names)
    if journal is None:
        return View({}, tuple(notes))
    plan = _plan(folder, journal)
    sources: dict[str, Path] = {}
    for entry, state in plan.states:
        if plan.way is Way.FORWARD and state is State.PENDING:
            sources[entry.target] = folder / entry.temp
        elif plan.way is Way.BACK and state is State.DONE and entry.backup:
            sources[entry.target] = folder / entry.backup
    return View(sources, (*notes, plan.note()))


def commit(
    folder: Path, changes: Callable[[], Mapping[str, bytes]], names: Collection[str]
) -> tuple[str, ...]:
    """Replace files of `folder` with new data, all or none. `changes()` says which and
    with what; it runs once an earlier interrupted commit is settled, with the folder
    locked, so it may compare with the files as they are. `names` are every file this kind
    of folder commits together (a journal naming others is not ours). Returns what the
    writer should be told about an earlier interrupted commit. Raises OSError naming the
    file that could not be written; then nothing changed but that settling."""
    with folder_lock.locked(folder, exclusive=True) as locked:
        notes = settle(folder, names)
        remove_strays(folder, names, locked)
        if files := changes():
            _write(folder, files)
    return notes


def settle(folder: Path, names: Collection[str]) -> tuple[str, ...]:
    """Finish an interrupted commit the way `view` reads it, and remove its journal.
    Hold `folder_lock` (exclusive) around it."""
    journal, notes = _journal(folder, names)
    if journal is not None:
        plan = _plan(folder, journal)
        for entry, state in plan.states:
            if plan.way is Way.FORWARD and state is State.PENDING:
                os.replace(folder / entry.temp, folder / entry.target)
            elif plan.way is Way.BACK and state is State.DONE and entry.backup:
                os.replace(folder / entry.backup, folder / entry.target)
        fsync_folder(folder)
        notes.append(plan.note())
    if journal is not None or (folder / JOURNAL).exists():
        (folder / JOURNAL).unlink(missing_ok=True)
        fsync_folder(folder)
    return tuple(notes)


def remove_strays(folder: Path, names: Collection[str], locked: bool) -> None:
    """Temporary and old files of `names` that an interrupted commit left. Unlocked, another
    process may be committing: only files older than a commit could take are removed."""
    pattern = re.compile(_stray_pattern(names))
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for found in entries:
        if pattern.fullmatch(found.name) and (locked or _older_than(found, 60.0)):
            with contextlib.suppress(OSError):
                os.unlink(found.path)


def _write(folder: Path, files: Mapping[str, bytes]) -> None:
    existing = {name: replaceable(folder / name) for name in files}
    staged: list[tuple[str, Path]] = []
    entries: list[Entry] = []
    try:
        for name, data in files.items():
            staged.append((name, stage(folder / name, data, existing[name])))
        if len(files) == 1:
            ((name, temp),) = staged
            os.replace(temp, folder / name)
            fsync_folder(folder)
            return
        for name, temp in staged:
            entries.append(_entry(folder, name, temp, files[name], existing[name]))
    except BaseException:
        for _, temp in staged:
            discard(temp)
        for entry in entries:
            if entry.backup:
                discard(folder / entry.backup)
        raise
    _apply(folder, entries)


def _entry(
    folder: Path, name: str, temp: Path, data: bytes, existing: os.stat_result | None
) -> Entry:
    """The journal entry of one staged file, its old version kept under a second name (a hard
    link, or a copy where the file system has none)."""
    before = None
    backup = None
    if existing is not None:
        old = _read(folder / name)
        before = Fingerprint.of(old)
        backup = temp.name.removesuffix(".tmp") + ".old"
        try:
            os.link(folder / name, folder / backup)
        except OSError:
            # No hard links here (vfat, exFAT, some shares): a copy keeps the old version just
            # as well, so a crash between the renames can still be undone around an edit.
            copy = stage(folder / name, old, existing)
            try:
                os.replace(copy, folder / backup)
            except BaseException:
                discard(copy)
                raise
    return Entry(name, temp.name, backup, before, Fingerprint.of(data))


def _apply(folder: Path, entries: list[Entry]) -> None:
    journal = folder / JOURNAL
    try:
        _write_journal(journal, entries)
    except BaseException:
        for entry in entries:
            discard(folder / entry.temp)
            if entry.backup:
                discard(folder / entry.backup)
        raise
    for entry in entries:
        os.replace(folder / entry.temp, folder / entry.target)
    fsync_folder(folder)
    journal.unlink()
    for entry in entries:
        if entry.backup:
            discard(folder / entry.backup)
    fsync_folder(folder)


def _as_json(entries: Collection[Entry]) -> list[dict[str, Any]]:
    return [
        {
            "target": entry.target,
            "temp": entry.temp,
            "backup": entry.backup,
            "before": entry.before.as_json() if entry.before else None,
            "after": entry.after.as_json(),
        }
        for entry in entries
    ]


def _write_journal(journal: Path, entries: list[Entry]) -> None:
    data: dict[str, Any] = {"format": JOURNAL_FORMAT, "entries": _as_json(entries)}
    key = seal_key(create=True)
    if key is not None:  # unsealed (no data folder to keep the key in): read as untrusted
        data["seal"] = _seal(key, entries)
    temp = stage(journal, json.dumps(data, allow_nan=False).encode("utf-8"), None)
    try:
        os.replace(temp, journal)
    except BaseException:
        discard(temp)
        raise
    fsync_folder(journal.parent)


# --- sealing a journal ------------------------------------------------------------------------
#
# A journal's temporary files hold the only copy of a crashed save's new version, and a journal
# may say anything: a forged one (a hidden `.body.md.x.tmp` holding other text, with the right
# hashes) would make every load, and so every export, publish what no reader of the bundle's
# files sees. So a journal is sealed with an HMAC under a key of this user's, kept in their data
# folder, never in the bundle: only a journal this user's ReviewDesk wrote is followed. Any
# other (another user's, another machine's, forged) is ignored with a warning and the files are
# read as they are on disk.

SEAL_KEY_FILE = "commit-seal.key"
_SEAL_KEY_BYTES = 32


def seal_key(*, create: bool) -> bytes | None:
    """This user's key for sealing journals; made when `create` and missing. None when there is
    none, or it cannot be read or made (a read-only home)."""
    from reviewdesk.core import user_files  # noqa: PLC0415 (only commits and journals need it)

    path = user_files.data_dir() / SEAL_KEY_FILE
    with contextlib.suppress(OSError):
        key = _read(path, limit=_SEAL_KEY_BYTES)
        if len(key) == _SEAL_KEY_BYTES:
            return key
    if not create:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = secrets.token_bytes(_SEAL_KEY_BYTES)
        temp = stage(path, fresh, None)
        os.chmod(temp, 0o600)
        os.replace(temp, path)  # whole or not at all: a cut-short key is never used
    except OSError:
        return None
    return fresh


def _seal(key: bytes, entries: Collection[Entry]) -> str:
    text = json.dumps(_as_json(entries), sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


def _check_seal(data: dict[str, Any], entries: tuple[Entry, ...]) -> None:
    seal = data.get("seal")
    key = seal_key(create=False)
    if (
        not isinstance(seal, str)
        or key is None
        or not hmac.compare_digest(seal, _seal(key, entries))
    ):
        raise _NotOursError(
            "it was not written by your ReviewDesk on this computer; the files are read as"
            " they are on disk"
        )


# --- reading a journal -----------------------------------------------------------------------


class _NotOursError(ValueError):
    pass


def _journal(folder: Path, names: Collection[str]) -> tuple[tuple[Entry, ...] | None, list[str]]:
    """The journal of `folder` when there is one this code wrote, and a note when there is
    one it did not."""
    path = folder / JOURNAL
    try:
        data = _read(path, limit=JOURNAL_MAX_BYTES)
    except FileNotFoundError:
        return None, []
    except OSError as error:
        ours = (error.strerror or "").startswith("is ")  # _read's own words
        return None, [f"ignored: it {error.strerror if ours else f'cannot be read: {error}'}"]
    try:
        return _entries(json.loads(data), names), []
    except RecursionError:
        return None, ["ignored: it is nested too deeply"]
    except (ValueError, _NotOursError) as error:
        # Also a journal whose own write a crash cut short: nothing was renamed yet.
        return None, [f"ignored: {error}"]


def _entries(data: Any, names: Collection[str]) -> tuple[Entry, ...]:
    if not isinstance(data, dict) or data.get("format") != JOURNAL_FORMAT:
        raise _NotOursError("not a journal of this version of ReviewDesk")
    raw = data.get("entries")
    if not isinstance(raw, list) or not raw:
        raise _NotOursError("it lists no files")
    entries = tuple(_parse_entry(item, names) for item in raw)
    files = [entry.target for entry in entries]
    files += [entry.temp for entry in entries]
    files += [entry.backup for entry in entries if entry.backup]
    if len(set(files)) != len(files):
        raise _NotOursError("it names a file twice")
    _check_seal(data, entries)
    return entries


def _parse_entry(item: Any, names: Collection[str]) -> Entry:
    if not isinstance(item, dict):
        raise _NotOursError("an entry is not a mapping")
    target = item.get("target")
    if not isinstance(target, str) or target not in names:
        raise _NotOursError(f"it names {target!r}, not a file of the review")
    prefix = re.escape(f".{target}.")
    temp, backup = item.get("temp"), item.get("backup")
    if not isinstance(temp, str) or not re.fullmatch(rf"{prefix}{_TOKEN}\.tmp", temp):
        raise _NotOursError(f"{temp!r} is not a temporary file of {target}")
    if backup is not None and (
        not isinstance(backup, str) or not re.fullmatch(rf"{prefix}{_TOKEN}\.old", backup)
    ):
        raise _NotOursError(f"{backup!r} is not an old copy of {target}")
    before = None if item.get("before") is None else _fingerprint(item["before"])
    return Entry(target, temp, backup, before, _fingerprint(item.get("after")))


def _fingerprint(data: Any) -> Fingerprint:
    size = data.get("size") if isinstance(data, dict) else None
    digest = data.get("sha256") if isinstance(data, dict) else None
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise _NotOursError("a file size is not a number")
    if not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest):
        raise _NotOursError("a file hash is not a SHA-256")
    return Fingerprint(size, digest)


def _stray_pattern(names: Collection[str]) -> str:
    files = "|".join(re.escape(name) for name in [*names, JOURNAL])
    return rf"\.(?:{files})\.{_TOKEN}\.(?:tmp|old)"


# --- deciding ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    states: tuple[tuple[Entry, State], ...]
    way: Way
    both_sides: bool = False  # files changed from the old version and from the new one

    def note(self) -> str:
        where = "a save interrupted by a crash"
        changed = [
            f"{entry.target} {state.value}"
            for entry, state in self.states
            if state in (State.REVERTED, State.EDITED_OLD, State.EDITED_NEW)
        ]
        if self.way is Way.FORWARD and not changed:
            return f"{where} was completed"
        if self.way is Way.FORWARD:
            return f"{where} was completed around the newer file ({', '.join(changed)})"
        if self.way is Way.BACK:
            return f"{where} was undone, keeping the version from before it ({', '.join(changed)})"
        if self.both_sides:
            why = "files on both sides of it changed since"
        else:  # a link-less file system of an older version, or the copy changed
            why = "the copy of the version from before it is gone, so it cannot be undone"
        return (
            f"{where} was left as the files are on disk ({', '.join(changed)}): {why}; "
            "check that they belong together"
        )


def _plan(folder: Path, journal: tuple[Entry, ...]) -> _Plan:
    states = tuple((entry, _state(folder, entry)) for entry in journal)
    found = {state for _, state in states}
    old_side = found & {State.REVERTED, State.EDITED_OLD}
    new_side = State.EDITED_NEW in found
    if old_side and new_side:
        way = Way.KEEP
    elif old_side:
        restorable = all(
            _backup_holds(folder, entry) for entry, state in states if state is State.DONE
        )
        way = Way.BACK if restorable else Way.KEEP
    else:
        way = Way.FORWARD
    return _Plan(states, way, bool(old_side and new_side))


def _state(folder: Path, entry: Entry) -> State:
    now = _current(folder / entry.target)  # a link is never one of ours: it changed
    if now == entry.after:
        return State.DONE
    waiting = _holds(folder / entry.temp, entry.after)
    if now == entry.before:
        return State.PENDING if waiting else State.REVERTED
    return State.EDITED_OLD if waiting else State.EDITED_NEW


def _backup_holds(folder: Path, entry: Entry) -> bool:
    return (
        entry.backup is not None
        and entry.before is not None
        and (_holds(folder / entry.backup, entry.before))
    )


def _current(path: Path) -> Fingerprint | str | None:
    """A file's fingerprint; None when it is missing; a reason when it cannot be read (then
    it matches no version: it changed)."""
    try:
        return Fingerprint.of(_read(path))
    except FileNotFoundError:
        return None
    except OSError as error:
        return error.strerror or str(error)


def _holds(path: Path, expected: Fingerprint) -> bool:
    """Whether the commit's own file `path` is there with the content the journal says: a
    regular file, not a link, not linked elsewhere."""
    try:
        data = _read(path, single_link=True)
    except OSError:
        return False
    return Fingerprint.of(data) == expected


def _read(path: Path, *, limit: int = FILE_MAX_BYTES, single_link: bool = False) -> bytes:
    """The bytes of the regular file `path` itself, not through a link (`safe_files` never
    blocks on a FIFO nor reads past `limit`). OSError says why it is not one of ours."""
    found = os.lstat(path)
    if stat.S_ISLNK(found.st_mode):
        raise OSError(errno.ELOOP, "is a link", str(path))
    if single_link and found.st_nlink != 1:
        raise OSError(errno.EINVAL, "is linked elsewhere", str(path))
    try:
        return safe_files.read_regular(path, limit)
    except safe_files.UnsafeFile as unsafe:
        raise OSError(errno.EINVAL, unsafe.message, str(path)) from None


def _older_than(entry: os.DirEntry[str], seconds: float) -> bool:
    import time  # noqa: PLC0415 (only an unlocked folder needs the clock)

    try:
        return time.time() - entry.stat(follow_symlinks=False).st_mtime > seconds
    except OSError:
        return False
