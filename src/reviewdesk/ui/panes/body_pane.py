"""The body: the Markdown editor, bound to `body`."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QVBoxLayout, QWidget

from reviewdesk.core import bundle
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.widgets.markdown_editor import MarkdownEditor

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.gif *.webp *.svg)"


class BodyPane(QWidget):
    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.editor = MarkdownEditor(choose_image=self._choose_image, import_image=self._import)
        self.editor.text_edited.connect(lambda text: document.set("body", text))
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.editor)
        document.changed.connect(self._refresh)
        self._refresh("")

    def _refresh(self, field: str) -> None:
        if field in ("", "body"):
            self.editor.set_text(self._document.review.body)

    def _choose_image(self) -> Path | None:
        chosen = QFileDialog.getOpenFileName(self, "Insert image", "", IMAGE_FILTER)[0]
        return Path(chosen) if chosen else None

    def _import(self, source: Path) -> str | None:
        """Copy an image into the bundle's assets/ (once) and return its relative path."""
        folder = self._document.folder
        if folder is None:
            return None
        assets = folder / bundle.ASSETS_DIR
        if source.resolve().parent == assets.resolve():
            return f"{bundle.ASSETS_DIR}/{source.name}"
        assets.mkdir(exist_ok=True)
        target = assets / source.name
        counter = 2
        while target.exists():
            target = assets / f"{source.stem}-{counter}{source.suffix}"
            counter += 1
        shutil.copyfile(source, target)
        return f"{bundle.ASSETS_DIR}/{target.name}"
