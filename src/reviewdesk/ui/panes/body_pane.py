"""The body: the Markdown editor, bound to `body`, its spelling checked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QVBoxLayout, QWidget

from reviewdesk.core.assets import AssetError
from reviewdesk.ui.asset_import import IMAGE_FILTER, import_asset
from reviewdesk.ui.body_spelling import BodySpelling
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.widgets.markdown_editor import MarkdownEditor


class BodyPane(QWidget):
    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.editor = MarkdownEditor(choose_image=self._choose_image, import_image=self._import)
        self.editor.text_edited.connect(lambda text: document.set("body", text))
        self.spelling = BodySpelling(document, self.editor)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.editor)
        document.changed.connect(self._refresh)
        self._refresh("")

    def _refresh(self, field: str) -> None:
        if field in ("", "body"):
            # The body alone changed, not by typing here (that text is the editor's already):
            # an undo or redo step.
            self.editor.set_text(self._document.review.body, step=field == "body")

    def _choose_image(self) -> Path | None:
        chosen = QFileDialog.getOpenFileName(self, "Insert image", "", IMAGE_FILTER)[0]
        return Path(chosen) if chosen else None

    def _import(self, source: Path) -> str | None:
        folder = self._document.folder
        if folder is None:
            return None
        try:
            return import_asset(folder, source)
        except AssetError as error:
            QMessageBox.warning(self, "Image not added", str(error))
            return None
