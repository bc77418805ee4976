"""File commands: open, save, save as, revert, export, and asking before losing changes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from reviewdesk.core import bundle, exports, importer, recovery
from reviewdesk.core.problems import BundleError
from reviewdesk.core.slug import title_from_name
from reviewdesk.ui.bundle_lock import may_open
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.export_dialog import ExportDialog
from reviewdesk.ui.settings import LAST_FOLDER, Settings

IMPORT_FILTER = "Pages with front matter (*.md *.markdown *.mdx *.html);;All files (*)"


class FileController(QObject):
    exported = Signal(str)  # the main file written

    def __init__(self, document: ReviewDocument, settings: Settings, window: QWidget) -> None:
        super().__init__(window)
        self._document, self._settings, self._window = document, settings, window

    def open(self, folder: Path | None = None) -> bool:
        if not self.maybe_save():
            return False
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(
                self._window, "Open review", str(self._settings.get(LAST_FOLDER))
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
        self._remember(folder)
        self.offer_recovery()
        return True

    def offer_recovery(self) -> None:
        """After a crash: say how a save it interrupted was settled, and offer the autosaved
        changes of the open review back."""
        self._tell_notes()
        found = recovery.find(self._document.folder)
        if found is None:
            return
        if found.review == self._document.review:
            recovery.discard(self._document.folder)
            return
        when = found.saved_at.astimezone().strftime("%d %B %Y at %H:%M")
        answer = QMessageBox.question(
            self._window,
            "Recover unsaved changes?",
            f"ReviewDesk closed without saving “{found.review.title}”. Recover the changes "
            f"autosaved on {when}? (No discards them.)",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._document.recover(found.review)
        else:
            recovery.discard(self._document.folder)

    def open_chosen(self) -> bool:
        """Open a bundle the writer picks in a folder chooser."""
        return self.open(None)

    def new(self) -> bool:
        if not self.maybe_save():
            return False
        chosen = QFileDialog.getSaveFileName(
            self._window, "New review: choose its folder", str(self._settings.get(LAST_FOLDER))
        )[0]
        if not chosen:
            return False
        try:
            bundle.create(Path(chosen), title_from_name(Path(chosen).name))
        except BundleError as error:
            self._error("The review could not be created", error)
            return False
        self._document.reopen(Path(chosen))
        self._remember(Path(chosen))
        return True

    def import_markdown(self) -> bool:
        """Make a bundle of a Markdown file with front matter (Hugo, Jekyll, a CMS export)
        and open it; the file itself is left as it is."""
        if not self.maybe_save():
            return False
        file = QFileDialog.getOpenFileName(
            self._window, "Import Markdown", str(self._settings.get(LAST_FOLDER)), IMPORT_FILTER
        )[0]
        if not file:
            return False
        source = Path(file)
        target = QFileDialog.getSaveFileName(
            self._window, "Import: choose the new review's folder", str(source.with_suffix(""))
        )[0]
        if not target:
            return False
        try:
            _review, warnings = importer.import_markdown(source, Path(target))
            self._document.reopen(Path(target))
        except BundleError as error:
            self._error(f"{source.name} could not be imported", error)
            return False
        self._remember(Path(target))
        if warnings:
            QMessageBox.information(
                self._window, "Imported, with notes", "\n".join(f"• {w}" for w in warnings)
            )
        return True

    def save(self) -> bool:
        if self._document.folder is None:
            return self.save_as()
        return self._save_to(None)

    def save_as(self) -> bool:
        chosen = QFileDialog.getSaveFileName(
            self._window, "Save review as folder", str(self._settings.get(LAST_FOLDER))
        )[0]
        return bool(chosen) and self._save_to(Path(chosen))

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
        try:
            self._document.save(folder)
        except BundleError as error:
            kept = "your changes are still here"
            try:  # and in the recovery copy at once, not only in a few seconds
                recovery.write(self._document.review, self._document.folder)
            except (OSError, BundleError):
                pass  # the same full disk, say: the window still has them
            else:
                kept += " and in the recovery copy"
            self._error(f"The review could not be saved; {kept}", error)
            return False
        self._tell_notes()
        if self._document.folder:
            self._remember(self._document.folder)
        return True

    def _tell_notes(self) -> None:
        if notes := self._document.take_notes():
            QMessageBox.information(self._window, "After a crash", "\n\n".join(notes))

    def _remember(self, folder: Path) -> None:
        self._settings.add_recent(str(folder))
        self._settings.set(LAST_FOLDER, str(folder.parent))

    def _error(self, what: str, error: BundleError) -> None:
        QMessageBox.warning(self._window, "ReviewDesk", f"{what}.\n\n{error}")
