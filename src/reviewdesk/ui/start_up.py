"""Where the window starts, with no review named: on the review whose changes a crash left
unsaved (offered back at once), else on the last review the writer had; with none (or the last
one gone, which the status bar then says), on a new review with the library open beside it, to
pick one. The sample is for the very first start only."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer

from reviewdesk.core import bundle_files, user_files
from reviewdesk.ui.settings import Settings

if TYPE_CHECKING:
    from reviewdesk.core.recovery import Recovered
    from reviewdesk.ui.main_window import MainWindow

FALLBACK_MS = 15_000


@dataclass(frozen=True)
class Start:
    folder: Path | None  # the review to open; None: a new one
    copies: tuple[Recovered, ...]  # recovery copies to offer, those of `folder` first
    said: str = ""  # what the status bar says of the choice
    library: bool = False  # show the library: no review to go back to


def choose(folder: Path | None, settings: Settings) -> Start:
    """Where to start: `folder` when the writer named one, and which copies to offer."""
    from reviewdesk.core import recovery  # noqa: PLC0415 (it reads copies as models: after the first look)

    copies = recovery.pending()
    said, library = "", False
    if folder is None:
        folder = next((c.origin for c in copies if c.origin and _is_bundle(c.origin)), None)
    if folder is None:
        folder, said = last_review(settings)
        library = folder is None
    first = [c for c in copies if folder and recovery.same_bundle(c.origin, folder)]
    rest = [c for c in copies if c not in first]
    return Start(folder, (*first, *rest), said, library)


def first_folder(folder: Path | None, settings: Settings) -> Path | None:
    """The review `choose` will start on, told before the models load, for the window's first
    look: `folder`, else the last review; None when copies of unsaved edits wait (reading
    them decides), at the very first start, or when the start is on a new review."""
    if folder is not None:
        return folder
    with contextlib.suppress(OSError):
        if any(user_files.recovery_dir().iterdir()):
            return None
    recent = settings.recent_files()  # as last_review, without copying the sample
    return Path(recent[0]) if recent and _is_bundle(Path(recent[0])) else None


def last_review(settings: Settings) -> tuple[Path | None, str]:
    """The review the writer had last; the sample at the very first start; else None (the
    library), and why when the last review is gone."""
    recent = settings.recent_files()
    if not recent and not _sample().exists():
        return user_files.sample_copy(), ""  # the very first start
    last = Path(recent[0]) if recent else None
    if last is not None and _is_bundle(last):
        return last, ""
    gone = last is not None and last != _sample()
    return None, f"Your last review is no longer in {last}: pick one in the library" if gone else ""


def begin_once_up(window: MainWindow, start: Start) -> None:
    """`begin` once the window is up for good: when the preview has shown its first page.
    Its web view, as it starts drawing, makes Qt create the window anew (a window drawn on
    the GPU): a question put up before stays with the old one, under the new, out of sight
    (seen under X11), and a start would look frozen. A preview that never shows a page
    waits no more than FALLBACK_MS."""
    begun: list[bool] = []

    def once() -> None:
        if not begun:
            begun.append(True)
            QTimer.singleShot(0, window, lambda: begin(window, start))  # after the new window

    if window.preview.isVisibleTo(window):
        window.preview.ready.connect(once, Qt.ConnectionType.SingleShotConnection)
        QTimer.singleShot(FALLBACK_MS, window, once)
    else:
        once()


def begin(window: MainWindow, start: Start) -> None:
    """Once the window is up: say what the choice was, remember the review as the last one,
    and offer the copies."""
    if start.said:
        window.statusBar().showMessage(start.said)  # until another message
    folder = window.document.folder
    if folder is not None and folder != _sample():
        window.files.remember(folder)
    if start.library:
        from reviewdesk.ui.library.launcher import show_library  # noqa: PLC0415 (not at first paint)

        show_library(window, window.settings)
    window.files.offer_at_start(start.copies)


def _sample() -> Path:
    """Where the writer's copy of the sample is, made or not."""
    return user_files.data_dir() / user_files.SAMPLE_NAME


def _is_bundle(folder: Path) -> bool:
    return (folder / bundle_files.REVIEW_FILE).is_file()
