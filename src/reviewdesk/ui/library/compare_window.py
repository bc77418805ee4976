"""Compare…: 2 to 6 reviews of the library side by side (core/compare.py), shown first in a
sandboxed view as the page will be, then exported as a page, a CMS fragment or a Hugo or
Jekyll page."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QToolButton, QWidget

from reviewdesk.core import bundle, exports
from reviewdesk.core.compare import page_slug, render_comparison
from reviewdesk.core.model import Review
from reviewdesk.core.problems import BundleError
from reviewdesk.ui.preview.page_view import PageView

EXPORTS = (("html", "HTML Page…"), ("fragment", "CMS Fragment…"), ("hugo", "Hugo Page…"),
           ("jekyll", "Jekyll Page…"))  # fmt: skip


class CompareWindow(QMainWindow):
    def __init__(
        self, reviews: Sequence[tuple[Review, Path]], export_folder: Path, parent: QWidget | None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._reviews = list(reviews)
        self._folder = export_folder
        names = " · ".join(review.title for review, _ in self._reviews)
        self.setWindowTitle(f"Compare: {names} — ReviewDesk")
        self.view = PageView(lambda: None)  # the page holds its images: nothing to serve
        self.setCentralWidget(self.view)
        tools = self.addToolBar("Export")
        tools.setMovable(False)
        self.actions_: dict[str, QAction] = {}
        for name, label in EXPORTS:
            action = QAction(f"Export {label}", self)
            action.triggered.connect(lambda _=False, n=name: self.export(n))
            tools.addAction(action)
            self.actions_[name] = action
        for button in tools.findChildren(QToolButton):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        page = render_comparison(self._reviews, options=exports.ExportOptions(embed_images=True))
        self.page_html = page.text
        self.view.show_page(page.text, keep_scroll=False)
        room = self.screen().availableGeometry()
        self.resize(min(1280, room.width() - 48), min(860, room.height() - 48))

    def export(self, to: str, target: Path | None = None) -> Path | None:
        """Write the comparison as `to` at `target` (asked when not given): a file for a page
        or fragment, the content section or site folder for Hugo and Jekyll."""
        site = to in ("hugo", "jekyll")
        target = target or self._ask(to, site)
        if target is None:
            return None
        stem = "" if site else target.stem
        try:
            result = render_comparison(self._reviews, to=to, stem=stem)
            out = target / result.location if site else target
            exports.write(result, out, root=target if site else target.parent)
        except (BundleError, OSError) as error:
            QMessageBox.warning(self, "Compare", f"The comparison could not be written:\n{error}")
            return None
        said = f"Wrote {out}"
        if result.warnings:
            said += f" ({len(result.warnings)} warning(s): {'; '.join(result.warnings)})"
        self.statusBar().showMessage(said)
        return out

    def _ask(self, to: str, site: bool) -> Path | None:
        if site:
            chosen = QFileDialog.getExistingDirectory(
                self, "Into the site folder (Jekyll) or content section (Hugo)", str(self._folder)
            )
        else:
            suggested = self._folder / f"{page_slug(self._reviews, None)}.html"
            chosen = QFileDialog.getSaveFileName(self, "Save the comparison", str(suggested))[0]
        return Path(chosen) if chosen else None


def load_reviews(folders: Sequence[Path]) -> list[tuple[Review, Path]]:
    """The reviews of `folders`, each with its folder. Raises BundleError for one that
    cannot be read."""
    return [(bundle.load(folder), folder) for folder in folders]
