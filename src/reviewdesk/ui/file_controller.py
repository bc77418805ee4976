"""File commands: new, open, save, save as, revert, export, asking before losing changes, and
giving back what a crash left unsaved.

A new review has no folder until its first save, which makes one in the reviews folder named
from its slug; Save As chooses another."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMainWindow, QMessageBox, QTabWidget, QWidget

from reviewdesk.core import bundle, exports, recovery, review_folders
from reviewdesk.core.model import Review
from reviewdesk.core.problems import BundleError
from reviewdesk.core.recovery import Recovered
from reviewdesk.ui.bundle_lock import may_open
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import FIELD_PROPERTY
from reviewdesk.ui.settings import LAST_FOLDER, Settings

if TYPE_CHECKING:  # made on the writer's demand, or once the window is up
    from reviewdesk.ui.export_dialog import ExportDialog
    from reviewdesk.ui.recovery_offer import RecoveryOffer

IMPORT_FILTER = "Pages with front matter (*.md *.markdown *.mdx *.html);;All files (*)"
UNTITLED = "Untitled review"
SAID_MS = 15_000  # how long the status bar says what a command did


class FileController(QObject):
    exported = Signal(str)  # the main file written

    def __init__(self, document: ReviewDocument, settings: Settings, window: QWidget) -> None:
        super().__init__(window)
        self._document, self._settings, self._window = document, settings, window
        self.recovery_offer: RecoveryOffer | None = None  # the last offer made

    def open(self, folder: Path | None = None) -> bool:
        if not self._switch(folder):
            return False
        self.offer_recovery()
        return True

    def _switch(self, folder: Path | None) -> bool:
        """Open the bundle at `folder` (or one the writer picks) in place of this one."""
        if not self.maybe_save():
            return False
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(
                self._window, "Open review", self._dialog_folder()
            )
            if not chosen:
                return False
            folder = Path(chosen)
        if not may_open(bundle.folder_of(folder), self._window):
            return False
        try:
            self._document.reopen(folder)
        except BundleError as error:
            self._error("The review could not be opened", error)
            return False
        self.remember(bundle.folder_of(folder))
        return True

    def offer_recovery(self) -> RecoveryOffer | None:
        """After a crash: say how a save it interrupted was settled, and offer the autosaved
        changes of the open review back."""
        self._tell_notes()
        copies = []
        for copy in recovery.of(self._document.folder):
            if copy.review == self._document.review:
                recovery.discard_copy(copy)  # nothing in it that the bundle lacks
            else:
                copies.append(copy)
        return self.offer(copies) if copies else None

    def offer_at_start(self, copies: Iterable[Recovered]) -> RecoveryOffer | None:
        """Once the window is up: how a save a crash interrupted was settled, then the
        changes crashes left unsaved."""
        self._tell_notes()
        copies = list(copies)
        return self.offer(copies) if copies else None

    def offer(self, copies: Iterable[Recovered]) -> RecoveryOffer:
        """Ask about each recovery copy: Restore, Discard or Later."""
        from reviewdesk.ui.recovery_offer import RecoveryOffer  # noqa: PLC0415

        offer = RecoveryOffer(copies, self.restore, self._window)
        self.recovery_offer = offer
        offer.start()
        return offer

    def restore(self, copy: Recovered) -> bool:
        """Put a recovery copy's changes in the window, unsaved: over its review, opened
        first if another is open, or as a new review when its bundle is gone."""
        if not self._open_for(copy):
            return False
        self._document.recover(copy.review)
        try:  # the live copy holds it from now on, whatever it was restored from
            recovery.write(self._document.review, self._document.folder)
        except (OSError, BundleError):
            return True  # the copy restored from stays
        if copy.place != recovery.slot(self._document.folder):
            recovery.discard_copy(copy)
        return True

    def _open_for(self, copy: Recovered) -> bool:
        """The window on the review `copy` was made of: its bundle, or a new review."""
        origin = copy.origin
        if origin is not None and recovery.same_bundle(origin, self._document.folder):
            return True
        if origin is not None and (origin / bundle.REVIEW_FILE).is_file():
            return self._switch(origin)
        if not self.maybe_save():
            return False
        self._document.start_new(Review(title=copy.review.title))
        if origin is not None:
            where = self._settings.reviews_folder()
            self._say(f"“{copy.review.title}” is no longer in {origin}: restored as a new "
                      f"review, to be saved in {where}")  # fmt: skip
        return True

    def open_chosen(self) -> bool:
        """Open a bundle the writer picks in a folder chooser."""
        return self.open(None)

    def new(self) -> bool:
        """A new review to type into at once, its title selected: no folder is asked for
        until it is saved."""
        if not self.maybe_save():
            return False
        self._document.start_new(Review(title=UNTITLED))
        _focus_input(self._window, "title")
        self._say(f"A new review: Save puts it in a folder of {self._settings.reviews_folder()} "
                  "named from its title; Save As chooses another")  # fmt: skip
        return True

    def import_markdown(self) -> bool:
        """Make a bundle of a Markdown file with front matter (Hugo, Jekyll, a CMS export)
        and open it; the file itself is left as it is."""
        if not self.maybe_save():
            return False
        file = QFileDialog.getOpenFileName(
            self._window, "Import Markdown", self._dialog_folder(), IMPORT_FILTER
        )[0]
        if not file:
            return False
        source = Path(file)
        target = QFileDialog.getSaveFileName(
            self._window, "Import: choose the new review's folder", str(source.with_suffix(""))
        )[0]
        if not target:
            return False
        # Here only: the importer reads every site's keys and dates (Babel), which the window
        # need not load before its first paint.
        from reviewdesk.core import importer  # noqa: PLC0415

        try:
            _review, warnings = importer.import_markdown(source, Path(target))
            self._document.reopen(Path(target))
        except BundleError as error:
            self._error(f"{source.name} could not be imported", error)
            return False
        self.remember(Path(target))
        if warnings:
            QMessageBox.information(
                self._window, "Imported, with notes", "\n".join(f"• {w}" for w in warnings)
            )
        return True

    def save(self) -> bool:
        if self._document.folder is None:
            return self._save_new()
        return self._save_to(None)

    def save_as(self) -> bool:
        chosen = QFileDialog.getSaveFileName(
            self._window, "Save review as folder", self._dialog_folder()
        )[0]
        return bool(chosen) and self._save_to(Path(chosen))

    def _save_new(self) -> bool:
        """A review's first save: into a new folder of the reviews folder, named from its
        slug (never over an existing folder: `slug-2`, `slug-3`...)."""
        parent = self._settings.reviews_folder()
        try:
            folder = review_folders.reserve(parent, self._document.review.effective_slug)
        except BundleError as error:
            self._keep_in_recovery_copy()
            self._error("The review could not be saved; your changes are still here", error)
            return False
        if not self._save_to(folder):
            review_folders.release(folder)
            return False
        self._say(f"Saved in {folder}")
        return True

    def revert(self) -> None:
        folder = self._document.folder
        if folder is None or not self._document.modified:
            return
        answer = QMessageBox.question(
            self._window, "Revert", "Discard your changes and reload the saved review?"
        )
        if answer == QMessageBox.StandardButton.Yes:
            try:
                self._document.reopen(folder)
            except BundleError as error:
                self._error("The saved review could not be read", error)
            self._tell_notes()

    def export(self, to: str) -> ExportDialog:
        """Ask where (and how) to export as format `to`; export when the writer says so."""
        from reviewdesk.ui.export_dialog import ExportDialog  # noqa: PLC0415

        review = self._document.review
        name = f"{review.effective_slug}{exports.FORMATS[to].suffix}"
        dialog = ExportDialog(to, name, self._settings, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._export(to, dialog.target, dialog.options()))
        dialog.open()
        return dialog

    def _export(self, to: str, target: Path, options: exports.ExportOptions) -> None:
        folder = self._document.folder or Path.cwd()
        into_folder = exports.FORMATS[to].into_folder
        try:
            result = exports.export(
                self._document.review, folder, to, options, stem="" if into_folder else target.stem
            )
            out = target / result.location if result.location else target
            written = exports.write(result, out)
        except OSError as error:
            QMessageBox.warning(
                self._window, "Export failed", f"{error.filename}: {error.strerror}"
            )
            return
        # Here only: it brings the renderer, which the window's start does not need.
        from reviewdesk.core.exports.superseded import retire  # noqa: PLC0415

        removed, warnings = retire(result, target) if result.location else ([], [])
        self.exported.emit(str(out))
        said = [*result.warnings, *warnings]
        said += [
            f"removed {page}, the earlier page of this review at the same address"
            for page in removed
        ]
        if said:
            notes = "\n".join(f"• {warning}" for warning in said)
            QMessageBox.information(
                self._window, "Exported, with notes", f"Wrote {written[0]}.\n\n{notes}"
            )

    def maybe_save(self) -> bool:
        """True when it is fine to drop the open review (saved, or the writer said so)."""
        if not self._document.modified:
            return True
        answer = QMessageBox.question(
            self._window,
            "Save changes?",
            f"Save the changes to “{self._document.review.title}” before closing it?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            recovery.discard(self._document.folder)
            return True
        return False

    def _save_to(self, folder: Path | None) -> bool:
        before = self._document.folder
        try:
            self._document.save(folder)
        except BundleError as error:
            kept = "your changes are still here"
            if self._keep_in_recovery_copy():
                kept += " and in the recovery copy"
            self._error(f"The review could not be saved; {kept}", error)
            return False
        if not recovery.same_bundle(before, self._document.folder):
            recovery.discard(before)  # saved elsewhere: nothing is left unsaved under `before`
        self._tell_notes()
        if self._document.folder:
            self.remember(self._document.folder)
        return True

    def _keep_in_recovery_copy(self) -> bool:
        """After a failed save, the recovery copy at once, not only in a few seconds."""
        try:
            recovery.write(self._document.review, self._document.folder)
        except (OSError, BundleError):
            return False  # the same full disk, say: the window still has them
        return True

    def _tell_notes(self) -> None:
        if notes := self._document.take_notes():
            QMessageBox.information(self._window, "After a crash", "\n\n".join(notes))

    def remember(self, folder: Path) -> None:
        """The review at `folder` as the last one: first in Open Recent, opened next start."""
        self._settings.add_recent(str(folder), self._document.review.title)
        self._settings.set(LAST_FOLDER, str(folder.parent))

    def _dialog_folder(self) -> str:
        return str(self._settings.get(LAST_FOLDER) or self._settings.reviews_folder())

    def _say(self, text: str) -> None:
        if isinstance(self._window, QMainWindow):
            self._window.statusBar().showMessage(text, SAID_MS)

    def _error(self, what: str, error: BundleError) -> None:
        QMessageBox.warning(self._window, "ReviewDesk", f"{what}.\n\n{error}")


def _focus_input(window: QWidget, field: str) -> None:
    """Focus the input of `field`, bringing up the tab it is on, its text selected."""
    widget = next((w for w in window.findChildren(QWidget) if w.property(FIELD_PROPERTY) == field),
                  None)  # fmt: skip
    if widget is None:
        return
    for tabs in window.findChildren(QTabWidget):
        for index in range(tabs.count()):
            page = tabs.widget(index)
            if page is not None and page.isAncestorOf(widget):
                tabs.setCurrentIndex(index)
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    if isinstance(widget, QLineEdit):
        widget.selectAll()  # typing replaces it
