"""Notice when another program (an editor, `git checkout`, our CLI) changes the open bundle."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from reviewdesk.core.bundle import BODY_FILE, REVIEW_FILE
from reviewdesk.ui.document import ReviewDocument

WATCHED_FILES = (REVIEW_FILE, BODY_FILE)
# A checkout or an editor's save touches several files in a few milliseconds: one look after.
SETTLE_MS = 150

Fingerprint = dict[str, bytes | None]  # file name -> digest of its bytes, None when missing


def fingerprint(folder: Path | None) -> Fingerprint:
    if folder is None:
        return {}
    return {name: _digest(folder / name) for name in WATCHED_FILES}


def _digest(path: Path) -> bytes | None:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    except OSError:  # missing, a folder, unreadable: all "not the file we loaded"
        return None


class DiskWatcher(QObject):
    """Emits `changed_on_disk` once per new state of `review.yaml` and `body.md` that differs
    from what the document last loaded or saved; `changed_files` then names the files."""

    changed_on_disk = Signal()

    def __init__(self, document: ReviewDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._known: Fingerprint = {}
        self.changed_files: tuple[str, ...] = ()
        self._watcher = QFileSystemWatcher(self)
        self._timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._watcher.fileChanged.connect(lambda _path: self._timer.start())
        self._watcher.directoryChanged.connect(lambda _path: self._timer.start())
        self._timer.timeout.connect(self._settled)
        document.folder_changed.connect(self.rewatch)
        # `saved` is emitted before the event loop delivers our own writes' notifications,
        # so by then the fingerprint already matches and they pass unnoticed. Re-arming also
        # watches a folder that the save has just created again.
        document.saved.connect(self.rewatch)
        self.rewatch()

    def watched_paths(self) -> list[str]:
        return self._watcher.files() + self._watcher.directories()

    def rewatch(self) -> None:
        """Watch the document's (new) folder and take its state as the known one."""
        self._timer.stop()
        stale = self.watched_paths()
        if stale:
            self._watcher.removePaths(stale)
        self._arm()
        self._known = fingerprint(self._document.folder)

    def _arm(self) -> None:
        """(Re-)add every path that exists. A file replaced by a rename is dropped by the
        watcher, or left watching the old inode, so the files are always added afresh; the
        folder's own watch reports the files coming back after a delete, and its parent's
        the folder renamed (inotify tells a watched folder nothing of its own rename)."""
        folder = self._document.folder
        if folder is None:
            return
        files = [str(folder / name) for name in WATCHED_FILES]
        watched = [path for path in files if path in self._watcher.files()]
        if watched:
            self._watcher.removePaths(watched)
        folders = [str(folder), str(folder.parent)]
        wanted = [path for path in [*files, *folders] if Path(path).exists()]
        wanted = [path for path in wanted if path not in self._watcher.directories()]
        if wanted:
            self._watcher.addPaths(wanted)

    def _settled(self) -> None:
        self._arm()  # before reading, so a change made while we read is noticed again
        current = fingerprint(self._document.folder)
        if current == self._known:
            return
        self.changed_files = tuple(
            name for name in WATCHED_FILES if current.get(name) != self._known.get(name)
        )
        # Remembered as seen, so unrelated noise in the folder does not announce it again.
        self._known = current
        self.changed_on_disk.emit()
