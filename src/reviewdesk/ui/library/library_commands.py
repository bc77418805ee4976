"""The library's commands on the selected reviews: open, new, new from a review, duplicate,
rename, move to the trash, set the status, add or remove a tag.

The review open in the main window is changed through its document (so the change is in its
undo history and nothing saves over it), the others on disk (core/library_ops.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QMenuBar, QMessageBox, QWidget

from reviewdesk.core import library_ops
from reviewdesk.core.comparison import MAX_REVIEWS, MIN_REVIEWS
from reviewdesk.core.library_index import Entry
from reviewdesk.core.model import Status
from reviewdesk.core.problems import BundleError
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.library.export_selection import ExportSelection

if TYPE_CHECKING:
    from reviewdesk.ui.library.compare_window import CompareWindow


@dataclass(frozen=True)
class LibraryHost:
    """What the library asks of the main window."""

    document: ReviewDocument
    open_review: Callable[[Path], bool]  # raises the window on it; False if not opened
    new_review: Callable[[], bool]
    save_review: Callable[[], bool]  # the open review, before its folder is renamed
    export_folder: Callable[[], Path]  # where Export Selection offers to write


STATUS_WORDS = (("&Draft", Status.DRAFT), ("&Ready", Status.READY),
                ("&Published", Status.PUBLISHED))  # fmt: skip


class LibraryCommands:
    def __init__(
        self,
        host: LibraryHost,
        window: QWidget,
        selected: Callable[[], list[Entry]],
        refresh: Callable[[], None],
    ) -> None:
        self._host, self._window = host, window
        self._selected, self._refresh = selected, refresh
        self.actions: dict[str, QAction] = {}
        add = self._action
        add("open", "&Open", self.open_selected, "Return", one=True)
        add("new", "&New Review", host.new_review, QKeySequence.StandardKey.New, always=True)
        add("template", "New &From This Review…", self.new_from_selected, one=True)
        add("duplicate", "D&uplicate", self.duplicate_selected, "Ctrl+D")
        add("rename", "Re&name…", self.rename_selected, "F2", one=True)
        add("trash", "Move to &Trash", self.trash_selected, QKeySequence.StandardKey.Delete)
        for label, status in STATUS_WORDS:
            add(f"status-{status}", label, lambda _=False, s=status: self.set_status(s))
        add("add-tag", "&Add Tag…", self.add_tag)
        add("remove-tag", "Re&move Tag…", self.remove_tag)
        add("export", "&Export Selection…", self.export_selected, "Ctrl+E")
        add("compare", "&Compare…", self.compare_selected, "Ctrl+Shift+C", compare=True)
        self.enable()

    def _action(
        self,
        name: str,
        text: str,
        run: Callable[..., object],
        shortcut: str | QKeySequence.StandardKey | None = None,
        *,
        one: bool = False,
        always: bool = False,
        compare: bool = False,
    ) -> None:
        action = QAction(text, self._window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: run())
        needs = "none" if always else "one" if one else "compare" if compare else "some"
        action.setProperty("needs", needs)
        self._window.addAction(action)
        self.actions[name] = action

    def enable(self) -> None:
        """Each command is there when the selection suits it."""
        count = len(self._selected())
        fits = {"none": True, "one": count == 1, "some": count > 0,
                "compare": MIN_REVIEWS <= count <= MAX_REVIEWS}  # fmt: skip
        for action in self.actions.values():
            action.setEnabled(fits[action.property("needs")])

    def fill_menus(self, bar: QMenuBar) -> None:
        review = bar.addMenu("&Review")
        for name in ("open", "new", "template", "duplicate", "rename"):
            review.addAction(self.actions[name])
        review.addAction(self.actions["export"])
        review.addAction(self.actions["compare"])
        review.addSeparator()
        review.addAction(self.actions["trash"])
        self._fill_changes(bar.addMenu("&Change"))

    def fill_context_menu(self, menu: QMenu) -> None:
        for name in ("open", "template", "duplicate", "rename", "export", "compare"):
            menu.addAction(self.actions[name])
        self._fill_changes(menu.addMenu("&Change"))
        menu.addSeparator()
        menu.addAction(self.actions["trash"])

    def _fill_changes(self, menu: QMenu) -> None:
        status = menu.addMenu("Set &Status")
        for _label, value in STATUS_WORDS:
            status.addAction(self.actions[f"status-{value}"])
        menu.addAction(self.actions["add-tag"])
        menu.addAction(self.actions["remove-tag"])

    # --- the commands ----------------------------------------------------------------------

    def open_selected(self) -> bool:
        chosen = self._selected()
        return len(chosen) == 1 and self._host.open_review(chosen[0].path)

    def new_from_selected(self) -> Path | None:
        """A new review made of the selected one, under a title the writer gives; opened."""
        chosen = self._selected()
        if len(chosen) != 1:
            return None
        title, ok = QInputDialog.getText(
            self._window, "New from this review", "Title of the new review:"
        )
        if not ok or not title.strip():
            return None
        made = self._copy(chosen[0], title.strip())
        if made is not None:
            self._host.open_review(made)
        return made

    def duplicate_selected(self) -> list[Path]:
        made = [m for e in self._selected() if (m := self._copy(e, f"{e.title} (copy)"))]
        self._refresh()
        return made

    def _copy(self, entry: Entry, title: str) -> Path | None:
        try:
            made = library_ops.copy_review(entry.path, title)
        except (BundleError, OSError, ValueError) as error:
            self._tell(f"“{entry.title}” could not be copied", str(error))
            return None
        self._refresh()
        return made

    def export_selected(self) -> ExportSelection | None:
        """The selected reviews in one format into one folder, with progress and Cancel."""
        chosen = [entry.path for entry in self._selected()]
        if not chosen:
            return None
        dialog = ExportSelection(chosen, self._host.export_folder(), self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def compare_selected(self) -> CompareWindow | None:
        """The selected reviews side by side, in the preview first, then to export."""
        chosen = self._selected()
        if not MIN_REVIEWS <= len(chosen) <= MAX_REVIEWS:
            return None
        # Imported here: the comparison's renderer and web view are for this command only.
        from reviewdesk.ui.library.compare_window import CompareWindow, load_reviews  # noqa: PLC0415

        try:
            reviews = load_reviews([entry.path for entry in chosen])
        except BundleError as error:
            self._tell("These reviews cannot be compared", str(error))
            return None
        window = CompareWindow(reviews, self._host.export_folder(), self._window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        return window

    def rename_selected(self) -> Path | None:
        """A new slug, and the folder named after it."""
        chosen = self._selected()
        if len(chosen) != 1:
            return None
        entry = chosen[0]
        slug, ok = QInputDialog.getText(
            self._window,
            "Rename",
            "The review's slug (its address on the site, and its folder's name):",
            text=entry.slug,
        )
        if not ok or not slug.strip() or slug.strip() == entry.slug:
            return None
        is_open = self._is_open(entry.path)
        if is_open and not self._host.save_review():
            return None
        try:
            moved = library_ops.rename(entry.path, slug.strip())
        except BundleError as error:
            self._tell(f"“{entry.title}” could not be renamed", str(error))
            return None
        if is_open:
            self._host.open_review(moved)  # the window follows its review to its new folder
        self._refresh()
        return moved

    def trash_selected(self) -> library_ops.Outcome | None:
        chosen = self._selected()
        if not chosen:
            return None
        if any(self._is_open(entry.path) for entry in chosen):
            self._tell(
                "The review open in the window cannot go to the trash",
                "Open another review first, then move this one to the trash.",
            )
            return None
        names = chosen[0].title if len(chosen) == 1 else f"these {len(chosen)} reviews"
        answer = QMessageBox.question(
            self._window,
            "Move to Trash",
            f"Move {names} to the trash? You can restore them from there.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        outcome = library_ops.trash(entry.path for entry in chosen)
        self._report(outcome, "could not go to the trash")
        return outcome

    def set_status(self, status: Status) -> library_ops.Outcome:
        return self._change(
            lambda folders: library_ops.set_status(folders, status),
            lambda document: document.set("status", status, merge=False),
            "status not changed",
        )

    def add_tag(self) -> library_ops.Outcome | None:
        tag = self._ask_tag("Add a tag", "Tag to add to the selected reviews:")
        if tag is None:
            return None

        def on_document(document: ReviewDocument) -> None:
            if tag.casefold() not in (t.casefold() for t in document.review.tags):
                document.set("tags", [*document.review.tags, tag], merge=False)

        return self._change(
            lambda folders: library_ops.add_tags(folders, [tag]), on_document, "tag not added"
        )

    def remove_tag(self) -> library_ops.Outcome | None:
        tag = self._ask_tag("Remove a tag", "Tag to remove from the selected reviews:")
        if tag is None:
            return None

        def on_document(document: ReviewDocument) -> None:
            kept = [t for t in document.review.tags if t.casefold() != tag.casefold()]
            if kept != document.review.tags:
                document.set("tags", kept, merge=False)

        return self._change(
            lambda folders: library_ops.remove_tags(folders, [tag]), on_document, "tag not removed"
        )

    def _ask_tag(self, title: str, label: str) -> str | None:
        tags = sorted({t for e in self._selected() for t in e.tags}, key=str.casefold)
        tag, ok = QInputDialog.getItem(self._window, title, label, tags, 0, True)
        return tag.strip() if ok and tag.strip() else None

    def _change(
        self,
        on_disk: Callable[[list[Path]], library_ops.Outcome],
        on_document: Callable[[ReviewDocument], None],
        failed: str,
    ) -> library_ops.Outcome:
        chosen = [entry.path for entry in self._selected()]
        open_ones = [path for path in chosen if self._is_open(path)]
        outcome = on_disk([path for path in chosen if path not in open_ones])
        if open_ones:
            on_document(self._host.document)  # unsaved, in its history, like any edit
            outcome.done.extend(open_ones)
        self._report(outcome, failed)
        return outcome

    def _is_open(self, path: Path) -> bool:
        folder = self._host.document.folder
        return folder is not None and folder.resolve() == path.resolve()

    def _report(self, outcome: library_ops.Outcome, failed: str) -> None:
        self._refresh()
        if outcome.failed:
            lines = "\n".join(f"• {line}" for line in outcome.lines()[:20])
            more = len(outcome.failed) - 20
            tail = f"\n… and {more} more" if more > 0 else ""
            self._tell(f"{len(outcome.failed)} review(s): {failed}", lines + tail)

    def _tell(self, what: str, detail: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "Reviews", what, parent=self._window)
        box.setInformativeText(detail)
        box.open()  # not exec: a command run from a test or a script does not wait on it
