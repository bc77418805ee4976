"""The offer of what a crash left unsaved: "Unsaved changes to “…” from 14:32", with
Restore, Discard and Later, one recovery copy after the other, newest first.

Restore hands the copy to `restore` (which opens its review and puts the changes in, unsaved);
Discard deletes the copy; Later (also Escape, or closing the box) sets it aside for next time,
where autosaving new edits cannot write over it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from reviewdesk.core import recovery
from reviewdesk.core.recovery import Recovered

RESTORE, DISCARD, LATER = "Restore", "Discard", "Later"


def question(copy: Recovered, now: datetime | None = None) -> str:
    return f"Unsaved changes to “{copy.review.title}” from {saved_when(copy.saved_at, now)}"


def saved_when(saved_at: datetime, now: datetime | None = None) -> str:
    """The copy's time on the local clock: "14:32" today, "14:32 on 3 May" another day."""
    local = saved_at.astimezone()
    now = now or datetime.now().astimezone()
    clock = local.strftime("%H:%M")
    if local.date() == now.date():
        return clock
    day = f"{local.day} {local:%B}"
    return f"{clock} on {day}" if local.year == now.year else f"{clock} on {day} {local.year}"


def where(copy: Recovered) -> str:
    if copy.origin is None:
        return "It is a new review, not saved yet."
    return f"The review is in {copy.origin}."


class RecoveryOffer(QObject):
    """Asks about each copy in turn; `box` is the question on screen (None once done)."""

    finished = Signal()

    def __init__(
        self,
        copies: Iterable[Recovered],
        restore: Callable[[Recovered], bool],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._copies, self._restore, self._parent = list(copies), restore, parent
        self.box: QMessageBox | None = None

    def start(self) -> None:
        self._next()

    def _next(self) -> None:
        if not self._copies:
            self.box = None
            self.finished.emit()
            return
        copy = self._copies.pop(0)
        box = QMessageBox(QMessageBox.Icon.Question, "Unsaved changes", question(copy),
                          parent=self._parent)  # fmt: skip
        box.setInformativeText(
            f"ReviewDesk closed before they were saved. {where(copy)}\n\n"
            "Restore puts them back in the window, to save or undo; Discard deletes them; "
            "Later keeps them for next time."
        )
        restore = box.addButton(RESTORE, QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(DISCARD, QMessageBox.ButtonRole.DestructiveRole)
        box.setEscapeButton(box.addButton(LATER, QMessageBox.ButtonRole.RejectRole))
        box.setDefaultButton(restore)
        box.finished.connect(lambda _result: self._answered(copy, box, restore, discard))
        self.box = box
        box.open()

    def _answered(
        self, copy: Recovered, box: QMessageBox, restore: QAbstractButton, discard: QAbstractButton
    ) -> None:
        box.deleteLater()
        answer = box.clickedButton()
        if answer is restore:
            self._restore(copy)  # not restored (the writer cancelled): the copy stays
        elif answer is discard:
            recovery.discard_copy(copy)
        else:  # Later, Escape, or the box closed
            with contextlib.suppress(OSError):  # a read-only data folder: it stays where it is
                recovery.set_aside(copy)
        self._next()
